/**
 * The legacy test PBX: Asterisk 20 with chan_sip, configured as the README's
 * "sip.conf" example says (that example is CHANSIP_WEBRTC_TEMPLATE, word for
 * word, so the chan_sip spec proves the README). Everything that is not SIP
 * (asterisk.conf, http.conf with WSS, rtp.conf's loopback ICE map, logger,
 * indications) comes from the Asterisk 22 configuration; PJSIP is not loaded,
 * so chan_sip owns the WebSocket at /ws.
 */
import { readdirSync } from 'node:fs';
import { EXTENSIONS } from './asterisk-dialplan';
import { renderAsteriskConfig, type AsteriskLayout } from './asterisk-config';
import { locateChanSipAsterisk } from './asterisk-build';
import type { AsteriskVariant } from './asterisk';

export interface ChanSipPeer {
  /** Extension, user name and auth user at once. */
  ext: string;
  name: string;
  password: string;
  /**
   * webrtc: the working WebRTC set (README). wiki: only the four lines of
   * Asterisk's old WebRTC wiki page (Asterisk answers a browser with 488).
   * no-rtcp-mux: the working set with rtcp_mux=no (an answer Chromium refuses).
   */
  kind: 'webrtc' | 'wiki' | 'no-rtcp-mux';
  dtmfMode: 'rfc2833' | 'info';
}

/** The README's sip.conf template for WebRTC phones, exactly as the test PBX uses it. */
export const CHANSIP_WEBRTC_TEMPLATE = `[webrtc-phone](!)
type=friend
host=dynamic
transport=ws,wss
avpf=yes
encryption=yes
icesupport=yes
dtlsenable=yes
dtlsautogeneratecert=yes
dtlsverify=fingerprint
dtlssetup=actpass
rtcp_mux=yes
directmedia=no
disallow=all
allow=opus,ulaw`;

/** What Asterisk's old "WebRTC support" wiki page set, and nothing more. */
const WIKI_TEMPLATE = `[wiki-phone](!)
type=friend
host=dynamic
context=phones
transport=ws,wss
avpf=yes
encryption=yes
icesupport=yes
disallow=all
allow=opus,ulaw`;

const TEMPLATE_OF: Record<ChanSipPeer['kind'], string> = {
  webrtc: 'webrtc-phone',
  wiki: 'wiki-phone',
  'no-rtcp-mux': 'webrtc-phone',
};

export function renderSipConf(peers: ChanSipPeer[], udpPort: number): string {
  const sections = peers.map(
    (p) => `[${p.ext}](${TEMPLATE_OF[p.kind]})
secret=${p.password}
callerid="${p.name}" <${p.ext}>
dtmfmode=${p.dtmfMode}${p.kind === 'no-rtcp-mux' ? '\nrtcp_mux=no' : ''}
`,
  );
  return `[general]
context=phones
allowguest=no
alwaysauthreject=yes
udpbindaddr=127.0.0.1:${udpPort}
tcpenable=no
useragent=Asterisk PBX (DeskPhone e2e, chan_sip)
; RTP on every address of the namespace's lo: Asterisk offers 10.213.0.1 as its ICE host
; candidate (never a 127.x one), and rtp.conf maps it to 127.0.0.1.
sendrpid=pai
rpid_update=yes

${CHANSIP_WEBRTC_TEMPLATE}

${WIKI_TEMPLATE}

${sections.join('\n')}`;
}

function renderDialplan(peers: ChanSipPeer[]): string {
  const x = EXTENSIONS;
  const phones = peers
    .map(
      (p) =>
        `exten => ${p.ext},hint,SIP/${p.ext}\nexten => ${p.ext},1,Dial(SIP/${p.ext},30)\n same => n,Hangup()`,
    )
    .join('\n');
  return `[general]
static = yes
writeprotect = yes

[phones]
exten => ${x.echo},1,Answer()
 same => n,Echo()

exten => ${x.dtmfReader},1,Answer()
 same => n(next),WaitDigit(60)
 same => n,GotoIf($["\${WAITDIGITSTATUS}" != "DTMF"]?done)
 same => n,Log(NOTICE,DESKPHONE-DTMF \${CHANNEL(peername)} \${WAITDIGITRESULT})
 same => n,Goto(next)
 same => n(done),Hangup()

${phones}
`;
}

/** Autoload everything but PJSIP (it would take /ws from chan_sip) and modules that only complain. */
function renderModules(modulesDir: string): string {
  const pjsip = readdirSync(modulesDir).filter((f) => /^(res_pjsip|chan_pjsip|func_pjsip)/.test(f));
  const quiet = ['res_stun_monitor.so', 'chan_iax2.so', 'chan_unistim.so', 'res_statsd.so', 'cdr_csv.so'];
  const more = ['cel_custom.so', 'res_smdi.so', 'res_config_sqlite3.so', 'res_crypto.so', 'res_adsi.so'];
  return `[modules]
autoload = yes
${[...pjsip, ...quiet, ...more, 'func_aes.so', 'chan_mgcp.so', 'chan_skinny.so'].map((m) => `noload = ${m}`).join('\n')}
`;
}

export function renderChanSipConfig(layout: Omit<AsteriskLayout, 'endpoints'>, peers: ChanSipPeer[]) {
  const files = renderAsteriskConfig({ ...layout, endpoints: [] });
  delete files['pjsip.conf'];
  delete files['pjsip_notify.conf'];
  delete files['pjsip_wizard.conf'];
  return {
    ...files,
    'modules.conf': renderModules(layout.modulesDir),
    'sip.conf': renderSipConf(peers, layout.udpPort),
    'extensions.conf': renderDialplan(peers),
  };
}

export function chanSipVariant(peers: ChanSipPeer[]): AsteriskVariant {
  return {
    locate: locateChanSipAsterisk,
    render: (layout) => renderChanSipConfig(layout, peers),
    sipLogger: 'sip set debug on',
  };
}
