// Plain-language explanations for what goes wrong between the phone and the
// PBX. Wording follows what desk workers and their IT people need: what
// happened, and what to change.

import { t } from '../i18n/i18n.svelte';
import { UNUSABLE_ANSWER } from './answer-check';

export type FailureContext = 'register' | 'call';

export function describeSipResponse(code: number, reason: string, context: FailureContext): string {
  const register = context === 'register';
  switch (code) {
    case 400:
      return register ? t('engine.register400') : t('engine.call400', { reason });
    case 401:
    case 407:
    case 403:
      return register ? t('engine.registerCredentials') : t('engine.callForbidden', { code });
    case 404:
      return register ? t('engine.register404') : t('engine.call404');
    case 408:
      return register ? t('engine.register408') : t('engine.call408');
    case 480:
      return t('engine.call480');
    case 484:
      return t('engine.call484');
    case 486:
    case 600:
      return t('engine.busy', { code });
    case 487:
      return t('engine.cancelled487');
    case 488:
    case 606:
      return t('engine.notAcceptable', { code, hint: t('engine.asteriskHint488') });
    case 503:
      return t('engine.unavailable503');
    case 603:
      return t('engine.declined603');
    default:
      return t(code >= 500 ? 'engine.serverFailed' : 'engine.failed', { context, code, reason });
  }
}

/** A call refused by the person called (rather than by the network) reads differently. */
export function describeCallRejection(code: number, reason: string, remoteName: string): string {
  if (code === 486 || code === 600) return t('engine.personBusy', { name: remoteName });
  if (code === 603) return t('engine.personDeclined', { name: remoteName });
  return describeSipResponse(code, reason, 'call');
}

export function describeTransportFailure(wsUrl: string, closeCode?: number): string {
  return t('engine.transportFailure', {
    host: safeHost(wsUrl),
    closed: closeCode ? String(closeCode) : 'none',
  });
}

export function describeConnectionLost(): string {
  return t('engine.connectionLost');
}

export function describeMediaFailure(error: unknown): string {
  const name = error instanceof Error ? error.name : '';
  if (name === 'NotAllowedError' || name === 'SecurityError') return t('engine.micBlocked');
  if (name === 'NotFoundError' || name === 'OverconstrainedError') return t('engine.micMissing');
  if (name === 'NotReadableError') return t('engine.micBusy');
  // Already in the user's words (relay-guard.ts): a relay-only call without a relay address.
  if (name === 'RelayUnavailableError' || name === UNUSABLE_ANSWER) return (error as Error).message;
  return t('engine.audioFailed', { detail: error instanceof Error ? error.message : String(error) });
}

/** An unusable answer: SIP.js already sends ACK and BYE, so the call must not be cancelled or hung up again. */
export function endsCallItself(error: unknown): boolean {
  return error instanceof Error && error.name === UNUSABLE_ANSWER;
}

function safeHost(wsUrl: string): string {
  try {
    return new URL(wsUrl).host;
  } catch {
    return wsUrl;
  }
}
