// Waiting voicemail in the tray (tooltip, icon mark) and the app badge, from the phone's report.
import { describe, expect, it } from 'vitest';
import { defaultDeskSettings } from '../../../contract/desk';
import { createDeskFakes } from '../../../e2e/fixtures/desk-fakes';
import { createMemoryLogger } from '../logger';
import { DeskController } from './desk-controller';
import { activeBob, report } from './test-reports';
import { renderTrayIcon, trayIcons } from './tray-icon';
import { trayModel } from './tray-model';

const box = (newMessages: number, oldMessages = 0, waiting = newMessages > 0) => ({
  waiting,
  newMessages,
  oldMessages,
});

describe('voicemail in the tray model', () => {
  it('says nothing about voicemail before the PBX reported any, or when the box is empty', () => {
    expect(trayModel(report(), 'available')).toMatchObject({
      tooltip: 'DeskPhone — Registered',
      voicemailWaiting: false,
      badgeCount: 0,
    });
    const empty = trayModel({ ...report(), voicemail: box(0, 4) }, 'available');
    expect(empty).toMatchObject({
      tooltip: 'DeskPhone — Registered',
      voicemailWaiting: false,
      badgeCount: 0,
    });
  });

  it('counts new messages in the tooltip and the badge, after missed calls', () => {
    const one = trayModel({ ...report(), voicemail: box(1) }, 'available');
    expect(one).toMatchObject({
      tooltip: 'DeskPhone — Registered — 1 new voicemail',
      voicemailWaiting: true,
      badgeCount: 1,
    });
    const both = trayModel({ ...report([activeBob()]), voicemail: box(2, 1) }, 'available', {
      missedCalls: 3,
    });
    expect(both.tooltip).toBe('In call with Bob — 3 missed calls — 2 new voicemails');
    expect(both.badgeCount).toBe(5);
    expect(both.missedCalls).toBe(3);
  });

  it('shows a lamp without counts as waiting and counts it once in the badge', () => {
    const lamp = trayModel({ ...report(), voicemail: box(0, 0, true) }, 'available');
    expect(lamp).toMatchObject({ tooltip: 'DeskPhone — Registered — voicemail waiting', badgeCount: 1 });
  });

  it('keeps telling about voicemail while offline (the count is the last the PBX gave)', () => {
    const offline = trayModel({ ...report([], 'connecting'), voicemail: box(2) }, 'available');
    expect(offline.tooltip).toBe('DeskPhone — Connecting… — 2 new voicemails');
    expect(offline.state).toBe('connecting');
  });
});

describe('voicemail tray icon', () => {
  it('adds an amber mark at the top right, and only when asked', () => {
    const plain = renderTrayIcon('registered', 32);
    const marked = renderTrayIcon('registered', 32, true);
    expect(marked.equals(plain)).toBe(false);
    expect(trayIcons('registered', true)).toBe(trayIcons('registered', true));
    expect(trayIcons('registered', true)).not.toBe(trayIcons('registered'));
  });
});

describe('DeskController and voicemail', () => {
  function setup() {
    const fakes = createDeskFakes();
    const desk = new DeskController({
      desktop: fakes.ports,
      settings: { get: () => defaultDeskSettings(), save: async () => undefined },
      sendCommand: () => undefined,
      onChanged: () => undefined,
      platform: 'linux',
      logger: createMemoryLogger(),
    });
    desk.start();
    return { desk, fakes };
  }

  it('puts new voicemail on the badge and the marked icon, and clears both when the PBX says 0', () => {
    const { desk, fakes } = setup();
    desk.setCount('missedCalls', 1);
    desk.report({ ...report(), voicemail: box(2) });
    expect(fakes.badge.count).toBe(3);
    expect(fakes.tray.model).toMatchObject({ voicemailWaiting: true });
    expect(fakes.tray.icons).toBe(trayIcons('registered', true));
    desk.report({ ...report(), voicemail: box(0, 2) });
    expect(fakes.badge.count).toBe(1);
    expect(fakes.tray.icons).toBe(trayIcons('registered'));
    expect(fakes.tray.model?.tooltip).toBe('DeskPhone — Registered — 1 missed call');
  });
});
