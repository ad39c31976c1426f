import { IntlMessageFormat } from 'intl-messageformat';
import type { DeskSettings } from '../../../contract/desk';
import { DESK_MESSAGES, type DeskLanguage, type DeskMessageKey } from './desk-messages';

type Values = Record<string, string | number>;

/** The tray's and notifications' words in one language, compiled once per message. */
export class DeskText {
  private readonly compiled = new Map<DeskMessageKey, IntlMessageFormat>();

  constructor(readonly language: DeskLanguage) {}

  t(key: DeskMessageKey, values?: Values): string {
    let format = this.compiled.get(key);
    if (!format) {
      format = new IntlMessageFormat(DESK_MESSAGES[this.language][key], this.language);
      this.compiled.set(key, format);
    }
    return String(format.format(values));
  }
}

const cache = new Map<DeskLanguage, DeskText>();

/**
 * Settings' language, else the OS locale's (Electron's app.getLocale(), e.g.
 * "de-AT"), else English: the same choice the window makes from its own locale.
 */
export function deskText(choice: DeskSettings['appearance']['language'], systemLocale = 'en'): DeskText {
  const base = systemLocale.toLowerCase().split(/[-_]/)[0] ?? 'en';
  const language: DeskLanguage =
    choice !== 'system' ? choice : base in DESK_MESSAGES ? (base as DeskLanguage) : 'en';
  let text = cache.get(language);
  if (!text) {
    text = new DeskText(language);
    cache.set(language, text);
  }
  return text;
}

export const ENGLISH = deskText('en');
