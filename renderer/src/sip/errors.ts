// Plain-language explanations for what goes wrong between the phone and the
// PBX. Wording follows what desk workers and their IT people need: what
// happened, and what to change.

export type FailureContext = 'register' | 'call';

const ASTERISK_488_HINT =
  'On Asterisk, the endpoint needs webrtc=yes (PJSIP) or avpf=yes and encryption=yes (chan_sip), and a codec in common: allow opus, ulaw and alaw.';

export function describeSipResponse(code: number, reason: string, context: FailureContext): string {
  switch (code) {
    case 400:
      return context === 'register'
        ? 'The server rejected the registration as malformed (400). Old Asterisk versions with chan_sip do this over WebSocket: upgrade Asterisk or use PJSIP.'
        : `The server rejected the call as malformed (400 ${reason}).`;
    case 401:
    case 407:
    case 403:
      return context === 'register'
        ? 'Wrong user name or password: the server refused the credentials. Check the password, and the authentication user if it differs from the extension.'
        : 'The server refused to let this account place the call (' +
            code +
            '). Check the account credentials or the call permissions.';
    case 404:
      return context === 'register'
        ? 'The server does not know this account (404). Check the SIP address and its domain.'
        : 'That number or address does not exist (404).';
    case 408:
      return context === 'register'
        ? 'The server did not answer the registration in time (408).'
        : 'Nobody answered in time (408 Request Timeout).';
    case 480:
      return 'The person you called is not available right now (480): not registered, or unreachable.';
    case 484:
      return 'The number is incomplete (484).';
    case 486:
    case 600:
      return `The line is busy (${code}).`;
    case 487:
      return 'The call was cancelled.';
    case 488:
    case 606:
      return `The other side cannot accept this call's audio settings (${code} Not Acceptable). ${ASTERISK_488_HINT}`;
    case 503:
      return 'The service is unavailable (503): the server is overloaded, in maintenance, or cannot reach the destination.';
    case 603:
      return 'The call was declined.';
    default:
      if (code >= 500)
        return `The server failed to handle the ${context === 'call' ? 'call' : 'registration'} (${code} ${reason}).`;
      return `The ${context === 'call' ? 'call' : 'registration'} failed: ${code} ${reason}.`;
  }
}

/** A call refused by the person called (rather than by the network) reads differently. */
export function describeCallRejection(code: number, reason: string, remoteName: string): string {
  if (code === 486 || code === 600) return `${remoteName} is busy.`;
  if (code === 603) return `${remoteName} declined the call.`;
  return describeSipResponse(code, reason, 'call');
}

export function describeTransportFailure(wsUrl: string, closeCode?: number): string {
  const where = safeHost(wsUrl);
  const suffix = closeCode ? ` (WebSocket closed, code ${closeCode})` : '';
  return `Could not connect to the phone server at ${where}${suffix}. The server may be down, the address or port may be wrong, or its certificate may not be trusted.`;
}

export function describeConnectionLost(): string {
  return 'The connection to the phone server was lost (socket closed). Calls cannot be made or received until it is back.';
}

export function describeMediaFailure(error: unknown): string {
  const name = error instanceof Error ? error.name : '';
  if (name === 'NotAllowedError' || name === 'SecurityError') {
    return 'The microphone is blocked. Allow microphone access for DeskPhone in your system settings.';
  }
  if (name === 'NotFoundError' || name === 'OverconstrainedError') {
    return 'No microphone was found. Connect a headset or microphone and try again.';
  }
  if (name === 'NotReadableError') return 'The microphone is in use by another program or not working.';
  return `The call could not start its audio: ${error instanceof Error ? error.message : String(error)}`;
}

function safeHost(wsUrl: string): string {
  try {
    return new URL(wsUrl).host;
  } catch {
    return wsUrl;
  }
}
