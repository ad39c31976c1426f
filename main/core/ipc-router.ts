import type { z } from 'zod';
import { isInvokeChannel, type InvokeChannel } from '../../contract/channels';
import { APP_ORIGIN, contract, type Contract, type IpcSender, type ResponseOf } from '../../contract/ipc';
import { describeError, isUserFacing } from './errors';
import type { Logger } from './logger';
import { checkPayloadSize, formatBytes, requestLimitFor } from './payload-size';
import { originOf } from './web-rules';

// The single door from renderer to main. Every request is checked, in order:
// who sent it (our own main frame, from our origin), which channel, whether
// the payload matches the contract, and finally whether our own answer does.
// Rejections are logged without payloads, which can hold passwords.

export type RequestData<C extends InvokeChannel> = z.output<Contract[C]['request']>;

export type Handler<C extends InvokeChannel> = (
  request: RequestData<C>,
  sender: IpcSender,
) => ResponseOf<C> | Promise<ResponseOf<C>>;

export interface IpcRouterOptions {
  logger: Logger;
  /** Origins allowed to call, e.g. ['app://phone']; the e2e harness adds its loopback server. */
  allowedOrigins?: string[];
}

/** How many field problems a rejection message lists before summarising. */
const MAX_LISTED_PROBLEMS = 5;

export class IpcRouter {
  private readonly handlers = new Map<InvokeChannel, Handler<InvokeChannel>>();
  private readonly allowedOrigins: Set<string>;
  private readonly logger: Logger;

  constructor(options: IpcRouterOptions) {
    this.logger = options.logger;
    const origins = options.allowedOrigins ?? [APP_ORIGIN];
    this.allowedOrigins = new Set(
      origins.map((o) => {
        const normal = originOf(o);
        if (!normal) throw new Error(`Not a valid origin: ${o}`);
        return normal;
      }),
    );
  }

  register<C extends InvokeChannel>(channel: C, handler: Handler<C>): void {
    if (this.handlers.has(channel)) throw new Error(`A handler for ${channel} is already registered.`);
    this.handlers.set(channel, handler as unknown as Handler<InvokeChannel>);
  }

  /** Channels of the contract that still lack a handler (for start-up checks). */
  missingChannels(): InvokeChannel[] {
    return (Object.keys(contract) as InvokeChannel[]).filter((c) => !this.handlers.has(c));
  }

  /**
   * Runs one request. Resolves with the contract-shaped response, or rejects
   * with an Error whose message can be shown to the user. Never resolves
   * with undefined.
   */
  async dispatch(channel: unknown, sender: IpcSender, payload: unknown): Promise<unknown> {
    const label = isInvokeChannel(channel) ? channel : '(unknown)';

    const senderProblem = this.senderProblem(sender);
    if (senderProblem) {
      this.reject(label, 'sender', {
        origin: originOf(sender.frameUrl) ?? '(unparsable)',
        mainFrame: sender.isOwnMainFrame,
      });
      throw new Error(senderProblem);
    }
    if (!isInvokeChannel(channel)) {
      this.reject(label, 'unknown-channel', {
        channel: typeof channel === 'string' ? channel.slice(0, 64) : typeof channel,
      });
      throw new Error(
        `DeskPhone does not know the request "${typeof channel === 'string' ? channel.slice(0, 64) : typeof channel}".`,
      );
    }
    const handler = this.handlers.get(channel);
    if (!handler) {
      this.reject(channel, 'no-handler');
      throw new Error(`DeskPhone cannot answer "${channel}" yet: this part of the app is not ready.`);
    }

    const limit = requestLimitFor(channel);
    const size = checkPayloadSize(payload, limit);
    if (!size.ok) {
      this.reject(channel, `payload-${size.reason}`);
      throw new Error(
        size.reason === 'too-large'
          ? `The request "${channel}" was not accepted: it is larger than DeskPhone allows (${formatBytes(limit)}).`
          : `The request "${channel}" was not accepted: its data is nested too deeply.`,
      );
    }

    const { request: requestSchema, response: responseSchema } = contract[channel];
    const parsed = requestSchema.safeParse(payload);
    if (!parsed.success) {
      // Paths and codes only: messages are ours, but values are the user's.
      this.reject(channel, 'bad-payload', {
        issues: parsed.error.issues.map((i) => `${i.path.join('.')}:${i.code}`).join(','),
      });
      throw new Error(`The request "${channel}" was not accepted: ${listProblems(parsed.error.issues)}`);
    }

    let result: unknown;
    try {
      result = await handler(parsed.data as RequestData<InvokeChannel>, sender);
    } catch (error) {
      if (isUserFacing(error)) {
        this.logger.warn('IPC request refused', { channel, reason: error.message });
        throw new Error(error.message, { cause: error });
      }
      this.logger.error('IPC handler failed', { channel, error: describeError(error) });
      throw new Error(
        `Something went wrong in DeskPhone while handling "${channel}". Details are in the log.`,
        {
          cause: error,
        },
      );
    }

    // Parsing the answer also strips fields the contract does not list, so a
    // handler bug cannot leak, say, a password to the renderer.
    const checked = responseSchema.safeParse(result);
    if (!checked.success || checked.data === undefined) {
      const issues = checked.success
        ? 'undefined'
        : checked.error.issues.map((i) => `${i.path.join('.')}:${i.code}`).join(',');
      this.logger.error('IPC handler answered outside the contract', { channel, issues });
      throw new Error(`DeskPhone hit an internal error while handling "${channel}". Details are in the log.`);
    }
    return checked.data;
  }

  private senderProblem(sender: IpcSender): string | null {
    if (!sender.isOwnMainFrame) return 'Blocked a request that did not come from the main DeskPhone window.';
    const origin = originOf(sender.frameUrl);
    if (!origin || !this.allowedOrigins.has(origin))
      return 'Blocked a request from a page that is not part of DeskPhone.';
    return null;
  }

  private reject(channel: string, reason: string, fields: Record<string, string | boolean> = {}): void {
    this.logger.warn('IPC request rejected', { channel, reason, ...fields });
  }
}

function listProblems(issues: z.core.$ZodIssue[]): string {
  const lines = issues.slice(0, MAX_LISTED_PROBLEMS).map((i) => {
    const path = i.path.map(String).join('.');
    return path ? `${path}: ${i.message}` : i.message;
  });
  const more = issues.length - lines.length;
  return lines.join('; ') + (more > 0 ? `; and ${more} more problem${more === 1 ? '' : 's'}.` : '');
}
