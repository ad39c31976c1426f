/**
 * Test-only access to the page's RTCPeerConnections, to send RFC 4733 DTMF
 * straight from the browser with RTCDTMFSender, bypassing the app's own DTMF
 * code (so that the far-end harness can be proven independently of it).
 *
 * How: RTCPeerConnection.prototype.setLocalDescription is wrapped so that
 * every connection that sets a local description (every call's, whoever
 * constructed it) is remembered in window.__e2ePeerConnections. The app's code
 * is not touched; install before the call is placed or answered.
 */
import type { Page } from '@playwright/test';

/** Installs the tracker in the current document and in any later one of the context. */
export async function trackPeerConnections(page: Page): Promise<void> {
  const install = (): void => {
    const w = window as unknown as { __e2ePeerConnections?: RTCPeerConnection[] };
    if (w.__e2ePeerConnections) return;
    const list: RTCPeerConnection[] = [];
    w.__e2ePeerConnections = list;
    const proto = RTCPeerConnection.prototype as unknown as {
      setLocalDescription: (...args: unknown[]) => Promise<void>;
    };
    const original = proto.setLocalDescription;
    proto.setLocalDescription = function (this: RTCPeerConnection, ...args: unknown[]) {
      if (!list.includes(this)) list.push(this);
      return original.apply(this, args);
    };
  };
  await page.context().addInitScript(install);
  await page.evaluate(install);
}

export interface SendDtmfResult {
  /** The tones as the browser played them, in order (from tonechange events). */
  played: string;
  /** RTCDTMFSender.canInsertDTMF at the time of sending. */
  canInsertDTMF: boolean;
}

/**
 * Plays `tones` on the audio sender of the newest connected peer connection
 * and resolves when the browser has played them all (the final tonechange
 * with tone ''). `durationMs` per tone (40-6000), `gapMs` between tones (>= 30).
 */
export async function sendRtpDtmf(
  page: Page,
  tones: string,
  opts: { durationMs?: number; gapMs?: number; timeoutMs?: number } = {},
): Promise<SendDtmfResult> {
  return page.evaluate(
    async ({ tones, durationMs, gapMs, timeoutMs }) => {
      const list = (window as unknown as { __e2ePeerConnections?: RTCPeerConnection[] }).__e2ePeerConnections;
      if (!list) throw new Error('trackPeerConnections(page) was not called before the call');
      const pc = [...list].reverse().find((c) => c.connectionState === 'connected');
      if (!pc) {
        throw new Error(
          `no connected RTCPeerConnection (states: ${list.map((c) => c.connectionState).join(', ')})`,
        );
      }
      const sender = pc.getSenders().find((s) => s.track?.kind === 'audio' && s.dtmf);
      const dtmf = sender?.dtmf;
      if (!dtmf) throw new Error('the connection has no audio sender with DTMF');
      const canInsertDTMF = dtmf.canInsertDTMF;
      let played = '';
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(
          () =>
            reject(new Error(`DTMF not finished after ${timeoutMs} ms (played ${JSON.stringify(played)})`)),
          timeoutMs,
        );
        dtmf.addEventListener('tonechange', (e) => {
          const tone = (e as RTCDTMFToneChangeEvent).tone;
          if (tone === '') {
            clearTimeout(timer);
            resolve();
          } else {
            played += tone;
          }
        });
        dtmf.insertDTMF(tones, durationMs, gapMs);
      });
      return { played, canInsertDTMF };
    },
    {
      tones,
      durationMs: opts.durationMs ?? 120,
      gapMs: opts.gapMs ?? 80,
      timeoutMs: opts.timeoutMs ?? 10_000,
    },
  );
}
