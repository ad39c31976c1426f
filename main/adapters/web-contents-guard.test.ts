import { describe, expect, it, vi } from 'vitest';
import type { App, WebContents } from 'electron';
import { guardAllWebContents, guardWebContents } from './web-contents-guard';

// The guard only uses the objects it is given, so a stand-in webContents is
// enough; 'electron' is never loaded (type imports only).

type Listener = (event: { preventDefault(): void }, url?: string) => void;

function fakeContents() {
  const listeners = new Map<string, Listener[]>();
  let openHandler: ((details: { url: string }) => { action: string }) | null = null;
  const contents = {
    on: (event: string, listener: Listener) => {
      listeners.set(event, [...(listeners.get(event) ?? []), listener]);
      return contents;
    },
    setWindowOpenHandler: (handler: typeof openHandler) => {
      openHandler = handler;
    },
  };
  const fire = (event: string, url?: string): boolean => {
    let prevented = false;
    for (const l of listeners.get(event) ?? []) l({ preventDefault: () => (prevented = true) }, url);
    return prevented;
  };
  return { contents: contents as unknown as WebContents, fire, openHandler: () => openHandler };
}

describe('web contents guard', () => {
  it('refuses webviews, new windows and navigation away from app://phone', () => {
    const { contents, fire, openHandler } = fakeContents();
    guardWebContents(contents);
    expect(fire('will-attach-webview')).toBe(true);
    expect(openHandler()?.({ url: 'https://example.com/' })).toEqual({ action: 'deny' });
    for (const event of ['will-navigate', 'will-redirect']) {
      expect(fire(event, 'https://evil.example/')).toBe(true);
      expect(fire(event, 'app://phone/index.html')).toBe(false);
    }
  });

  it('guards every webContents the app creates', () => {
    const on = vi.fn();
    guardAllWebContents({ on } as unknown as App);
    expect(on).toHaveBeenCalledWith('web-contents-created', expect.any(Function));
    const { contents, fire } = fakeContents();
    (on.mock.calls[0]![1] as (event: unknown, contents: WebContents) => void)({}, contents);
    expect(fire('will-attach-webview')).toBe(true);
  });
});
