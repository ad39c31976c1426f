import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emptyAccount } from '../../../contract/account';
import { TestEncryptor } from '../../../e2e/fixtures/test-encryptor';
import { createAppCore } from '../app-core';
import { createMemoryLogger } from '../logger';
import { tempDir } from '../test-helpers';
import { CertFactory, opensslDate, type TestCa } from './test-certs';

// The administrator's CA bundle reaches the trust decision through the
// machine policy (trust.caCertificates), for the configured PBX host only.

const PBX = 'pbx.example.test';
let certs: CertFactory;
let ca: TestCa;

beforeAll(() => {
  certs = new CertFactory();
  ca = certs.selfSigned('Company CA', { ca: true });
});
afterAll(() => certs.dispose());

describe('policy trust.caCertificates', () => {
  it('trusts a leaf from the policy CA for the configured host, and nowhere else', async () => {
    const dir = await tempDir();
    const policyFile = join(dir, 'policy.json');
    await writeFile(
      policyFile,
      JSON.stringify({
        version: 1,
        values: { 'trust.caCertificates': [ca.pem], 'account.wsUrl': `wss://${PBX}:8089/ws` },
        locked: ['trust.caCertificates'],
      }),
    );
    const core = await createAppCore({
      userDataDir: join(dir, 'profile'),
      encryptor: new TestEncryptor(),
      platform: 'linux',
      logger: createMemoryLogger(),
      policyFile,
    });
    await core.settings.update({
      account: { ...emptyAccount(), sipAddress: `1001@${PBX}`, wsUrl: `wss://${PBX}:8089/ws` },
    });
    const forPbx = certs.leaf(ca, PBX, opensslDate(-1), opensslDate(10));
    const forOther = certs.leaf(ca, 'intranet.example.test', opensslDate(-1), opensslDate(10));
    expect(core.certificates.decide(PBX, [forPbx])).toMatchObject({ trusted: true, reason: 'admin-ca' });
    expect(core.certificates.decide('intranet.example.test', [forOther]).trusted).toBe(false);
  });
});
