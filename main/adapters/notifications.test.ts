import { beforeEach, describe, expect, it, vi } from 'vitest';
import { incomingCallNotification } from '../core/desk/incoming-notifications';
import type { NotificationEvent } from '../core/desk/ports';
import { ringingAlice } from '../core/desk/test-reports';
import { createMemoryLogger } from '../core/logger';

// notifications.ts against a stand-in 'electron' Notification: the options
// it is built with per platform, and how its events map back.

type Listener = (...args: unknown[]) => void;

const electron = vi.hoisted(() => ({
  supported: true,
  created: [] as Array<{
    options: Record<string, unknown>;
    listeners: Map<string, Listener>;
    shown: boolean;
    closed: boolean;
  }>,
}));

vi.mock('electron', () => {
  class Notification {
    static isSupported = () => electron.supported;
    readonly listeners = new Map<string, Listener>();
    shown = false;
    closed = false;
    constructor(readonly options: Record<string, unknown>) {
      electron.created.push(this);
    }
    on(event: string, listener: Listener) {
      this.listeners.set(event, listener);
      return this;
    }
    show() {
      this.shown = true;
    }
    close() {
      this.closed = true;
    }
  }
  return { Notification };
});

const { createNotificationsPort } = await import('./notifications');

function show(platform: NodeJS.Platform) {
  const events: NotificationEvent[] = [];
  const port = createNotificationsPort(platform, createMemoryLogger());
  const handle = port.show(incomingCallNotification(ringingAlice('c1'), platform), (e) => events.push(e));
  return { events, handle, note: electron.created.at(-1)! };
}

beforeEach(() => {
  electron.supported = true;
  electron.created.length = 0;
});

describe('notifications adapter', () => {
  it('shows an incoming call with Answer and Decline buttons on Windows, silent and sticky', () => {
    const { note } = show('win32');
    expect(note.shown).toBe(true);
    expect(note.options).toEqual({
      id: 'call-c1',
      title: 'Incoming call',
      body: 'Alice Archer — alice',
      silent: true,
      actions: [
        { type: 'button', text: 'Answer' },
        { type: 'button', text: 'Decline' },
      ],
      timeoutType: 'never',
    });
  });

  it('marks the call critical on Linux, without buttons', () => {
    const { note } = show('linux');
    expect(note.options).toMatchObject({ urgency: 'critical', timeoutType: 'never', actions: [] });
  });

  it('maps buttons (new and old event shapes), clicks and closing back to the core', () => {
    const { events, note } = show('darwin');
    note.listeners.get('action')!({ actionIndex: 1 }, 1);
    note.listeners.get('action')!(undefined, 0);
    note.listeners.get('action')!({ actionIndex: 7 });
    note.listeners.get('click')!();
    note.listeners.get('close')!();
    expect(events).toEqual(['decline', 'answer', 'click', 'closed']);
  });

  it('closes the notification through the handle', () => {
    const { handle, note } = show('win32');
    handle.close();
    expect(note.closed).toBe(true);
  });

  it('does nothing, harmlessly, where notifications are not supported', () => {
    electron.supported = false;
    const port = createNotificationsPort('linux', createMemoryLogger());
    const handle = port.show(incomingCallNotification(ringingAlice(), 'linux'), () => undefined);
    expect(electron.created).toHaveLength(0);
    expect(() => handle.close()).not.toThrow();
  });
});
