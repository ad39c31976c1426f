import { describe, expect, it, vi } from 'vitest';

// French arrives only when the test opens the gate: what the renderer does
// while a language's chunk is still on its way, and after.
const gate = vi.hoisted(() => {
  let open: () => void = () => undefined;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { open: () => open(), opened };
});
vi.mock('./languages/fr', async (importOriginal) => {
  await gate.opened;
  return importOriginal();
});

const { hasCatalogue } = await import('./catalogues');
const { I18n } = await import('./i18n.svelte');

describe('languages loaded when used', () => {
  it('an English phone has English only: no other language is loaded', async () => {
    const i18n = new I18n();
    i18n.system = ['en-GB'];
    await i18n.ready();
    expect(i18n.t('call.answer')).toBe('Answer');
    expect(['de', 'fr', 'es'].filter((language) => hasCatalogue(language as 'de'))).toEqual([]);
  });

  it('shows English until the chosen language has arrived, then that language; ready() says when', async () => {
    const i18n = new I18n();
    i18n.system = ['en-US'];
    i18n.choice = 'fr';
    let ready = false;
    const readying = i18n.ready().then(() => (ready = true));
    expect(i18n.t('call.answer')).toBe('Answer');
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(ready).toBe(false);
    gate.open();
    await readying;
    expect(hasCatalogue('fr')).toBe(true);
    expect(i18n.t('call.answer')).toBe('Répondre');
    // The English text given while waiting was not kept as the French one.
    expect(i18n.t('call.ringingGroup', { name: 'Ana' })).toBe('Appel de Ana');
  });

  it('starts loading the system language as soon as it exists', async () => {
    const i18n = new I18n();
    i18n.system = ['de-AT'];
    // Constructed with the test process's languages; the system changes, and t() asks for German.
    expect(i18n.t('call.answer')).toBe('Answer');
    await i18n.ready();
    expect(i18n.t('call.answer')).toBe('Annehmen');
  });
});
