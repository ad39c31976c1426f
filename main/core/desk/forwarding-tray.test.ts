// Forwarding in the tray: people forget it, and the tray is where they look
// when no call arrives.
import { describe, expect, it } from 'vitest';
import { defaultDeskSettings, type DeskSettings } from '../../../contract/desk';
import { createDeskFakes } from '../../../e2e/fixtures/desk-fakes';
import { createMemoryLogger } from '../logger';
import { deskText } from '../i18n/desk-text';
import { DeskController } from './desk-controller';
import { report } from './test-reports';
import { forwardAllTarget, trayModel } from './tray-model';

function forwarding(change: Partial<DeskSettings['forwarding']>): DeskSettings {
  const settings = defaultDeskSettings();
  settings.forwarding = { ...settings.forwarding, ...change };
  return settings;
}

describe('forwarding in the tray', () => {
  it('names where every call goes: forward all first, else the PBX; conditional rules are not "every call"', () => {
    expect(forwardAllTarget(defaultDeskSettings())).toBeUndefined();
    expect(forwardAllTarget(forwarding({ always: { enabled: true, target: ' 1003 ' } }))).toBe('1003');
    expect(forwardAllTarget(forwarding({ always: { enabled: false, target: '1003' } }))).toBeUndefined();
    expect(forwardAllTarget(forwarding({ pbxTarget: '1009' }))).toBe('1009');
    expect(
      forwardAllTarget(forwarding({ busy: { enabled: true, target: '1004' }, pbxTarget: '' })),
    ).toBeUndefined();
  });

  it('adds it to the tooltip after do not disturb, before missed calls, without markup', () => {
    expect(trayModel(report(), 'available', { forwardedTo: '1003', missedCalls: 2 }).tooltip).toBe(
      'DeskPhone — Registered — calls forwarded to 1003 — 2 missed calls',
    );
    expect(trayModel(report(), 'dnd', { forwardedTo: '<b>1003</b>' }).tooltip).toBe(
      'DeskPhone — Do not disturb — calls forwarded to b 1003 /b',
    );
    expect(trayModel(report(), 'available', { forwardedTo: '1003', text: deskText('de') }).tooltip).toBe(
      'DeskPhone — Angemeldet — Anrufe werden an 1003 weitergeleitet',
    );
  });

  it('follows a desk save: forward all on, then off', async () => {
    const fakes = createDeskFakes();
    let saved = defaultDeskSettings();
    const desk = new DeskController({
      desktop: fakes.ports,
      settings: { get: () => saved, save: async (next) => void (saved = next) },
      sendCommand: () => undefined,
      onChanged: () => undefined,
      platform: 'linux',
      logger: createMemoryLogger(),
    });
    desk.start();
    desk.report(report());
    await desk.save(forwarding({ always: { enabled: true, target: '1003' } }));
    expect(fakes.tray.model?.tooltip).toBe('DeskPhone — Registered — calls forwarded to 1003');
    await desk.save(forwarding({ always: { enabled: false, target: '1003' } }));
    expect(fakes.tray.model?.tooltip).toBe('DeskPhone — Registered');
  });
});
