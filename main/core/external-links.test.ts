import { describe, expect, it, vi } from 'vitest';
import { FakeConfirm } from '../../e2e/fixtures/desk-fakes';
import { ExternalLinks, GESTURE_WINDOW_MS } from './external-links';
import { createMemoryLogger } from './logger';

function links(allowedHosts: string[] = []) {
  const open = vi.fn(async (_url: string) => undefined);
  const confirm = new FakeConfirm();
  const now = 1_000_000;
  const service = new ExternalLinks({
    open,
    confirm,
    allowedHosts: () => allowedHosts,
    logger: createMemoryLogger(),
    now: () => now,
  });
  return { service, open, confirm, now };
}

describe('external links', () => {
  it('opens nothing the page asks for without a recent click or key press', async () => {
    const { service, open, now } = links();
    expect(await service.request('https://example.com/', null)).toBe(false);
    expect(await service.request('https://example.com/', now - GESTURE_WINDOW_MS - 1)).toBe(false);
    expect(open).not.toHaveBeenCalled();
  });

  it('asks natively, naming the host, and opens only on yes', async () => {
    const { service, open, confirm, now } = links();
    confirm.answer = false;
    expect(await service.request('https://help.example.com/a?b=1', now - 100)).toBe(false);
    expect(confirm.asked[0]).toMatchObject({ message: 'Open help.example.com in your browser?' });
    confirm.answer = true;
    expect(await service.request('https://help.example.com/a?b=1', now - 100)).toBe(true);
    expect(open).toHaveBeenCalledWith('https://help.example.com/a?b=1');
  });

  it('opens hosts the administrator allowed without asking', async () => {
    const { service, open, confirm, now } = links(['Intranet.Example.com']);
    expect(await service.request('https://intranet.example.com/crm', now)).toBe(true);
    expect(confirm.asked).toEqual([]);
    expect(open).toHaveBeenCalledTimes(1);
  });

  it('never hands anything but plain http(s) to the OS', async () => {
    const { service, open, now } = links(['example.com']);
    for (const url of [
      'javascript:alert(1)',
      'file:///etc/passwd',
      'smb://x/y',
      'https://u:p@example.com/',
    ]) {
      expect(await service.request(url, now)).toBe(false);
    }
    expect(open).not.toHaveBeenCalled();
  });
});
