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
  if (!registration.nextAttemptAt) return `Trying now (attempt ${attempt})`;
  const seconds = Math.max(0, Math.ceil((registration.nextAttemptAt - now) / 1000));
  return seconds ? `Next try in ${seconds} s (attempt ${attempt})` : `Trying now (attempt ${attempt})`;
}
