import { t } from '../../i18n/i18n.svelte';
import type { RegistrationState } from '../../sip/types';

/** True while something will try to register again by itself. */
export function isRetrying(registration: RegistrationState): boolean {
  return registration.status === 'reconnecting' || (registration.status === 'failed' && !registration.final);
}

/**
 * "Next try in 3 s (attempt 2)", worked out from the clock at the moment it
 * is shown; '' when nothing will try by itself.
 */
export function retryText(registration: RegistrationState, now: number): string {
  if (!isRetrying(registration)) return '';
  const attempt = registration.attempt ?? 1;
  if (!registration.nextAttemptAt) return t('status.tryingNow', { attempt });
  const seconds = Math.max(0, Math.ceil((registration.nextAttemptAt - now) / 1000));
  return seconds ? t('status.nextTry', { seconds, attempt }) : t('status.tryingNow', { attempt });
}

/** What the user can do about a registration failure; decides the offline banner's buttons. */
export type RegistrationFix = 'password' | 'sipAddress' | 'connection';

/**
 * Read from the technical detail the engine records ("REGISTER answered 401
 * Unauthorized"): refused credentials are fixed in the password field, an
 * unknown account in the SIP address, everything else by reaching the server.
 */
export function registrationFix(registration: RegistrationState): RegistrationFix {
  const code = /REGISTER answered (\d{3})/.exec(registration.detail ?? '')?.[1];
  if (code === '401' || code === '403' || code === '407') return 'password';
  if (code === '404') return 'sipAddress';
  return 'connection';
}
