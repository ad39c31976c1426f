import type { Core, Session, Notification } from 'sip.js';
import { describeSipResponse } from './errors';

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
    onProgress({ state: 'requested', message: `Transferring to ${targetName}…` });
    session
      .refer(target, {
        requestDelegate: {
          onAccept: () => onProgress({ state: 'trying', message: `Transferring to ${targetName}: calling…` }),
          onReject: (response) => {
            const code = response.message.statusCode ?? 0;
            fail(
              `The transfer was refused (${code} ${response.message.reasonPhrase ?? ''}). The call is unchanged.`,
            );
          },
        },
        onNotify: (notification: Notification) => {
          notification.accept().catch(() => undefined);
          const status = sipfragStatus(notification.request.body ?? '');
          if (!status || status.code < 200) {
            onProgress({ state: 'trying', message: `Transferring to ${targetName}: ringing…` });
          } else if (status.code < 300) {
            onProgress({ state: 'succeeded', message: `Transferred to ${targetName}.` });
            resolve();
          } else {
            fail(
              `${targetName} did not take the transfer: ${describeSipResponse(status.code, status.reason, 'call')}`,
            );
          }
        },
      })
      .catch((error: unknown) =>
        fail(`The transfer could not be sent: ${error instanceof Error ? error.message : String(error)}`),
      );
  });
}
