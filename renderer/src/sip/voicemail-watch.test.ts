// The engine's side of message-summary NOTIFYs: what it answers and what it keeps.
import { describe, expect, it } from 'vitest';
import type { Notification } from 'sip.js';
import { VoicemailWatch } from './voicemail-watch';

function notify(event: string | undefined, body: string) {
  const answers: number[] = [];
  const notification = {
    request: { getHeader: (name: string) => (name === 'Event' ? event : undefined), body },
    accept: () => {
      answers.push(200);
      return Promise.resolve();
    },
    reject: (options?: { statusCode?: number }) => {
      answers.push(options?.statusCode ?? 480);
      return Promise.resolve();
    },
  } as unknown as Notification;
  return { notification, answers };
}

const TWO_NEW = 'Messages-Waiting: yes\r\nVoice-Message: 2/1 (0/0)\r\n';

describe('VoicemailWatch', () => {
  it('answers a message-summary NOTIFY with 200 and takes its counts', () => {
    let changes = 0;
    const watch = new VoicemailWatch(() => changes++);
    const { notification, answers } = notify('message-summary', TWO_NEW);
    watch.onNotification(notification);
    expect(answers).toEqual([200]);
    expect(watch.state).toMatchObject({ waiting: true, newMessages: 2, oldMessages: 1 });
    expect(changes).toBe(1);
  });

  it('refuses other event packages with 489 Bad Event and keeps its state', () => {
    const watch = new VoicemailWatch(() => undefined);
    const { notification, answers } = notify('dialog', TWO_NEW);
    watch.onNotification(notification);
    expect(answers).toEqual([489]);
    expect(watch.state).toBeUndefined();
    const missing = notify(undefined, TWO_NEW);
    watch.onNotification(missing.notification);
    expect(missing.answers).toEqual([489]);
  });

  it('accepts Event parameters and any case', () => {
    const watch = new VoicemailWatch(() => undefined);
    watch.onNotification(notify('Message-Summary;id=7', TWO_NEW).notification);
    expect(watch.state?.newMessages).toBe(2);
  });

  it('acknowledges a garbled body but changes nothing, and tells no one about a repeat', () => {
    let changes = 0;
    const watch = new VoicemailWatch(() => changes++);
    watch.onNotification(notify('message-summary', TWO_NEW).notification);
    const garbage = notify('message-summary', '\u0000<xml>'.repeat(3000));
    watch.onNotification(garbage.notification);
    expect(garbage.answers).toEqual([200]);
    watch.onNotification(notify('message-summary', TWO_NEW).notification);
    expect(watch.state?.newMessages).toBe(2);
    expect(changes).toBe(1);
  });

  it('keeps the last counts through a lost connection; the PBX clears them, and so does another account', () => {
    const watch = new VoicemailWatch(() => undefined);
    watch.configure(false);
    watch.onNotification(notify('message-summary', TWO_NEW).notification);
    watch.lost();
    expect(watch.state?.newMessages).toBe(2);
    watch.onNotification(
      notify('message-summary', 'Messages-Waiting: no\r\nVoice-Message: 0/3\r\n').notification,
    );
    expect(watch.state).toMatchObject({ waiting: false, newMessages: 0, oldMessages: 3 });
    watch.configure(false);
    expect(watch.state).toBeUndefined();
  });
});
