import { t } from '../i18n/i18n.svelte';
import type { Conversation, TextMessage } from '../../../contract/messages';
import { firstLine } from '../sip/message-text';
import type { LateDeliveryReport, PhoneEngine, ReceivedText } from '../sip/types';
import { announcer } from './announcer.svelte';
import { contractSchemas } from './lazy-contract';

// Text messages with colleagues. The engine sends and receives; main keeps
// the history (messages.jsonl). This class reports every message and
// delivery to main, announces what arrives, and keeps the Messages view's
// lists: the conversations (with unread counts) and the open one.

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * The conversation a typed target belongs to: a number or extension as it is,
 * and an address on the account's own domain by its user part (that is how
 * the colleague's messages arrive).
 */
export function peerOf(target: string, accountDomain: string): string {
  const text = target.trim().replace(/^sips?:/i, '');
  const at = text.lastIndexOf('@');
  if (at < 0) return text.replace(/[\s().-]/g, '');
  const host = text.slice(at + 1).toLowerCase();
  return host === accountDomain.toLowerCase() ? text.slice(0, at) : text;
}

export class MessagesState {
  conversations = $state<Conversation[]>([]);
  /** The open conversation's messages, oldest first. */
  messages = $state<TextMessage[]>([]);
  /** The open conversation. */
  peer = $state<string | null>(null);
  unread = $state(0);
  error = $state<string | null>(null);
  /** Whether the Messages view is on screen (only then is the open conversation marked read). */
  visible = false;

  constructor(
    private readonly engine: PhoneEngine,
    private readonly accountDomain: () => string,
  ) {}

  /** Listens to the engine and to main; returns the function that stops both. */
  follow(): () => void {
    const stopEngine = this.engine.onTextMessage?.((message) => void this.received(message));
    const stopReports = this.engine.onDeliveryReport?.((report) => void this.reported(report));
    const stopMain = window.deskphone.on('messages:changed', (payload) => {
      void contractSchemas().then(({ MessagesChangedSchema }) => {
        const parsed = MessagesChangedSchema.safeParse(payload);
        if (!parsed.success) return;
        this.unread = parsed.data.unread;
        if (this.visible) void this.load();
      });
    });
    void this.load();
    return () => {
      stopEngine?.();
      stopReports?.();
      stopMain();
    };
  }

  async load(): Promise<void> {
    try {
      const list = await window.deskphone.invoke('messages:list', this.peer ? { peer: this.peer } : {});
      this.conversations = list.conversations;
      this.messages = list.messages;
      this.unread = list.unread;
      this.error = null;
      const open = list.conversations.find((c) => c.peer === this.peer);
      if (this.visible && open && open.unread > 0) await this.markRead(open.peer);
    } catch (error) {
      this.error = t('messages.loadFailed', { reason: messageOf(error) });
    }
  }

  async open(peer: string | null): Promise<void> {
    this.peer = peer;
    this.messages = [];
    await this.load();
  }

  /** Sends `text` to `target`; the conversation shows it at once, then its delivery. */
  async send(target: string, text: string): Promise<void> {
    const body = text.trim();
    const peer = peerOf(target, this.accountDomain());
    if (!body || !peer || !this.engine.sendMessage) return;
    const id = crypto.randomUUID();
    const name = this.conversations.find((c) => c.peer === peer)?.name ?? peer;
    try {
      await window.deskphone.invoke('messages:record', {
        kind: 'sent',
        id,
        peer,
        name,
        text: body,
        at: Date.now(),
      });
      if (this.peer !== peer) this.peer = peer;
      await this.load();
      const outcome = await this.engine.sendMessage(target.trim(), body, id);
      await window.deskphone.invoke(
        'messages:record',
        outcome.delivered
          ? { kind: 'status', id, status: 'delivered', code: outcome.code }
          : {
              kind: 'status',
              id,
              status: 'failed',
              reason: outcome.reason,
              ...(outcome.code ? { code: outcome.code } : {}),
            },
      );
      await this.load();
    } catch (error) {
      this.error = t('messages.sendFailed', { reason: messageOf(error) });
    }
  }

  private async markRead(peer: string): Promise<void> {
    this.unread = (await window.deskphone.invoke('messages:mark-read', { peer })).unread;
    this.conversations = this.conversations.map((c) => (c.peer === peer ? { ...c, unread: 0 } : c));
  }

  /**
   * The PBX said later that it could not pass a message on. Main applies it
   * only to a message we sent to that peer; only then is it announced.
   */
  private async reported(report: LateDeliveryReport): Promise<void> {
    if (report.delivered) return;
    try {
      const result = await window.deskphone.invoke('messages:record', {
        kind: 'report',
        id: report.ref,
        peer: report.peer,
        delivered: false,
      });
      if (!result.applied) return;
      const name = this.conversations.find((c) => c.peer === report.peer)?.name ?? report.peer;
      announcer.say(t('messages.announceNotPassedOn', { name }), 'assertive');
      await this.load();
    } catch (error) {
      console.warn('A delivery report could not be kept', error);
    }
  }

  private async received(message: ReceivedText): Promise<void> {
    announcer.say(t('messages.announceNew', { name: message.name, text: firstLine(message.text) }));
    try {
      await window.deskphone.invoke('messages:record', {
        kind: 'received',
        id: crypto.randomUUID(),
        ...message,
      });
    } catch (error) {
      console.warn('A received message could not be kept', error);
    }
  }
}
