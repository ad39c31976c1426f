import { describe, expect, it } from 'vitest';
import { findDialLinkInArgv } from './launch-args';

describe('findDialLinkInArgv', () => {
  it('finds the link after the executable in a packaged app (Windows, Linux)', () => {
    expect(findDialLinkInArgv(['C:\\Program Files\\DeskPhone\\DeskPhone.exe', 'tel:+442079460018'])).toBe(
      'tel:+442079460018',
    );
    expect(findDialLinkInArgv(['/opt/DeskPhone/deskphone', 'sip:alice@example.com'])).toBe(
      'sip:alice@example.com',
    );
  });

  it('skips the app path and flags in development and second-instance argv', () => {
    expect(
      findDialLinkInArgv([
        '/usr/lib/electron/electron',
        '--allow-file-access-from-files',
        '.',
        '--',
        'callto://+12125550100',
      ]),
    ).toBe('callto://+12125550100');
    expect(
      findDialLinkInArgv(['electron', '/home/me/deskphone', '--no-sandbox', 'SIPS:bob@example.com']),
    ).toBe('SIPS:bob@example.com');
  });

  it('hands over a link without judging it (the parser explains what is wrong)', () => {
    expect(findDialLinkInArgv(['app', 'tel:not-a-number'])).toBe('tel:not-a-number');
  });

  it('takes the first link when there are several', () => {
    expect(findDialLinkInArgv(['app', 'tel:1', 'tel:2'])).toBe('tel:1');
  });

  it('finds nothing in a plain start', () => {
    expect(findDialLinkInArgv(['app'])).toBeNull();
    expect(findDialLinkInArgv([])).toBeNull();
    expect(findDialLinkInArgv(['app', '--hidden', '.'])).toBeNull();
  });

  it('ignores the executable itself and other schemes', () => {
    expect(findDialLinkInArgv(['tel:123'])).toBeNull();
    expect(findDialLinkInArgv(['app', 'http://example.com', 'javascript:alert(1)'])).toBeNull();
    expect(findDialLinkInArgv(['app', '--url=tel:123'])).toBeNull();
  });
});
