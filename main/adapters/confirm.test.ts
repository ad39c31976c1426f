import { describe, expect, it, vi } from 'vitest';
import { createConfirmPort } from './confirm';

const spec = { title: 'T', message: 'M', detail: 'D', confirmLabel: 'Trust' };

describe('native confirmation', () => {
  it('asks with Cancel as the default and Escape answer, and says yes only for the first button', async () => {
    const showMessageBox = vi
      .fn()
      .mockResolvedValueOnce({ response: 0 })
      .mockResolvedValueOnce({ response: 1 });
    const port = createConfirmPort({ showMessageBox } as never, () => null);
    expect(await port.confirm(spec)).toBe(true);
    expect(await port.confirm(spec)).toBe(false);
    expect(showMessageBox.mock.calls[0]![0]).toMatchObject({
      buttons: ['Trust', 'Cancel'],
      defaultId: 1,
      cancelId: 1,
      message: 'M',
      detail: 'D',
    });
  });
});
