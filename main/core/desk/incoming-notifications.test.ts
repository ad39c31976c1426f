import { describe, expect, it } from 'vitest';
import { FakeNotifications } from '../../../e2e/fixtures/desk-fakes';
import {
  incomingCallNotification,
  IncomingNotifier,
  routeNotificationEvent,
  supportsNotificationActions,
} from './incoming-notifications';
import type { NotificationEvent } from './ports';
import { activeBob, call, report, ringingAlice } from './test-reports';

function setup(platform: NodeJS.Platform = 'win32') {
  const port = new FakeNotifications();
  const events: Array<[NotificationEvent, string]> = [];
  const notifier = new IncomingNotifier(port, platform, (event, id) => events.push([event, id]));
  return { port, events, notifier };
}

describe('incoming call notification content', () => {
  it('names the caller and offers Answer and Decline on macOS and Windows', () => {
    for (const platform of ['darwin', 'win32'] as const) {
      expect(incomingCallNotification(ringingAlice(), platform)).toEqual({
        tag: 'call-c1',
        title: 'Incoming call',
        body: 'Alice Archer — alice',
        actions: [
          { id: 'answer', label: 'Answer' },
          { id: 'decline', label: 'Decline' },
        ],
        sticky: true,
        urgent: true,
      });
    }
  });

  it('puts only plain text in the body: markup, links and U+202E from the caller are gone (libnotify renders markup)', () => {
    const hostile = ringingAlice();
    hostile.remoteName = '<b>CEO</b> <a href="https://evil.example/pay">call back</a>';
    hostile.remoteNumber = '\u202E0090';
    expect(incomingCallNotification(hostile, 'linux').body).toBe('CEO call back — 0090');
  });

  it('has no buttons on Linux, where daemons drop them', () => {
    expect(supportsNotificationActions('linux')).toBe(false);
    expect(incomingCallNotification(ringingAlice(), 'linux').actions).toEqual([]);
  });

  it('shows only the number, or only the name, when that is all there is', () => {
    const body = (c: ReturnType<typeof call>) => incomingCallNotification(c, 'linux').body;
    expect(body(call({ remoteName: '', remoteNumber: '+442079460018' }))).toBe('+442079460018');
    expect(body(call({ remoteName: 'Reception', remoteNumber: '' }))).toBe('Reception');
    expect(body(call({ remoteName: '1000', remoteNumber: '1000' }))).toBe('1000');
    expect(body(call({ remoteName: '', remoteNumber: '' }))).toBe('Unknown caller');
  });
});

describe('routing notification events', () => {
  const ringing = report([ringingAlice('c1')]);

  it('answers and declines the call the notification is about', () => {
    expect(routeNotificationEvent('answer', 'c1', ringing)).toEqual({
      focusWindow: true,
      command: { command: 'answer', callId: 'c1' },
    });
    expect(routeNotificationEvent('decline', 'c1', ringing)).toEqual({
      focusWindow: false,
      command: { command: 'decline', callId: 'c1' },
    });
  });

  it('opens the window on the call when the notification is clicked', () => {
    expect(routeNotificationEvent('click', 'c1', ringing)).toEqual({
      focusWindow: true,
      command: { command: 'show-call', callId: 'c1' },
    });
  });

  it('ignores a late Answer or Decline for a call that no longer rings', () => {
    const answered = report([activeBob({ id: 'c1' })]);
    expect(routeNotificationEvent('answer', 'c1', answered)).toBeNull();
    expect(routeNotificationEvent('decline', 'c1', report([]))).toBeNull();
    expect(routeNotificationEvent('answer', 'c1', null)).toBeNull();
  });

  it('still opens the window for a late click, without a command once the call is over', () => {
    expect(routeNotificationEvent('click', 'c1', report([]))).toEqual({ focusWindow: true, command: null });
  });

  it('does nothing when the notification is dismissed', () => {
    expect(routeNotificationEvent('closed', 'c1', ringing)).toBeNull();
  });
});

describe('IncomingNotifier', () => {
  it('shows one notification per new ringing call, however often the phone reports', () => {
    const { port, notifier } = setup();
    notifier.update(report([ringingAlice('c1')]), { quiet: false });
    notifier.update(report([ringingAlice('c1')]), { quiet: false });
    notifier.update(report([ringingAlice('c1'), call({ id: 'c2', remoteName: 'Carol' })]), { quiet: false });
    expect(port.shown.map((n) => n.spec.tag)).toEqual(['call-c1', 'call-c2']);
  });

  it('closes the notification when the call stops ringing', () => {
    const { port, notifier } = setup();
    notifier.update(report([ringingAlice('c1')]), { quiet: false });
    notifier.update(report([call({ id: 'c1', status: 'active' })]), { quiet: false });
    expect(port.shown[0]!.closed).toBe(true);
    expect(notifier.openIds()).toEqual([]);
    // Still the same call: no new notification for it.
    notifier.update(report([call({ id: 'c1', status: 'active' })]), { quiet: false });
    expect(port.shown).toHaveLength(1);
  });

  it('does not notify about outgoing or answered calls', () => {
    const { port, notifier } = setup();
    notifier.update(report([activeBob(), activeBob({ id: 'c3', status: 'ringing' })]), { quiet: false });
    expect(port.shown).toEqual([]);
  });

  it('stays quiet during do-not-disturb, and still closes open ones', () => {
    const { port, notifier } = setup();
    notifier.update(report([ringingAlice('c1')]), { quiet: false });
    notifier.update(report([ringingAlice('c2')]), { quiet: true });
    expect(port.shown).toHaveLength(1);
    expect(port.shown[0]!.closed).toBe(true);
  });

  it('passes button presses and clicks on with the call id', () => {
    const { port, events, notifier } = setup();
    notifier.update(report([ringingAlice('c1')]), { quiet: false });
    port.shown[0]!.trigger('answer');
    port.shown[0]!.trigger('click');
    expect(events).toEqual([
      ['answer', 'c1'],
      ['click', 'c1'],
    ]);
  });

  it('forgets a notification the user dismissed and does not show it again', () => {
    const { port, notifier } = setup();
    notifier.update(report([ringingAlice('c1')]), { quiet: false });
    port.shown[0]!.trigger('closed');
    expect(notifier.openIds()).toEqual([]);
    notifier.update(report([ringingAlice('c1')]), { quiet: false });
    expect(port.shown).toHaveLength(1);
  });

  it('closes everything on request', () => {
    const { port, notifier } = setup();
    notifier.update(report([ringingAlice('a'), ringingAlice('b')]), { quiet: false });
    notifier.closeAll();
    expect(port.open()).toEqual([]);
  });
});
