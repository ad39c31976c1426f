// Every language's messages, one JSON file per screen area (namespace) so the
// people who work on one screen touch only its files. English is the source:
// its keys define MessageKey, and a unit test fails when another language
// misses a key or changes a message's arguments.
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
import deApp from './messages/de/app.json';
import deCall from './messages/de/call.json';
import deDial from './messages/de/dial.json';
import deHistory from './messages/de/history.json';
import deContacts from './messages/de/contacts.json';
import deSettings from './messages/de/settings.json';
import deDoctor from './messages/de/doctor.json';
import deCommon from './messages/de/common.json';
import deStatus from './messages/de/status.json';
import deEngine from './messages/de/engine.json';
import deBoard from './messages/de/board.json';
import dePark from './messages/de/park.json';
import deForwarding from './messages/de/forwarding.json';
import deRecording from './messages/de/recording.json';
import deHeadset from './messages/de/headset.json';
import deScreenPop from './messages/de/screenPop.json';
import deNotes from './messages/de/notes.json';
import deDirectory from './messages/de/directory.json';
import deMessages from './messages/de/messages.json';
import frApp from './messages/fr/app.json';
import frCall from './messages/fr/call.json';
import frDial from './messages/fr/dial.json';
import frHistory from './messages/fr/history.json';
import frContacts from './messages/fr/contacts.json';
import frSettings from './messages/fr/settings.json';
import frDoctor from './messages/fr/doctor.json';
import frCommon from './messages/fr/common.json';
import frStatus from './messages/fr/status.json';
import frEngine from './messages/fr/engine.json';
import frBoard from './messages/fr/board.json';
import frPark from './messages/fr/park.json';
import frForwarding from './messages/fr/forwarding.json';
import frRecording from './messages/fr/recording.json';
import frHeadset from './messages/fr/headset.json';
import frScreenPop from './messages/fr/screenPop.json';
import frNotes from './messages/fr/notes.json';
import frDirectory from './messages/fr/directory.json';
import frMessages from './messages/fr/messages.json';
import esApp from './messages/es/app.json';
import esCall from './messages/es/call.json';
import esDial from './messages/es/dial.json';
import esHistory from './messages/es/history.json';
import esContacts from './messages/es/contacts.json';
import esSettings from './messages/es/settings.json';
import esDoctor from './messages/es/doctor.json';
import esCommon from './messages/es/common.json';
import esStatus from './messages/es/status.json';
import esEngine from './messages/es/engine.json';
import esBoard from './messages/es/board.json';
import esPark from './messages/es/park.json';
import esForwarding from './messages/es/forwarding.json';
import esRecording from './messages/es/recording.json';
import esHeadset from './messages/es/headset.json';
import esScreenPop from './messages/es/screenPop.json';
import esNotes from './messages/es/notes.json';
import esDirectory from './messages/es/directory.json';
import esMessages from './messages/es/messages.json';

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

type Catalogue = Record<Namespace, Record<string, string>>;

export const CATALOGUES: Record<Language, Catalogue> = {
  en,
  de: {
    app: deApp,
    call: deCall,
    dial: deDial,
    history: deHistory,
    contacts: deContacts,
    settings: deSettings,
    doctor: deDoctor,
    common: deCommon,
    status: deStatus,
    engine: deEngine,
    board: deBoard,
    park: dePark,
    forwarding: deForwarding,
    recording: deRecording,
    headset: deHeadset,
    screenPop: deScreenPop,
    notes: deNotes,
    directory: deDirectory,
    messages: deMessages,
  },
  fr: {
    app: frApp,
    call: frCall,
    dial: frDial,
    history: frHistory,
    contacts: frContacts,
    settings: frSettings,
    doctor: frDoctor,
    common: frCommon,
    status: frStatus,
    engine: frEngine,
    board: frBoard,
    park: frPark,
    forwarding: frForwarding,
    recording: frRecording,
    headset: frHeadset,
    screenPop: frScreenPop,
    notes: frNotes,
    directory: frDirectory,
    messages: frMessages,
  },
  es: {
    app: esApp,
    call: esCall,
    dial: esDial,
    history: esHistory,
    contacts: esContacts,
    settings: esSettings,
    doctor: esDoctor,
    common: esCommon,
    status: esStatus,
    engine: esEngine,
    board: esBoard,
    park: esPark,
    forwarding: esForwarding,
    recording: esRecording,
    headset: esHeadset,
    screenPop: esScreenPop,
    notes: esNotes,
    directory: esDirectory,
    messages: esMessages,
  },
};

/** The message text for a key in one language, or undefined if that language lacks it. */
export function lookup(language: Language, key: string): string | undefined {
  const dot = key.indexOf('.');
  const namespace = key.slice(0, dot) as Namespace;
  return CATALOGUES[language][namespace]?.[key.slice(dot + 1)];
}

/** Every key English defines, for the completeness test and the pseudo-locale. */
export function englishKeys(): string[] {
  return Object.entries(en).flatMap(([namespace, messages]) =>
    Object.keys(messages).map((key) => `${namespace}.${key}`),
  );
}
