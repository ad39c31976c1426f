import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { describe, expect, it } from 'vitest';
import { APP_ORIGIN, type IpcSender } from '../../../contract/ipc';
import { defaultDeskSettings } from '../../../contract/desk';
import { createDeskFakes } from '../../../e2e/fixtures/desk-fakes';
import { TestEncryptor } from '../../../e2e/fixtures/test-encryptor';
import { createAppCore } from '../app-core';
import { incomingCallNotification } from '../desk/incoming-notifications';
import { activeBob, report, ringingAlice } from '../desk/test-reports';
import { trayModel } from '../desk/tray-model';
import { createMemoryLogger } from '../logger';
import { tempDir } from '../test-helpers';
import { DESK_MESSAGES, EN } from './desk-messages';
import { deskText } from './desk-text';

function argumentsOf(elements: MessageFormatElement[], into = new Set<string>()): Set<string> {
  for (const element of elements) {
    if (element.type === TYPE.literal || element.type === TYPE.pound) continue;
    into.add(element.value);
    if (element.type === TYPE.select || element.type === TYPE.plural)
      for (const option of Object.values(element.options)) argumentsOf(option.value, into);
  }
  return into;
}

describe('the tray and notification catalogue', () => {
  for (const [language, messages] of Object.entries(DESK_MESSAGES)) {
    it(`${language}: every key, the same arguments, and translated rather than copied`, () => {
      expect(Object.keys(messages).sort()).toEqual(Object.keys(EN).sort());
      for (const [key, english] of Object.entries(EN)) {
        const translated = messages[key as keyof typeof EN];
        expect([...argumentsOf(parse(translated))].sort(), `${language} ${key}`).toEqual(
          [...argumentsOf(parse(english))].sort(),
        );
        if (language !== 'en' && key !== 'available')
          expect(translated, `${language} ${key}`).not.toBe(english);
      }
    });
  }

  it('follows Settings, else the OS locale, else English', () => {
    expect(deskText('system', 'de-AT').language).toBe('de');
    expect(deskText('fr', 'de-AT').language).toBe('fr');
    expect(deskText('system', 'ja-JP').language).toBe('en');
    expect(deskText('system').language).toBe('en');
  });
});

describe('the tray and notifications speak the user’s language', () => {
  it('German tray: tooltip with the caller and the rest ringing, menu, missed calls', () => {
    const model = trayModel(report([ringingAlice('c1'), ringingAlice('c2')]), 'available', {
      missedCalls: 2,
      text: deskText('de'),
    });
    expect(model.tooltip).toBe('Es klingelt: Alice Archer (alice) und 1 weitere — 2 verpasste Anrufe');
    expect(model.menu.filter((i) => i.type !== 'separator').map((i) => i.label)).toEqual([
      'DeskPhone anzeigen',
      'Verfügbar',
      'Nicht stören',
      'Annehmen',
      'Ablehnen',
      'Auflegen',
      'Stummschalten',
      'Verbindungsdiagnose…',
      'DeskPhone beenden',
    ]);
  });

  it('French and Spanish in-call tooltips say muted and held; English is unchanged', () => {
    const call = report([activeBob({ muted: true, held: true })]);
    expect(trayModel(call, 'available', { text: deskText('fr') }).tooltip).toBe(
      'En communication avec Bob — micro coupé, en attente',
    );
    expect(trayModel(call, 'dnd', { text: deskText('es') }).tooltip).toBe(
      'En llamada con Bob — micrófono silenciado, en espera (no molestar)',
    );
    expect(trayModel(call, 'available').tooltip).toBe('In call with Bob — muted, on hold');
  });

  it('the incoming-call notification, with its buttons where the platform shows them', () => {
    const spec = incomingCallNotification(ringingAlice(), 'win32', deskText('es'));
    expect(spec.title).toBe('Llamada entrante');
    expect(spec.actions.map((a) => a.label)).toEqual(['Contestar', 'Rechazar']);
  });

  it('through the app core: the OS locale, then the language chosen in Settings', async () => {
    const fakes = createDeskFakes();
    const app = await createAppCore({
      userDataDir: await tempDir(),
      encryptor: new TestEncryptor(),
      platform: 'linux',
      logger: createMemoryLogger(),
      desktop: fakes.ports,
      systemLocale: 'de-DE',
    });
    const own: IpcSender = { frameUrl: `${APP_ORIGIN}/index.html`, isOwnMainFrame: true };
    await app.router.dispatch('phone:report', own, report([ringingAlice()]));
    expect(fakes.tray.model?.tooltip).toBe('Es klingelt: Alice Archer (alice)');
    expect(fakes.notifications.shown.at(-1)?.spec.title).toBe('Eingehender Anruf');
    const settings = defaultDeskSettings();
    await app.router.dispatch('desk:save', own, {
      ...settings,
      appearance: { language: 'fr', theme: 'system' },
    });
    expect(fakes.tray.model?.tooltip).toBe('Appel de Alice Archer (alice)');
  });
});
