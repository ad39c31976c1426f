// What the tray, its menu and the incoming-call notification say, in the
// languages the window has (renderer/src/i18n). ICU MessageFormat, English
// first; desk-text.test.ts fails when a language misses a key or an argument.

export const EN = {
  notRegistered: 'DeskPhone — Not registered',
  connecting: 'DeskPhone — Connecting…',
  registered: 'DeskPhone — Registered',
  failed: 'DeskPhone — Registration failed',
  offline: "DeskPhone — Can't receive calls: {reason}",
  dnd: 'DeskPhone — Do not disturb',
  withDnd: '{text} (do not disturb)',
  ringing: 'Ringing: {caller}{more, plural, =0 {} other { and # more}}',
  calling: 'Calling {who}…',
  inCall:
    'In call with {who}{state, select, muted { — muted} held { — on hold} both { — muted, on hold} other {}}',
  withMissed: '{text} — {count, plural, one {# missed call} other {# missed calls}}',
  withMessages: '{text} — {count, plural, one {# unread message} other {# unread messages}}',
  withVoicemail:
    '{text} — {count, plural, =0 {voicemail waiting} one {# new voicemail} other {# new voicemails}}',
  withForwarding: '{text} — calls forwarded to {target}',
  show: 'Show DeskPhone',
  hide: 'Hide DeskPhone',
  available: 'Available',
  doNotDisturb: 'Do not disturb',
  answer: 'Answer',
  decline: 'Decline',
  hangUp: 'Hang up',
  mute: 'Mute',
  unmute: 'Unmute',
  doctor: 'Connection doctor…',
  quit: 'Quit DeskPhone',
  incomingCall: 'Incoming call',
  unknownCaller: 'Unknown caller',
} as const;

export type DeskMessageKey = keyof typeof EN;
export type DeskMessages = Record<DeskMessageKey, string>;

const DE: DeskMessages = {
  notRegistered: 'DeskPhone — Nicht angemeldet',
  connecting: 'DeskPhone — Verbindung wird hergestellt…',
  registered: 'DeskPhone — Angemeldet',
  failed: 'DeskPhone — Anmeldung fehlgeschlagen',
  offline: 'DeskPhone — Keine Anrufe möglich: {reason}',
  dnd: 'DeskPhone — Nicht stören',
  withDnd: '{text} (nicht stören)',
  ringing: 'Es klingelt: {caller}{more, plural, =0 {} other { und # weitere}}',
  calling: '{who} wird angerufen…',
  inCall:
    'Im Gespräch mit {who}{state, select, muted { — stummgeschaltet} held { — gehalten} both { — stummgeschaltet, gehalten} other {}}',
  withMissed: '{text} — {count, plural, one {# verpasster Anruf} other {# verpasste Anrufe}}',
  withMessages: '{text} — {count, plural, one {# ungelesene Nachricht} other {# ungelesene Nachrichten}}',
  withVoicemail:
    '{text} — {count, plural, =0 {Sprachnachricht wartet} one {# neue Sprachnachricht} other {# neue Sprachnachrichten}}',
  withForwarding: '{text} — Anrufe werden an {target} weitergeleitet',
  show: 'DeskPhone anzeigen',
  hide: 'DeskPhone ausblenden',
  available: 'Verfügbar',
  doNotDisturb: 'Nicht stören',
  answer: 'Annehmen',
  decline: 'Ablehnen',
  hangUp: 'Auflegen',
  mute: 'Stummschalten',
  unmute: 'Stummschaltung aufheben',
  doctor: 'Verbindungsdiagnose…',
  quit: 'DeskPhone beenden',
  incomingCall: 'Eingehender Anruf',
  unknownCaller: 'Unbekannter Anrufer',
};

const FR: DeskMessages = {
  notRegistered: 'DeskPhone — Non enregistré',
  connecting: 'DeskPhone — Connexion…',
  registered: 'DeskPhone — Enregistré',
  failed: 'DeskPhone — Échec de l’enregistrement',
  offline: 'DeskPhone — Impossible de recevoir des appels : {reason}',
  dnd: 'DeskPhone — Ne pas déranger',
  withDnd: '{text} (ne pas déranger)',
  ringing: 'Appel de {caller}{more, plural, =0 {} other { et # autres}}',
  calling: 'Appel de {who} en cours…',
  inCall:
    'En communication avec {who}{state, select, muted { — micro coupé} held { — en attente} both { — micro coupé, en attente} other {}}',
  withMissed: '{text} — {count, plural, one {# appel manqué} other {# appels manqués}}',
  withMessages: '{text} — {count, plural, one {# message non lu} other {# messages non lus}}',
  withVoicemail:
    '{text} — {count, plural, =0 {message vocal en attente} one {# nouveau message vocal} other {# nouveaux messages vocaux}}',
  withForwarding: '{text} — appels renvoyés vers {target}',
  show: 'Afficher DeskPhone',
  hide: 'Masquer DeskPhone',
  available: 'Disponible',
  doNotDisturb: 'Ne pas déranger',
  answer: 'Répondre',
  decline: 'Refuser',
  hangUp: 'Raccrocher',
  mute: 'Couper le micro',
  unmute: 'Rétablir le micro',
  doctor: 'Diagnostic de connexion…',
  quit: 'Quitter DeskPhone',
  incomingCall: 'Appel entrant',
  unknownCaller: 'Appelant inconnu',
};

const ES: DeskMessages = {
  notRegistered: 'DeskPhone — No registrado',
  connecting: 'DeskPhone — Conectando…',
  registered: 'DeskPhone — Registrado',
  failed: 'DeskPhone — Error de registro',
  offline: 'DeskPhone — No puede recibir llamadas: {reason}',
  dnd: 'DeskPhone — No molestar',
  withDnd: '{text} (no molestar)',
  ringing: 'Llamada de {caller}{more, plural, =0 {} other { y # más}}',
  calling: 'Llamando a {who}…',
  inCall:
    'En llamada con {who}{state, select, muted { — micrófono silenciado} held { — en espera} both { — micrófono silenciado, en espera} other {}}',
  withMissed: '{text} — {count, plural, one {# llamada perdida} other {# llamadas perdidas}}',
  withMessages: '{text} — {count, plural, one {# mensaje sin leer} other {# mensajes sin leer}}',
  withVoicemail:
    '{text} — {count, plural, =0 {mensaje de voz en espera} one {# mensaje de voz nuevo} other {# mensajes de voz nuevos}}',
  withForwarding: '{text} — llamadas desviadas a {target}',
  show: 'Mostrar DeskPhone',
  hide: 'Ocultar DeskPhone',
  available: 'Disponible',
  doNotDisturb: 'No molestar',
  answer: 'Contestar',
  decline: 'Rechazar',
  hangUp: 'Colgar',
  mute: 'Silenciar',
  unmute: 'Activar micrófono',
  doctor: 'Diagnóstico de conexión…',
  quit: 'Salir de DeskPhone',
  incomingCall: 'Llamada entrante',
  unknownCaller: 'Llamante desconocido',
};

export const DESK_MESSAGES = { en: EN as DeskMessages, de: DE, fr: FR, es: ES };
export type DeskLanguage = keyof typeof DESK_MESSAGES;
