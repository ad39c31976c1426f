import { describe, expect, it } from 'vitest';
import { activeBob, call, report, ringingAlice } from './test-reports';
import { trayModel, type TrayModel } from './tray-model';

function menuItem(model: TrayModel, id: string) {
  const found = model.menu.find((i) => i.id === id);
  if (!found) throw new Error(`no menu item ${id}`);
  return found;
}

function enabledCallItems(model: TrayModel): string[] {
  return ['answer', 'decline', 'hangup', 'toggle-mute'].filter((id) => menuItem(model, id).enabled);
}

describe('tray model', () => {
  it('says Not registered before the phone has reported', () => {
    const model = trayModel(null, 'available');
    expect(model.state).toBe('unregistered');
    expect(model.tooltip).toBe('DeskPhone — Not registered');
    expect(enabledCallItems(model)).toEqual([]);
  });

  it.each([
    ['unregistered', 'DeskPhone — Not registered'],
    ['connecting', 'DeskPhone — Connecting…'],
    ['registered', 'DeskPhone — Registered'],
    ['failed', 'DeskPhone — Registration failed'],
  ] as const)('shows registration %s', (registration, tooltip) => {
    const model = trayModel(report([], registration), 'available');
    expect(model.state).toBe(registration);
    expect(model.tooltip).toBe(tooltip);
    expect(enabledCallItems(model)).toEqual([]);
  });

  it('says calls cannot arrive, and why, while the phone is offline; markup from the reason is dropped', () => {
    const offline = {
      ...report([], 'connecting'),
      offlineReason: 'The service is unavailable (503) <b>now</b>',
    };
    const model = trayModel(offline, 'available');
    expect(model.state).toBe('connecting');
    expect(model.tooltip).toBe("DeskPhone — Can't receive calls: The service is unavailable (503)  b now /b");
    // Registered again: the reason is no longer shown even if a stale one came along.
    expect(trayModel({ ...offline, registration: 'registered' }, 'available').tooltip).toBe(
      'DeskPhone — Registered',
    );
  });

  it('shows do-not-disturb when registered and idle', () => {
    const model = trayModel(report(), 'dnd');
    expect(model.state).toBe('dnd');
    expect(model.tooltip).toBe('DeskPhone — Do not disturb');
    expect(menuItem(model, 'dnd')).toMatchObject({ type: 'radio', checked: true });
    expect(menuItem(model, 'available')).toMatchObject({ type: 'radio', checked: false });
  });

  it('shows registration trouble over do-not-disturb, and still mentions it', () => {
    const model = trayModel(report([], 'failed'), 'dnd');
    expect(model.state).toBe('failed');
    expect(model.tooltip).toBe('DeskPhone — Registration failed (do not disturb)');
  });

  it('shows a ringing call with name and number; only Answer and Decline apply', () => {
    const model = trayModel(report([ringingAlice()]), 'available');
    expect(model.state).toBe('ringing');
    expect(model.tooltip).toBe('Ringing: Alice Archer (alice)');
    expect(enabledCallItems(model)).toEqual(['answer', 'decline']);
  });

  it('counts further ringing calls and names the first', () => {
    const model = trayModel(report([ringingAlice('a'), call({ id: 'b', remoteName: 'Carol' })]), 'available');
    expect(model.tooltip).toBe('Ringing: Alice Archer (alice) and 1 more');
  });

  it('names a caller by number alone when there is no name', () => {
    const model = trayModel(report([call({ remoteName: '', remoteNumber: '+442079460018' })]), 'available');
    expect(model.tooltip).toBe('Ringing: +442079460018');
  });

  it('shows an active call; Hang up and Mute apply', () => {
    const model = trayModel(report([activeBob()]), 'available');
    expect(model.state).toBe('in-call');
    expect(model.tooltip).toBe('In call with Bob');
    expect(enabledCallItems(model)).toEqual(['hangup', 'toggle-mute']);
    expect(menuItem(model, 'toggle-mute').label).toBe('Mute');
  });

  it('says muted and on hold, and offers Unmute', () => {
    const muted = trayModel(report([activeBob({ muted: true })]), 'available');
    expect(muted.tooltip).toBe('In call with Bob — muted');
    expect(menuItem(muted, 'toggle-mute').label).toBe('Unmute');
    const both = trayModel(report([activeBob({ muted: true, held: true })]), 'available');
    expect(both.tooltip).toBe('In call with Bob — muted, on hold');
  });

  it.each(['dialing', 'ringing', 'connecting'] as const)(
    'shows an outgoing call still %s; Hang up applies, Mute does not yet',
    (status) => {
      const model = trayModel(report([activeBob({ status })]), 'available');
      expect(model.state).toBe('in-call');
      expect(model.tooltip).toBe('Calling Bob…');
      expect(enabledCallItems(model)).toEqual(['hangup']);
    },
  );

  it('ignores ended calls', () => {
    const model = trayModel(report([activeBob({ status: 'ended' })]), 'available');
    expect(model.state).toBe('registered');
    expect(enabledCallItems(model)).toEqual([]);
  });

  it('puts a second call ringing during a call first, with every call action enabled', () => {
    const model = trayModel(report([activeBob(), ringingAlice('c3')]), 'available');
    expect(model.state).toBe('ringing');
    expect(enabledCallItems(model)).toEqual(['answer', 'decline', 'hangup', 'toggle-mute']);
  });

  it('keeps the call state during a re-registration', () => {
    expect(trayModel(report([activeBob()], 'connecting'), 'available').state).toBe('in-call');
  });

  it('labels the window item by visibility and always offers Quit', () => {
    expect(menuItem(trayModel(null, 'available', { windowVisible: true }), 'toggle-window').label).toBe(
      'Hide DeskPhone',
    );
    const hidden = trayModel(null, 'available', { windowVisible: false });
    expect(menuItem(hidden, 'toggle-window').label).toBe('Show DeskPhone');
    expect(menuItem(hidden, 'quit')).toMatchObject({ label: 'Quit DeskPhone', enabled: true });
    expect(menuItem(hidden, 'doctor')).toMatchObject({ label: 'Connection doctor…', enabled: true });
    expect(hidden.menu.filter((i) => i.type === 'separator')).toHaveLength(3);
  });

  it('keeps tooltips within the 127 characters Windows shows', () => {
    const model = trayModel({ ...report([], 'failed'), offlineReason: 'A'.repeat(200) }, 'available');
    expect(model.tooltip).toHaveLength(127);
    expect(model.tooltip.endsWith('…')).toBe(true);
  });

  it("shows a caller's name as plain text: no markup, links or right-to-left tricks reach the tray", () => {
    const hostile = call({
      direction: 'incoming',
      status: 'incoming',
      remoteName: '<b>Boss</b> <a href="https://evil.example">x</a>\u202Egnp.exe',
      remoteNumber: '1001\u202E',
    });
    const model = trayModel(report([hostile]), 'available');
    expect(model.tooltip).toBe('Ringing: Boss x gnp.exe (1001)');
  });

  it('counts unseen missed calls in the model and the tooltip', () => {
    expect(trayModel(report(), 'available').missedCalls).toBe(0);
    const one = trayModel(report(), 'available', { missedCalls: 1 });
    expect(one).toMatchObject({ missedCalls: 1, tooltip: 'DeskPhone — Registered — 1 missed call' });
    const dnd = trayModel(report([activeBob()]), 'dnd', { missedCalls: 3 });
    expect(dnd.tooltip).toBe('In call with Bob (do not disturb) — 3 missed calls');
  });

  it('counts unread messages in the tooltip and the app badge, after missed calls', () => {
    const model = trayModel(report(), 'available', { missedCalls: 1, unreadMessages: 2 });
    expect(model.tooltip).toBe('DeskPhone — Registered — 1 missed call — 2 unread messages');
    expect(model.badgeCount).toBe(3);
    expect(trayModel(report(), 'available', { unreadMessages: 0 }).badgeCount).toBe(0);
  });
});
