import type { Core, Session, Notification } from 'sip.js';
import { describeSipResponse } from './errors';
import { t } from '../i18n/i18n.svelte';

export type TransferState = 'requested' | 'trying' | 'succeeded' | 'failed';

export interface TransferProgress {
  state: TransferState;
  message: string;
}

/** The status line inside a NOTIFY's message/sipfrag body, e.g. "SIP/2.0 180 Ringing". */
export function sipfragStatus(body: string): { code: number; reason: string } | null {
  const match = /^SIP\/2\.0\s+(\d{3})\s*(.*)$/m.exec(body);
  return match ? { code: Number(match[1]), reason: match[2]!.trim() } : null;
}

/**
 * Sends a REFER (blind when `target` is a URI, attended with Replaces when it
 * is the consultation session) and reports progress from the NOTIFYs. Resolves
 * once the transfer target answered; rejects with a plain reason otherwise.
 */
export function refer(
  session: Session,
  target: Core.URI | Session,
  targetName: string,
  onProgress: (progress: TransferProgress) => void,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const fail = (message: string) => {
      onProgress({ state: 'failed', message });
      reject(new Error(message));
    };
    onProgress({ state: 'requested', message: t('engine.transferring', { name: targetName }) });
    session
      .refer(target, {
        requestDelegate: {
          onAccept: () =>
            onProgress({ state: 'trying', message: t('engine.transferCalling', { name: targetName }) }),
          onReject: (response) => {
            const code = response.message.statusCode ?? 0;
            fail(t('engine.transferRefused', { code, reason: response.message.reasonPhrase ?? '' }));
          },
        },
        onNotify: (notification: Notification) => {
          notification.accept().catch(() => undefined);
          const status = sipfragStatus(notification.request.body ?? '');
          if (!status || status.code < 200) {
            onProgress({ state: 'trying', message: t('engine.transferRinging', { name: targetName }) });
          } else if (status.code < 300) {
            onProgress({ state: 'succeeded', message: t('engine.transferred', { name: targetName }) });
            resolve();
          } else {
            fail(
              t('engine.transferNotTaken', {
                name: targetName,
                detail: describeSipResponse(status.code, status.reason, 'call'),
              }),
            );
          }
        },
      })
      .catch((error: unknown) =>
        fail(t('engine.transferNotSent', { detail: error instanceof Error ? error.message : String(error) })),
      );
  });
}
