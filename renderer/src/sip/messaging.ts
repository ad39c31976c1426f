import { SessionState, UserAgent, type Core, type Message, type Session } from 'sip.js';
import type { MessageFailure } from '../../../contract/messages';
import { IMDN_CONTENT_TYPE, readDeliveryReport } from './delivery-report';
import { normaliseDialString } from './dial';
import { plainName, plainNumber } from './remote-party';
import { plainMessage } from './message-text';
import type { DeliveryListener, MessageOutcome, ReceivedText, TextListener } from './types';

// SIP MESSAGE: one-to-one text with colleagues. Out-of-dialog MESSAGEs reach
// us through the UserAgent, in-dialog ones through the call's Session; both
// are accepted (200) only when they are text/plain and small, and reach the
// listeners as clean text. Sending: the 2xx is the delivery report, anything
// else a failure said in words by the UI; a PBX that relays (202) may report
// a failure later as an IMDN (delivery-report.ts), which reaches the delivery
// listeners and is never shown as text.

/** Bigger bodies are refused (413): nobody types 4 KB into a chat line. */
export const MESSAGE_BODY_MAX_BYTES = 4096;
/** A MESSAGE nobody answers is lost after this (SIP's own Timer F is 32 s). */
const SEND_TIMEOUT_MS = 35_000;

export type IncomingCheck =
  { ok: true; text: string; peer: string; name: string } | { ok: false; code: 400 | 413 | 415 };

/** What an incoming MESSAGE says and who sent it, or the code to refuse it with. */
export function readIncoming(
  request: Pick<Core.IncomingRequestMessage, 'getHeader' | 'body' | 'from'>,
): IncomingCheck {
  if (contentTypeOf(request) !== 'text/plain') return { ok: false, code: 415 };
  const body = request.body ?? '';
  if (new TextEncoder().encode(body).length > MESSAGE_BODY_MAX_BYTES) return { ok: false, code: 413 };
  const text = plainMessage(body);
  if (!text) return { ok: false, code: 400 };
  const uri = request.from.uri;
  const number = plainNumber(uri.user ?? '');
  if (!number) return { ok: false, code: 400 };
  return { ok: true, text, peer: number, name: plainName(request.from.displayName) || number };
}

/** Why a MESSAGE was not delivered, from the status code of the answer. */
export function failureOf(code: number): MessageFailure {
  if (code === 404 || code === 484 || code === 604) return 'not-found';
  if (code === 480) return 'offline';
  if (code === 408) return 'no-answer';
  if (code === 403 || code === 603 || code === 415 || code === 488) return 'refused';
  if (code === 486 || code === 600) return 'busy';
  if (code === 413 || code === 513) return 'too-large';
  if (code === 503) return 'unreachable';
  return 'other';
}

export interface MessagingDeps {
  userAgent(): UserAgent | null;
  domain(): string;
  registered(): boolean;
}

export class Messaging {
  private readonly listeners = new Set<TextListener>();
  private readonly reportListeners = new Set<DeliveryListener>();

  constructor(private readonly deps: MessagingDeps) {}

  listen(listener: TextListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Delivery reports that arrive after the 2xx, each about a message sent with `ref`. */
  listenForReports(listener: DeliveryListener): () => void {
    this.reportListeners.add(listener);
    return () => this.reportListeners.delete(listener);
  }

  /** An out-of-dialog MESSAGE (UserAgent delegate). */
  receive(message: Message): void {
    this.take(message);
  }

  /** An in-dialog MESSAGE during a call: it joins the conversation with the call's party. */
  receiveInCall(message: Message, call: { remoteNumber: string; remoteName: string }): void {
    this.take(message, { number: call.remoteNumber, name: call.remoteName });
  }

  private take(message: Message, party?: { number: string; name: string }): void {
    if (!party && contentTypeOf(message.request) === IMDN_CONTENT_TYPE) return this.takeReport(message);
    const check = readIncoming(message.request);
    if (!check.ok) {
      console.warn(`Refused an incoming MESSAGE (${check.code}).`);
      void message.reject({ statusCode: check.code }).catch(() => undefined);
      return;
    }
    void message.accept().catch(() => undefined);
    const peer = party?.number || check.peer;
    const text: ReceivedText = {
      peer,
      name: party?.name || check.name,
      text: check.text,
      at: Date.now(),
      ...(party ? { inCall: true } : {}),
    };
    for (const listener of this.listeners) listener(text);
  }

  private takeReport(message: Message): void {
    const report = readDeliveryReport(message.request.body ?? '');
    const peer = plainNumber(message.request.from.uri.user ?? '');
    if (!report || !peer) {
      console.warn('Refused a delivery report that could not be read.');
      void message.reject({ statusCode: 400 }).catch(() => undefined);
      return;
    }
    void message.accept().catch(() => undefined);
    for (const listener of this.reportListeners) listener({ ...report, peer });
  }

  /**
   * Sends text to a number, extension or address; inside `call`'s dialog when
   * given (the PBX passes it to the other leg of the call). Out of a call,
   * `ref` (our id for the message) is the request's Call-ID, so a later
   * delivery report can name it. Resolves with the outcome, never rejects.
   */
  send(target: string, text: string, call?: Session, ref?: string): Promise<MessageOutcome> {
    const ua = this.deps.userAgent();
    if (!ua || !this.deps.registered()) return Promise.resolve({ delivered: false, reason: 'not-connected' });
    if (call?.state === SessionState.Established) {
      const body = { contentDisposition: 'render', contentType: 'text/plain', content: text };
      return outcomeOf((requestDelegate) => call.message({ requestDelegate, requestOptions: { body } }));
    }
    const dial = normaliseDialString(target, this.deps.domain());
    const uri = dial.ok ? UserAgent.makeURI(dial.uri) : undefined;
    if (!uri) return Promise.resolve({ delivered: false, reason: 'not-found' });
    const core = ua.userAgentCore;
    const body = { contentDisposition: 'render', contentType: 'text/plain', content: text };
    return outcomeOf(async (requestDelegate) => {
      const from = core.configuration.aor;
      const request = core.makeOutgoingRequestMessage(
        'MESSAGE',
        uri,
        from,
        uri,
        ref ? { callId: ref } : {},
        [],
        body,
      );
      core.request(request, requestDelegate);
    });
  }
}

function contentTypeOf(request: Pick<Core.IncomingRequestMessage, 'getHeader'>): string {
  return (request.getHeader('Content-Type') ?? '').split(';')[0]!.trim().toLowerCase();
}

/** Runs one MESSAGE transaction and reads its answer. */
function outcomeOf(
  start: (delegate: Core.OutgoingRequestDelegate) => Promise<unknown>,
): Promise<MessageOutcome> {
  return new Promise<MessageOutcome>((resolve) => {
    const timer = setTimeout(() => resolve({ delivered: false, reason: 'no-answer' }), SEND_TIMEOUT_MS);
    const settle = (outcome: MessageOutcome) => {
      clearTimeout(timer);
      resolve(outcome);
    };
    const failed = (response: Core.IncomingResponse) => {
      const code = response.message.statusCode ?? 0;
      settle({ delivered: false, reason: failureOf(code), ...(code ? { code } : {}) });
    };
    const delegate: Core.OutgoingRequestDelegate = {
      onAccept: (response) => settle({ delivered: true, code: response.message.statusCode ?? 200 }),
      onReject: failed,
      onRedirect: failed,
    };
    try {
      start(delegate).catch((error: unknown) => {
        console.warn('A MESSAGE could not be sent', error);
        settle({ delivered: false, reason: 'unreachable' });
      });
    } catch (error) {
      console.warn('A MESSAGE could not be sent', error);
      settle({ delivered: false, reason: 'unreachable' });
    }
  });
}
