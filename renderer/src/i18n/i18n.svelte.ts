import { IntlMessageFormat, type PrimitiveType } from 'intl-messageformat';
import { hasCatalogue, LANGUAGES, loadCatalogue, lookup, type Language, type MessageKey } from './catalogues';
import { pseudoMessage, pseudoText } from './pseudo';

export type LanguageChoice = 'system' | Language;
export type MessageValues = Record<string, PrimitiveType>;

/** The pseudo-locale's tag (CLDR's "en-XA"): chosen only through the system locale. */
export const PSEUDO_LOCALE = 'en-XA';

export interface ResolvedLocale {
  /** Which catalogue: a shipped language, or the pseudo-locale. */
  catalogue: Language | 'pseudo';
  /** The BCP 47 tag for dates, numbers and the page's lang (e.g. de-AT when the system says so). */
  tag: string;
}

function baseLanguage(tag: string): string {
  return tag.toLowerCase().split(/[-_]/)[0] ?? '';
}

function isShipped(language: string): language is Language {
  return (LANGUAGES as readonly string[]).includes(language);
}

/** Settings' choice, else the first system language we ship, else English. */
export function resolveLocale(choice: LanguageChoice, system: readonly string[]): ResolvedLocale {
  if (choice !== 'system') {
    const regional = system.find((tag) => baseLanguage(tag) === choice);
    return { catalogue: choice, tag: regional ?? choice };
  }
  for (const tag of system) {
    if (tag.toLowerCase() === PSEUDO_LOCALE.toLowerCase()) return { catalogue: 'pseudo', tag: PSEUDO_LOCALE };
    const language = baseLanguage(tag);
    if (isShipped(language)) return { catalogue: language, tag };
  }
  return { catalogue: 'en', tag: system[0] ?? 'en' };
}

/**
 * A message without arguments, plural or tags, as it reads: most of the
 * catalogue. Compiling those with IntlMessageFormat cost start-up tens of
 * milliseconds (its first use loads the locale data) for nothing. Without
 * braces or angle brackets an apostrophe quotes nothing, and '' is one '.
 * Undefined when the message needs the real formatter.
 */
export function literalText(message: string): string | undefined {
  return /[{}<>]/.test(message) ? undefined : message.replaceAll("''", "'");
}

/**
 * The renderer's language: ICU messages (FormatJS intl-messageformat) from the
 * catalogues, compiled once per language and key. Reading `t()` in a
 * component's template makes it re-render when the language changes, and
 * when the language's catalogue has arrived (English is used until then).
 */
export class I18n {
  choice = $state<LanguageChoice>('system');
  system = $state<readonly string[]>(typeof navigator === 'undefined' ? ['en'] : navigator.languages);
  readonly locale: ResolvedLocale = $derived(resolveLocale(this.choice, this.system));
  /** Bumped when a catalogue arrives, so what t() returned in English is asked again. */
  #arrived = $state(0);
  // A cache of compiled messages (plain text as is), never read reactively.
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  readonly #compiled = new Map<string, IntlMessageFormat | string>();
  // Languages t() has asked for once: a chunk that failed is not asked for again at every render.
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  readonly #asked = new Set<Language>();

  constructor() {
    // The system's language starts loading at once: it is the one in use unless Settings say otherwise.
    void this.ready();
  }

  /** Resolves when the language in use has its messages (or they could not be loaded: English stays). */
  ready(): Promise<void> {
    const { catalogue } = this.locale;
    if (catalogue === 'pseudo' || hasCatalogue(catalogue)) return Promise.resolve();
    return loadCatalogue(catalogue).then(
      () => {
        this.#arrived += 1;
      },
      () => undefined,
    );
  }

  t(key: MessageKey, values?: MessageValues): string {
    const { tag } = this.locale;
    let { catalogue } = this.locale;
    void this.#arrived;
    if (catalogue !== 'pseudo' && !hasCatalogue(catalogue)) {
      if (!this.#asked.has(catalogue)) {
        this.#asked.add(catalogue);
        void this.ready();
      }
      catalogue = 'en';
    }
    const cacheKey = `${catalogue}|${tag}|${key}`;
    let format = this.#compiled.get(cacheKey);
    if (format === undefined) {
      const english = lookup('en', key) ?? key;
      const message = catalogue === 'pseudo' ? pseudoMessage(english) : (lookup(catalogue, key) ?? english);
      format =
        (typeof message === 'string' ? literalText(message) : undefined) ??
        new IntlMessageFormat(message, tag);
      this.#compiled.set(cacheKey, format);
    }
    if (typeof format === 'string') return format;
    const text = format.format(values);
    return typeof text === 'string' ? text : String(text);
  }

  /** A call length as a clock reads it: 0:07, 2:05, 1:02:03 (digits in the locale's numbering). */
  clock(totalSeconds: number): string {
    const seconds = Math.max(0, Math.floor(totalSeconds));
    const h = Math.floor(seconds / 3600);
    const m = Math.floor((seconds % 3600) / 60);
    const s = seconds % 60;
    const two = new Intl.NumberFormat(this.locale.tag, { minimumIntegerDigits: 2, useGrouping: false });
    const one = new Intl.NumberFormat(this.locale.tag, { useGrouping: false });
    return h ? `${one.format(h)}:${two.format(m)}:${two.format(s)}` : `${one.format(m)}:${two.format(s)}`;
  }

  /** A call length in words for screen readers and sentences: "2 minutes, 5 seconds". */
  duration(totalSeconds: number): string {
    const seconds = Math.max(0, Math.floor(totalSeconds));
    const parts = {
      hours: Math.floor(seconds / 3600),
      minutes: Math.floor((seconds % 3600) / 60),
      seconds: seconds % 60,
    };
    type DurationFormatter = { format(d: Record<string, number>): string };
    const DurationFormat = (
      Intl as unknown as { DurationFormat?: new (l: string, o: object) => DurationFormatter }
    ).DurationFormat;
    if (!DurationFormat) return this.clock(seconds);
    const words = new DurationFormat(this.locale.tag, { style: 'long' }).format(parts);
    // CLDR has no words for the pseudo-locale: accent them, so what the e2e check
    // flags as English is only text that skipped the catalogues.
    return this.locale.catalogue === 'pseudo' ? pseudoText(words) : words;
  }

  date(value: number | Date, options: Intl.DateTimeFormatOptions): string {
    return new Intl.DateTimeFormat(this.locale.tag, options).format(value);
  }

  number(value: number, options?: Intl.NumberFormatOptions): string {
    return new Intl.NumberFormat(this.locale.tag, options).format(value);
  }
}

export const i18n = new I18n();

/** Shorthand for components: `t('call.hangUp')`. */
export function t(key: MessageKey, values?: MessageValues): string {
  return i18n.t(key, values);
}
