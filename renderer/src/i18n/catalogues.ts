// Every language's messages, one JSON file per screen area (namespace) so the
// people who work on one screen touch only its files. English is the source:
// its keys define MessageKey, and a unit test fails when another language
// misses a key or changes a message's arguments. English is always here (the
// fallback, and the pseudo-locale's source); every other language is a chunk
// of its own, loaded when it is the language in use: parsing all four before
// the phone could register cost start-up about 20 ms on a slow PC.
import enApp from './messages/en/app.json';
import enCall from './messages/en/call.json';
import enDial from './messages/en/dial.json';
import enHistory from './messages/en/history.json';
import enContacts from './messages/en/contacts.json';
import enSettings from './messages/en/settings.json';
import enDoctor from './messages/en/doctor.json';
import enCommon from './messages/en/common.json';
import enStatus from './messages/en/status.json';
import enEngine from './messages/en/engine.json';
import enBoard from './messages/en/board.json';
import enPark from './messages/en/park.json';
import enForwarding from './messages/en/forwarding.json';
import enRecording from './messages/en/recording.json';
import enHeadset from './messages/en/headset.json';
import enScreenPop from './messages/en/screenPop.json';
import enNotes from './messages/en/notes.json';
import enDirectory from './messages/en/directory.json';
import enMessages from './messages/en/messages.json';

const en = {
  app: enApp,
  call: enCall,
  dial: enDial,
  history: enHistory,
  contacts: enContacts,
  settings: enSettings,
  doctor: enDoctor,
  common: enCommon,
  status: enStatus,
  engine: enEngine,
  board: enBoard,
  park: enPark,
  forwarding: enForwarding,
  recording: enRecording,
  headset: enHeadset,
  screenPop: enScreenPop,
  notes: enNotes,
  directory: enDirectory,
  messages: enMessages,
};

type English = typeof en;
type Namespace = keyof English;
/** "call.hangUp", "settings.serverAddress", …: every message English has. */
export type MessageKey = { [N in Namespace]: `${N}.${Extract<keyof English[N], string>}` }[Namespace];

/** The languages DeskPhone ships, in the order Settings lists them. */
export const LANGUAGES = ['en', 'de', 'fr', 'es'] as const;
export type Language = (typeof LANGUAGES)[number];

export type Catalogue = Record<Namespace, Record<string, string>>;

const loaded: Partial<Record<Language, Catalogue>> = { en };
const loading = new Map<Language, Promise<void>>();
const LOADERS: Record<Exclude<Language, 'en'>, () => Promise<{ default: Catalogue }>> = {
  de: () => import('./languages/de'),
  fr: () => import('./languages/fr'),
  es: () => import('./languages/es'),
};

/** Whether a language's messages are here (English always is). */
export function hasCatalogue(language: Language): boolean {
  return loaded[language] !== undefined;
}

/** Loads a language's messages, once; rejects if its chunk cannot be loaded (English stays in use). */
export function loadCatalogue(language: Language): Promise<void> {
  if (language === 'en' || loaded[language]) return Promise.resolve();
  let pending = loading.get(language);
  if (!pending) {
    pending = LOADERS[language]().then((module) => {
      loaded[language] = module.default;
    });
    loading.set(language, pending);
  }
  return pending;
}

/** A language's whole catalogue, if loaded. */
export function catalogue(language: Language): Catalogue | undefined {
  return loaded[language];
}

/** The message text for a key in one language, or undefined if that language lacks it or is not loaded. */
export function lookup(language: Language, key: string): string | undefined {
  const dot = key.indexOf('.');
  const namespace = key.slice(0, dot) as Namespace;
  return loaded[language]?.[namespace]?.[key.slice(dot + 1)];
}

/** Every key English defines, for the completeness test and the pseudo-locale. */
export function englishKeys(): string[] {
  return Object.entries(en).flatMap(([namespace, messages]) =>
    Object.keys(messages).map((key) => `${namespace}.${key}`),
  );
}
