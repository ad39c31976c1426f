import type { MessageFailure, TextMessage } from '../../../../contract/messages';
import { t } from '../../i18n/i18n.svelte';

// A sent message's fate in words (never colour alone): sending, delivered
// (202 from a PBX means it took the message, not that a phone showed it),
// or not delivered and why.

const REASONS: Record<MessageFailure, () => string> = {
  'not-found': () => t('messages.reasonNotFound'),
  offline: () => t('messages.reasonOffline'),
  'no-answer': () => t('messages.reasonNoAnswer'),
  refused: () => t('messages.reasonRefused'),
  busy: () => t('messages.reasonBusy'),
  'too-large': () => t('messages.reasonTooLarge'),
  'not-connected': () => t('messages.reasonNotConnected'),
  unreachable: () => t('messages.reasonUnreachable'),
  'not-passed-on': () => t('messages.reasonNotPassedOn'),
  other: () => t('messages.reasonOther'),
};

export function statusWords(message: Pick<TextMessage, 'status' | 'code' | 'reason'>): string {
  switch (message.status) {
    case 'sending':
      return t('messages.sending');
    case 'delivered':
      return message.code === 202 ? t('messages.deliveredToPbx') : t('messages.delivered');
    case 'failed':
      return t('messages.failed', { reason: REASONS[message.reason ?? 'other']() });
    default:
      return '';
  }
}
