import { describe, expect, it } from 'vitest';
import { FakeClipboard } from '../../../e2e/fixtures/desk-fakes';
import { readDialTarget } from './selection';

const GB = { defaultCountry: 'GB' };

function clipboard(selection: string, text: string) {
  const fake = new FakeClipboard();
  fake.selection = selection;
  fake.text = text;
  return fake;
}

describe('readDialTarget', () => {
  it('prefers a number in the selection', async () => {
    const { result, source } = await readDialTarget(clipboard('020 7946 0018', '+1 212 555 0100'), GB);
    expect(source).toBe('The selected text');
    expect(result).toMatchObject({ ok: true, target: '+442079460018' });
  });

  it('falls back to the clipboard when the selection has no number', async () => {
    const { result, source } = await readDialTarget(clipboard('hello', '+1 212 555 0100'), GB);
    expect(source).toBe('The copied text');
    expect(result).toMatchObject({ ok: true, target: '+12125550100' });
  });

  it('explains the selection, not an older clipboard, when neither has a number', async () => {
    const { result, source } = await readDialTarget(clipboard('hello', 'lunch menu'), GB);
    expect(source).toBe('The selected text');
    expect(result).toMatchObject({ ok: false, reason: expect.stringContaining('“hello”') });
  });

  it('says nothing is selected or copied when both are empty', async () => {
    const { result } = await readDialTarget(clipboard('', '  '), GB);
    expect(result).toMatchObject({ ok: false, reason: expect.stringContaining('Nothing is selected') });
  });
});
