import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { IntlMessageFormat } from 'intl-messageformat';
import { beforeAll, describe, expect, it } from 'vitest';
import { catalogue, englishKeys, LANGUAGES, loadCatalogue, lookup } from './catalogues';
import { pseudoMessage, pseudoText } from './pseudo';
import { literalText, resolveLocale } from './i18n.svelte';

/** The argument names a message uses ({name}, {count, plural, …}, <b>…</b>), sorted. */
function argumentsOf(elements: MessageFormatElement[], into = new Set<string>()): Set<string> {
  for (const element of elements) {
    if (element.type === TYPE.literal || element.type === TYPE.pound) continue;
    into.add(element.value);
    if (element.type === TYPE.select || element.type === TYPE.plural) {
      for (const option of Object.values(element.options)) argumentsOf(option.value, into);
    }
    if (element.type === TYPE.tag) argumentsOf(element.children, into);
  }
  return into;
}

const sorted = (set: Set<string>) => [...set].sort();

describe('message catalogues', () => {
  const keys = englishKeys();
  beforeAll(async () => {
    await Promise.all(LANGUAGES.map((language) => loadCatalogue(language)));
  });

  it('has English messages to translate', () => {
    expect(keys.length).toBeGreaterThan(0);
  });

  for (const language of LANGUAGES) {
    it(`${language}: every English key is translated, with the same arguments, and parses`, () => {
      const missing = keys.filter((key) => lookup(language, key) === undefined);
      expect(missing, `${language} lacks these keys`).toEqual([]);
      for (const key of keys) {
        const english = sorted(argumentsOf(parse(lookup('en', key)!)));
        const translated = sorted(argumentsOf(parse(lookup(language, key)!)));
        expect(translated, `${language} ${key}: arguments`).toEqual(english);
      }
    });

    it(`${language}: has no keys English does not (stale translations)`, () => {
      const english = new Set(keys);
      const extra = Object.entries(catalogue(language) ?? {}).flatMap(([namespace, messages]) =>
        Object.keys(messages)
          .map((key) => `${namespace}.${key}`)
          .filter((key) => !english.has(key)),
      );
      expect(extra).toEqual([]);
    });
  }

  // A catalogue of English copies would pass the key check; at most one
  // message in ten may read exactly as in English (brand names, "Video").
  for (const language of LANGUAGES.filter((l) => l !== 'en')) {
    it(`${language}: is really translated, not copied from English`, () => {
      const wordy = keys.filter((key) => /[A-Za-z]{3,}/.test(lookup('en', key)!.replace(/\{[^{}]*\}/g, '')));
      const same = wordy.filter((key) => lookup(language, key) === lookup('en', key));
      expect(same.length, `${language} copies English: ${same.join(', ')}`).toBeLessThanOrEqual(
        Math.floor(wordy.length / 10),
      );
    });
  }

  it('fails on a missing key (the check itself works)', () => {
    expect(lookup('de', 'call.__no_such_key__')).toBeUndefined();
  });
});

describe('pseudo-locale', () => {
  it('accents letters, keeps arguments and wraps the message', () => {
    const text = new IntlMessageFormat(pseudoMessage('Call with {name} ended, {time}'), 'en').format({
      name: 'Bob',
      time: '2:05',
    });
    expect(text).toBe('⟦Çååļļ ŵîîţĥ Bob ééñðééð, 2:05⟧');
    expect(pseudoText('Hold')).not.toMatch(/[A-Za-z]/);
  });

  it('translates plural branches but not the argument', () => {
    const format = new IntlMessageFormat(
      pseudoMessage('{count, plural, one {# call} other {# calls}}'),
      'en',
    );
    expect(format.format({ count: 3 })).toBe('⟦3 çååļļš⟧');
  });
});

describe('resolveLocale', () => {
  it('follows the first system language DeskPhone ships, keeping its region for formats', () => {
    expect(resolveLocale('system', ['it-IT', 'de-AT', 'en-US'])).toEqual({ catalogue: 'de', tag: 'de-AT' });
  });
  it('uses English for unshipped languages but keeps the system region for dates', () => {
    expect(resolveLocale('system', ['ja-JP'])).toEqual({ catalogue: 'en', tag: 'ja-JP' });
  });
  it('lets Settings override the system', () => {
    expect(resolveLocale('fr', ['de-DE', 'fr-CA'])).toEqual({ catalogue: 'fr', tag: 'fr-CA' });
    expect(resolveLocale('es', ['de-DE'])).toEqual({ catalogue: 'es', tag: 'es' });
  });
  it('selects the pseudo-locale only from the system locale en-XA', () => {
    expect(resolveLocale('system', ['en-XA'])).toEqual({ catalogue: 'pseudo', tag: 'en-XA' });
  });
});

describe('plain messages', () => {
  it('read exactly as IntlMessageFormat would format them, in every catalogue', () => {
    let plain = 0;
    for (const language of LANGUAGES) {
      for (const key of englishKeys()) {
        const message = lookup(language, key)!;
        const literal = literalText(message);
        if (literal === undefined) continue;
        plain++;
        expect(literal, `${language} ${key}`).toBe(new IntlMessageFormat(message, 'en').format());
      }
    }
    expect(plain).toBeGreaterThan(100);
  });

  it('leave arguments, plurals, quoting and tags to the formatter', () => {
    for (const message of [
      '{name} calls',
      "'{'literal'}'",
      '<b>bold</b>',
      '{n, plural, one {#} other {#}}',
    ]) {
      expect(literalText(message)).toBeUndefined();
    }
    expect(literalText("l''appel n'a pas abouti")).toBe("l'appel n'a pas abouti");
  });
});
