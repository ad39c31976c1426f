/**
 * The configuration files of the test Asterisk, generated per run: WS and WSS
 * on the built-in HTTP server (certificate made at start), PJSIP endpoints for
 * WebRTC phones plus one legacy endpoint without webrtc=yes, loopback-only
 * media (see ICE_LOOPBACK_ALIAS) and a dialplan with one extension per
 * situation a phone meets on a real PBX.
 */

import { renderDialplan } from './asterisk-dialplan';

export { EXTENSIONS } from './asterisk-dialplan';

/**
 * An address that exists only on the private namespace's `lo`
 * (scripts/run-e2e.mjs adds it). Asterisk never offers a 127.0.0.0/8 address
 * as an ICE host candidate, so it gathers this one and rtp.conf maps it to
 * 127.0.0.1, where its RTP is bound: every ICE pair is then loopback.
 */
export const ICE_LOOPBACK_ALIAS = '10.213.0.1';

export interface AsteriskEndpoint {
  /** Extension, user name and auth user at once, as Asterisk sites usually do. */
  ext: string;
  name: string;
  password: string;
  /** false: an endpoint without webrtc=yes (plain RTP/AVP, no DTLS, no ICE). Default true. */
  webrtc?: boolean;
  /** Asterisk's dtmf_mode for this endpoint; default rfc4733. */
  dtmfMode?: 'rfc4733' | 'info';
}

export interface AsteriskLayout {
  etcDir: string;
  modulesDir: string;
  dataDir: string;
  varDir: string;
  httpPort: number;
  tlsPort: number;
  udpPort: number;
  certPath: string;
  keyPath: string;
  endpoints: AsteriskEndpoint[];
}

/** Busy and congestion tones, so Busy()/Congestion() sound as a caller expects once a call is up. */
const INDICATIONS = `[general]
country = us
[us]
description = United States
ringcadence = 2000,4000
dial = 350+440
busy = 480+620/500,0/500
ring = 440+480/2000,0/4000
congestion = 480+620/250,0/250
`;

/**
 * One parking lot, as an Asterisk site sets it up for desk phones: 700 parks
 * (a blind transfer to it is the phone's Park button), 701–720 are the slots,
 * each with a hint (park:701@parkedcalls) for slot lamps. Calls stay parked
 * for an hour, so nothing times out back to the parker during a test.
 */
export const PARKING_LOT = { parkExtension: '700', firstSlot: 701, lastSlot: 720 } as const;

const PARKING = `[general]
parkeddynamic = no

[default]
parkext => ${PARKING_LOT.parkExtension}
parkpos => ${PARKING_LOT.firstSlot}-${PARKING_LOT.lastSlot}
context => parkedcalls
parkinghints = yes
findslot => first
parkingtime => 3600
comebacktoorigin = yes
`;

const QUIET_DEFAULTS = [
  'acl.conf',
  'ccss.conf',
  'cdr.conf',
  'cel.conf',
  'cli_aliases.conf',
  'features.conf',
  'manager.conf',
  'pjproject.conf',
  'pjsip_notify.conf',
  'pjsip_wizard.conf',
  'udptl.conf',
  'websocket_client.conf',
];

export function renderAsteriskConfig(layout: AsteriskLayout): Record<string, string> {
  const dir = (name: string) => `${layout.varDir}/${name}`;
  return {
    'asterisk.conf': `[directories]
astetcdir => ${layout.etcDir}
astmoddir => ${layout.modulesDir}
astdatadir => ${layout.dataDir}
astvarlibdir => ${dir('lib')}
astdbdir => ${dir('db')}
astkeydir => ${dir('keys')}
astspooldir => ${dir('spool')}
astrundir => ${dir('run')}
astlogdir => ${dir('log')}

[options]
; Silence, not nothing, while the dialplan waits: what a silent prompt sends.
transmit_silence = yes
`,
    'modules.conf': `[modules]
autoload = yes
; Not needed by the suite, and each would only complain at start.
noload = res_stun_monitor.so
noload = res_pjsip_publish_asterisk.so
noload = chan_iax2.so
noload = chan_unistim.so
noload = res_statsd.so
noload = cdr_csv.so
noload = cel_custom.so
noload = res_smdi.so
noload = res_config_sqlite3.so
noload = res_crypto.so
noload = res_adsi.so
noload = func_aes.so
`,
    // Present so their modules load quietly with defaults.
    ...Object.fromEntries(QUIET_DEFAULTS.map((name) => [name, ''])),
    'indications.conf': INDICATIONS,
    'res_parking.conf': PARKING,
    'ari.conf': '[general]\nenabled = no\n',
    'logger.conf': `[general]
dateformat = %F %T.%3q
[logfiles]
console => notice,warning,error,verbose(1)
`,
    'http.conf': `[general]
enabled = yes
bindaddr = 127.0.0.1
bindport = ${layout.httpPort}
tlsenable = yes
tlsbindaddr = 127.0.0.1:${layout.tlsPort}
tlscertfile = ${layout.certPath}
tlsprivatekey = ${layout.keyPath}
`,
    'rtp.conf': `[general]
rtpstart = 20000
rtpend = 29999
icesupport = yes

[ice_host_candidates]
${ICE_LOOPBACK_ALIAS} => 127.0.0.1
`,
    'pjsip.conf': renderPjsip(layout),
    'extensions.conf': renderDialplan(layout.endpoints),
    // A message of a second is kept (no silence detection cuts it); the poll notices messages deleted behind Asterisk's back.
    'voicemail.conf': `[general]
format = wav
minsecs = 1
maxsilence = 0
silencethreshold = 128
maxmsg = 100
pollmailboxes = yes
pollfreq = 1
[default]
${layout.endpoints.map((e) => `${e.ext} => 0000,${e.name}`).join('\n')}
`,
    'musiconhold.conf': `[general]
[default]
mode = files
directory = ${dir('moh')}
`,
  };
}

function renderPjsip(layout: AsteriskLayout): string {
  const endpoints = layout.endpoints
    .map((e) => {
      const template = e.webrtc === false ? 'legacy-phone' : 'webrtc-phone';
      return `[${e.ext}](${template})
auth = ${e.ext}
aors = ${e.ext}
callerid = "${e.name}" <${e.ext}>
dtmf_mode = ${e.dtmfMode ?? 'rfc4733'}
; Unsolicited message-summary NOTIFYs: after each REGISTER and on every mailbox change.
mailboxes = ${e.ext}@default

[${e.ext}]
type = auth
auth_type = userpass
username = ${e.ext}
password = ${e.password}

[${e.ext}]
type = aor
max_contacts = 5
remove_existing = yes
; For a phone that SUBSCRIBEs to message-summary instead.
mailboxes = ${e.ext}@default
`;
    })
    .join('\n');
  return `[global]
type = global
user_agent = Asterisk PBX (DeskPhone e2e)

[transport-wss]
type = transport
protocol = wss
bind = 127.0.0.1

[transport-ws]
type = transport
protocol = ws
bind = 127.0.0.1

[transport-udp]
type = transport
protocol = udp
bind = 127.0.0.1:${layout.udpPort}

; What the README tells users to set for a WebRTC phone, plus loopback media.
[webrtc-phone](!)
type = endpoint
context = phones
; Out-of-call MESSAGEs go through the [message] context (MessageSend), not [phones].
message_context = message
disallow = all
allow = opus,ulaw,alaw
webrtc = yes
dtls_auto_generate_cert = yes
direct_media = no
send_pai = yes
; Pass a hold on to the other phone (re-INVITE sendonly) instead of playing
; music on hold, so the held party's phone can say it is held.
moh_passthrough = yes
media_address = 127.0.0.1
bind_rtp_to_media_address = yes
; A phone that SUBSCRIBEs to message-summary gets its NOTIFYs on that
; subscription instead of the unsolicited ones (else Asterisk refuses it).
mwi_subscribe_replaces_unsolicited = yes

; A desk phone's endpoint: plain RTP/AVP, no DTLS, no ICE.
[legacy-phone](!)
type = endpoint
context = phones
message_context = message
disallow = all
allow = ulaw,alaw
direct_media = no
send_pai = yes
media_address = 127.0.0.1
bind_rtp_to_media_address = yes

${endpoints}`;
}
