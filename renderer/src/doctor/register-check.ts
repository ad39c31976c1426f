import { t } from '../i18n/i18n.svelte';
import { Registerer, UserAgent } from 'sip.js';
import type { DoctorStep } from '../../../contract/doctor';
import { describeSipResponse } from '../sip/errors';
import type { EngineConfig } from '../sip/types';
import { installDigestKeys } from '../sip/digest-keys';
import { buildUserAgentOptions } from '../sip/ua-options';

// A short-lived second registration with the saved account, through SIP.js
// like the phone itself, so "wrong password" is told apart from network
// trouble. It has its own UserAgent and never touches the phone's engine;
// it un-registers and closes its socket when done.

export const REGISTER_CHECK_TIMEOUT_MS = 8000;

export async function registerCheck(
  config: EngineConfig,
  trace: SipTrace,
  timeoutMs = REGISTER_CHECK_TIMEOUT_MS,
): Promise<DoctorStep> {
  const base = { id: 'register' as const, title: t('doctor.stepRegister') };
  let ua: UserAgent;
  try {
    const { user, domain, ...options } = buildUserAgentOptions(config);
    const uri = UserAgent.makeURI(`sip:${user}@${domain}`);
    if (!uri) throw new Error(`"${config.sipAddress}" is not a SIP address (user@domain).`);
    ua = new UserAgent({ ...options, uri, logLevel: 'log', logConnector: trace.connector });
    installDigestKeys(ua, config.digestKey);
  } catch (error) {
    return { ...base, status: 'fail', message: messageOf(error) };
  }

  try {
    await withTimeout(ua.start(), timeoutMs, 'connect');
  } catch (error) {
    await stopUserAgent(ua);
    return {
      ...base,
      status: 'fail',
      message: t('doctor.registerNoConnection'),
      detail: messageOf(error),
    };
  }

  const registerer = new Registerer(ua, { expires: 60 });
  const outcome = await new Promise<DoctorStep>((resolve) => {
    const timer = setTimeout(
      () =>
        resolve({
          ...base,
          status: 'fail',
          message: t('doctor.registerTimeout', { seconds: timeoutMs / 1000 }),
          detail: 'no final response to REGISTER',
        }),
      timeoutMs,
    );
    registerer
      .register({
        requestDelegate: {
          onAccept: () => {
            clearTimeout(timer);
            resolve({
              ...base,
              status: 'pass',
              message: t('doctor.registerAccepted', { address: config.sipAddress }),
            });
          },
          onReject: (response) => {
            clearTimeout(timer);
            const statusCode = response.message.statusCode ?? 0;
            const reasonPhrase = response.message.reasonPhrase ?? '';
            resolve({
              ...base,
              status: 'fail',
              message: describeSipResponse(statusCode, reasonPhrase, 'register'),
              detail: `SIP ${statusCode} ${reasonPhrase}`,
            });
          },
        },
      })
      .catch((error: unknown) => {
        clearTimeout(timer);
        resolve({ ...base, status: 'fail', message: messageOf(error) });
      });
  });

  if (outcome.status === 'pass') {
    // Remove the test contact so the PBX does not ring it for the next minute.
    await withTimeout(registerer.unregister(), 2000, 'unregister').catch(() => undefined);
  }
  await stopUserAgent(ua);
  return outcome;
}

export async function stopUserAgent(ua: UserAgent): Promise<void> {
  await withTimeout(ua.stop(), 2000, 'stop').catch(() => undefined);
}

export function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms} ms`)), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

// The last SIP messages the doctor's test registration sent and received, for
// the support bundle. A ring buffer, so a long session cannot grow it without
// bound. Messages are kept as SIP.js logs them (with Authorization headers);
// main redacts those before anything is written to disk.

export const SIP_TRACE_LIMIT = 200;
/** Characters kept at most: INVITEs with their SDP run to several KB, so the count alone let it reach ~0.5 MB. */
export const SIP_TRACE_CHARS = 128 * 1024;

export class SipTrace {
  private readonly lines: string[] = [];
  private chars = 0;

  constructor(
    private readonly limit = SIP_TRACE_LIMIT,
    private readonly maxChars = SIP_TRACE_CHARS,
  ) {}

  /** A SIP.js logConnector: keeps only the transport's message dumps. */
  readonly connector = (
    _level: string,
    category: string,
    _label: string | undefined,
    content: string,
  ): void => {
    if (!/transport/i.test(category)) return;
    if (!/^(Sending|Received) WebSocket/.test(content)) return;
    this.add(`${new Date().toISOString()} ${content.trim()}`);
  };

  add(message: string): void {
    this.lines.push(message);
    this.chars += message.length;
    while (this.lines.length > 1 && (this.lines.length > this.limit || this.chars > this.maxChars)) {
      this.chars -= this.lines.shift()!.length;
    }
  }

  snapshot(): string[] {
    return [...this.lines];
  }
}

/** One trace for the whole window: the doctor fills it, the support export reads it. */
export const doctorSipTrace = new SipTrace();
