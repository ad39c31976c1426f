/**
 * The configuration files of the test Asterisk, generated per run: WS and WSS
 * on the built-in HTTP server (certificate made at start), PJSIP endpoints for
 * WebRTC phones plus one legacy endpoint without webrtc=yes, loopback-only
 * media (see ICE_LOOPBACK_ALIAS) and a dialplan with one extension per
 * situation a phone meets on a real PBX.
 */

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

/** Dialplan extensions the specs call; the names say what each one does. */
export const EXTENSIONS = {
  echo: '600',
  /** Answers in Opus, re-INVITEs the call to G.711 and plays a 1004 Hz tone (Milliwatt). */
  g711Tone: '601',
  /**
   * Echoes (Opus) until # is pressed, then re-INVITEs to G.711 and sends
   * nothing but silence: an IVR's silent prompt after some talking.
   */
  echoThenSilence: '602',
  /** Logs every digit it receives: "DESKPHONE-DTMF <endpoint> <digit>". */
  dtmfReader: '603',
  busy: '604',
  congestion: '605',
  /** Answers, waits 2 s, then hangs up (Hangup() from the far side). */
  answerThenHangUp: '606',
  /** Rings (180) for a minute without answering, for cancel. */
  ringForever: '607',
  /** Answers in Opus and says nothing: Asterisk cannot make Opus silence, so no RTP is sent at all. */
  quietOpus: '608',
} as const;

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
  'res_parking.conf',
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
    'voicemail.conf': `[general]
format = wav
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

[${e.ext}]
type = auth
auth_type = userpass
username = ${e.ext}
password = ${e.password}

[${e.ext}]
type = aor
max_contacts = 5
remove_existing = yes
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

; A desk phone's endpoint: plain RTP/AVP, no DTLS, no ICE.
[legacy-phone](!)
type = endpoint
context = phones
disallow = all
allow = ulaw,alaw
direct_media = no
send_pai = yes
media_address = 127.0.0.1
bind_rtp_to_media_address = yes

${endpoints}`;
}

function renderDialplan(endpoints: AsteriskEndpoint[]): string {
  const x = EXTENSIONS;
  // The re-INVITE is sent asynchronously: wait until the channel's format has
  // changed, or the tone generator finds the call still in Opus and hangs up.
  const toG711 = (label: string) => `same => n,Set(PJSIP_MEDIA_OFFER(audio)=!all,ulaw,alaw)
 same => n,Set(PJSIP_SEND_SESSION_REFRESH()=invite)
 same => n(${label}),GotoIf($["\${CHANNEL(audionativeformat)}" = "(opus)"]?${label}-wait:${label}-done)
 same => n(${label}-wait),Wait(0.1)
 same => n,Goto(${label})
 same => n(${label}-done),NoOp()`;
  const phones = endpoints
    .map((e) => `exten => ${e.ext},1,Dial(PJSIP/${e.ext},30)\n same => n,Hangup()`)
    .join('\n');
  return `[general]
static = yes
writeprotect = yes

[phones]
exten => ${x.echo},1,Answer()
 same => n,Echo()

exten => ${x.g711Tone},1,Answer()
 ${toG711('tone')}
 same => n,Milliwatt()

exten => ${x.echoThenSilence},1,Answer()
 same => n,Echo()
 ${toG711('silence')}
 same => n,Wait(120)

exten => ${x.dtmfReader},1,Answer()
 same => n(next),WaitDigit(60)
 same => n,GotoIf($["\${WAITDIGITSTATUS}" != "DTMF"]?done)
 same => n,Log(NOTICE,DESKPHONE-DTMF \${CHANNEL(endpoint)} \${WAITDIGITRESULT})
 same => n,Goto(next)
 same => n(done),Hangup()

exten => ${x.busy},1,Busy(5)

exten => ${x.congestion},1,Congestion(5)

exten => ${x.answerThenHangUp},1,Answer()
 same => n,Wait(2)
 same => n,Hangup()

exten => ${x.quietOpus},1,Answer()
 same => n,Wait(120)

exten => ${x.ringForever},1,Ringing()
 same => n,Wait(60)
 same => n,Hangup()

${phones}
`;
}
