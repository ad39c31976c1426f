import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { POLICY_KEY_NAMES } from '../../../contract/policy';
import { policyReferenceTable, withPolicyReference } from './policy-docs';

const DOC = fileURLToPath(new URL('../../../docs/deploying.md', import.meta.url));

describe('policy reference in docs/deploying.md', () => {
  it('lists every policy key', () => {
    const table = policyReferenceTable();
    for (const key of POLICY_KEY_NAMES) expect(table).toContain(`\`${key}\``);
  });

  it('is up to date with contract/policy.ts (run npm run docs:policy if this fails)', async () => {
    const doc = await readFile(DOC, 'utf8');
    expect(withPolicyReference(doc)).toBe(doc);
  });
});
