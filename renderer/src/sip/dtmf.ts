import { Web, type Session } from 'sip.js';
import { t } from '../i18n/i18n.svelte';

export type DtmfMode = 'rfc4733' | 'info';

const VALID = /^[0-9A-D*#]+$/;
const TONE_MS = 100;
const GAP_MS = 70;

export function validDtmf(digits: string): string | null {
  const tones = digits.toUpperCase();
  return VALID.test(tones) ? tones : null;
}

/**
 * Sends keypad tones in the account's mode: RFC 4733 events in the media
 * (what Asterisk's webrtc=yes expects by default), or SIP INFO
 * (application/dtmf-relay) for PBXes configured for dtmf_mode=info.
 */
export async function sendDtmf(session: Session, digits: string, mode: DtmfMode): Promise<void> {
  const tones = validDtmf(digits);
  if (!tones) throw new Error(t('engine.badTones', { digits }));
  if (mode === 'rfc4733') {
    const handler = session.sessionDescriptionHandler;
    const sent =
      handler instanceof Web.SessionDescriptionHandler &&
      handler.sendDtmf(tones, { duration: TONE_MS, interToneGap: GAP_MS });
    if (!sent) throw new Error(t('engine.noAudioPath'));
    return;
  }
  // One INFO per digit, in order: PBXes expect a single Signal per request.
  for (const tone of tones) {
    await new Promise<void>((resolve, reject) => {
      session
        .info({
          requestDelegate: {
            onAccept: () => resolve(),
            onReject: (response) =>
              reject(new Error(t('engine.toneRefused', { tone, code: response.message.statusCode ?? 0 }))),
          },
          requestOptions: {
            body: {
              contentDisposition: 'render',
              contentType: 'application/dtmf-relay',
              content: `Signal=${tone}\r\nDuration=${TONE_MS}`,
            },
          },
        })
        .catch(reject);
    });
  }
}
