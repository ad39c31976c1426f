/**
 * Renders the kamailio.cfg for the end-to-end tests: registrar + proxy that
 * speaks SIP over secure WebSocket only, on 127.0.0.1 (verified facts behind
 * each choice: /work/shared/test-infra-notes.md; the "why" of each setting is
 * a comment inside the generated cfg).
 * - The WebSocket upgrade is accepted only on the exact path /ws; any other
 *   path gets HTTP 404, reproducing Asterisk's "wrong WebSocket path" case.
 * - Passwords sit in an htable seeded at start-up: no database, no extra files.
 * - Initial INVITEs and relayed replies are logged with $TV(Sn) (epoch
 *   "sec.usec") so tests measure latencies without a packet capture.
 * - Every SIP INFO is logged with its Content-Type and its body hex-encoded
 *   (one line per request whatever the body holds), so tests can check DTMF
 *   sent as SIP INFO (see infoDigits() in kamailio-logs.ts).
 * - Optional, off by default: a plain-SIP UDP listener for non-browser far
 *   ends (baresip), and a media relay through rtpengine for calls to or from
 *   chosen users (WebRTC DTLS-SRTP/ICE/AVPF on one side, plain RTP/AVP on the
 *   other). Every other call keeps its SDP untouched.
 */

import { renderRelayModule, RELAY_ROUTES, type MediaRelayConfig } from './kamailio-config-relay';
import { renderSubroutes } from './kamailio-config-routes';

export type { MediaRelayConfig } from './kamailio-config-relay';

export interface KamailioConfigOptions {
  /** TLS (WSS) port on 127.0.0.1. */
  port: number;
  certPath: string;
  keyPath: string;
  /** username -> plain-text password. */
  users: Record<string, string>;
  /** SIP domain (and digest realm); the harness always uses '127.0.0.1'. */
  domain: string;
  /** Kamailio module directory; defaults to the Debian multiarch path. */
  modulesDir?: string;
  /** Kamailio `debug` level; 1 (NOTICE) keeps the E2E xlog lines and little else. */
  debugLevel?: number;
  /**
   * Adds `listen=udp:127.0.0.1:PORT` for far ends that speak plain SIP
   * (baresip). Omitted: WSS only, as before.
   */
  udpPort?: number;
  /**
   * Relays media through rtpengine for calls whose caller or callee is one of
   * `users` (plain-RTP far ends such as baresip, which cannot do WebRTC media).
   * Omitted: the rtpengine module is not even loaded.
   */
  mediaRelay?: MediaRelayConfig;
}

export const DEFAULT_MODULES_DIR = '/usr/lib/x86_64-linux-gnu/kamailio/modules/';

/** The module set from the infra notes; nothing needs a database. */
const MODULES =
  'kex corex tm tmx sl rr pv maxfwd textops siputils xlog usrloc registrar auth htable nathelper tls xhttp websocket'.split(
    ' ',
  );

/**
 * Usernames become htable keys and SIP user parts; restrict them to unreserved
 * characters so they never need escaping in either place.
 */
const USERNAME_RE = /^[A-Za-z0-9._~-]+$/;
/**
 * Passwords go inside a double-quoted cfg string literal. Printable ASCII minus
 * the quote and backslash is plenty for tests and cannot break the parser.
 */
const PASSWORD_RE = /^[\x20-\x21\x23-\x5b\x5d-\x7e]+$/;

/** Quotes a value for the cfg file; callers have already validated it. */
function q(value: string): string {
  return `"${value}"`;
}

function validate(opts: KamailioConfigOptions): void {
  if (!Number.isInteger(opts.port) || opts.port < 1 || opts.port > 65535) {
    throw new Error(`invalid Kamailio port: ${opts.port}`);
  }
  for (const p of [opts.certPath, opts.keyPath]) {
    if (p.includes('"') || p.includes('\n')) throw new Error(`unsupported path: ${p}`);
  }
  if (!/^[A-Za-z0-9.-]+$/.test(opts.domain)) throw new Error(`invalid domain: ${opts.domain}`);
  if (
    opts.udpPort !== undefined &&
    (!Number.isInteger(opts.udpPort) || opts.udpPort < 1 || opts.udpPort > 65535)
  ) {
    throw new Error(`invalid Kamailio UDP port: ${opts.udpPort}`);
  }
  if (opts.mediaRelay) {
    if (!/^udp6?:[0-9.:[\]]+:\d+$/.test(opts.mediaRelay.ngSocket)) {
      throw new Error(`invalid rtpengine ng socket: ${opts.mediaRelay.ngSocket}`);
    }
    for (const user of opts.mediaRelay.users) {
      if (!USERNAME_RE.test(user))
        throw new Error(`unsupported media-relay username: ${JSON.stringify(user)}`);
    }
  }
  for (const [user, pass] of Object.entries(opts.users)) {
    if (!USERNAME_RE.test(user)) throw new Error(`unsupported SIP username: ${JSON.stringify(user)}`);
    if (!PASSWORD_RE.test(pass)) {
      throw new Error(`unsupported password for ${user}: use printable ASCII without " or \\`);
    }
  }
}

/** Renders the complete kamailio.cfg text. */
export function renderKamailioConfig(opts: KamailioConfigOptions): string {
  validate(opts);
  const mpath = opts.modulesDir ?? DEFAULT_MODULES_DIR;
  const debug = opts.debugLevel ?? 1;
  const seed = Object.entries(opts.users)
    .map(([user, pass]) => `\t$sht(auth=>${user}) = ${q(pass)};`)
    .join('\n');
  const relay = opts.mediaRelay;
  const relaySeed = (relay?.users ?? []).map((user) => `\t$sht(mediarelay=>${user}) = 1;\n`).join('');
  const udpListen = opts.udpPort
    ? `# Plain SIP for far ends that are not browsers (baresip).\nlisten=udp:127.0.0.1:${opts.udpPort}\n`
    : '';
  const relayModule = relay ? renderRelayModule(relay, q) : '';
  const relayRoutes = relay ? RELAY_ROUTES : '';

  return `#!KAMAILIO
# Generated by e2e/harness/kamailio-config.ts; do not edit by hand.

####### Global parameters #########
debug=${debug}
log_stderror=yes
memdbg=5
memlog=5
# Two SIP + two TCP/TLS workers: plenty for tests, light on 2 cores.
children=2
tcp_children=2
auto_aliases=no
# No alias="127.0.0.1": without a port it makes in-dialog requests to local
# peers loop back into Kamailio.
listen=tls:127.0.0.1:${opts.port}
${udpListen}enable_tls=yes
# HTTP GET (the WebSocket upgrade) has no Content-Length.
tcp_accept_no_cl=yes
# Keep idle WebSocket connections open for the whole test run.
tcp_connection_lifetime=3605
# WebRTC INVITEs with many ICE candidates exceed the 4 KB default read buffer.
tcp_rd_buf_size=65536

####### Modules #########
mpath=${q(mpath)}

${MODULES.map((m) => `loadmodule "${m}.so"`).join('\n')}
${relayModule}
# tls: certificate as module parameters, no tls.cfg.
modparam("tls", "tls_method", "TLSv1.2+")
modparam("tls", "certificate", ${q(opts.certPath)})
modparam("tls", "private_key", ${q(opts.keyPath)})
modparam("tls", "verify_certificate", 0)
modparam("tls", "require_certificate", 0)

# tm: ringing calls must survive long test steps (fr_inv_timer 60 s); other
# transactions fail fast (fr_timer 5 s) so a dead peer is noticed quickly.
modparam("tm", "fr_timer", 5000)
modparam("tm", "fr_inv_timer", 60000)

# rr: the From-tag in Record-Route lets loose_route() know the direction.
modparam("rr", "append_fromtag", 1)

# usrloc in memory only: registrations are lost on restart, by design.
modparam("usrloc", "db_mode", 0)
# A closed WebSocket takes its registrations with it (as in production WebRTC
# setups): otherwise a later connection reusing the port could get its calls.
modparam("usrloc", "handle_lost_tcp", 1)
modparam("registrar", "method_filtering", 1)
modparam("registrar", "max_expires", 3600)
# GRUU off: SIP.js would otherwise use a GRUU as its Contact, which this
# single-proxy setup gains nothing from.
modparam("registrar", "gruu_enabled", 0)
# fix_nated_register() stores the WebSocket source address here, and the
# registrar saves it as "received" so lookup() reuses the open connection.
modparam("nathelper", "received_avp", "$avp(RECEIVED)")
modparam("registrar", "received_avp", "$avp(RECEIVED)")

modparam("htable", "htable", "auth=>size=8;")

####### Routing logic ########

request_route {
\tif (!mf_process_maxfwd_header("10")) {
\t\tsl_send_reply("483", "Too Many Hops");
\t\texit;
\t}

\troute(NATDETECT);

\tif (is_method("OPTIONS") && $rU == $null) {
\t\t# Keep-alive pings to the server itself.
\t\tsl_send_reply("200", "OK");
\t\texit;
\t}

\tif (is_method("CANCEL")) {
\t\tif (t_check_trans()) route(RELAY);
\t\texit;
\t}

\tif (is_method("INFO")) {
\t\t# DTMF as SIP INFO: the body is hex-encoded so that it stays on one log
\t\t# line ("Signal=5\\r\\nDuration=160" has line breaks).
\t\txlog("L_NOTICE", "E2E INFO ts=$TV(Sn) callid=$ci cseq=$cs from=$fU to=$tU ctype=$(cT{s.encode.hexa}) body=$(rb{s.encode.hexa})\\n");
\t}

\troute(WITHINDLG);

\t# Retransmissions of a request already being handled.
\tif (!is_method("ACK")) {
\t\tif (t_precheck_trans()) {
\t\t\tt_check_trans();
\t\t\texit;
\t\t}
\t\tt_check_trans();
\t}

\tif (is_method("REGISTER")) route(REGISTRAR);

\tif (is_method("INVITE")) {
\t\t# Logged before auth, so a call shows up twice: creds=0 (answered with
\t\t# 407) and creds=1 (the authenticated retry, CSeq + 1).
\t\tif (is_present_hf("Proxy-Authorization")) $var(creds) = 1; else $var(creds) = 0;
\t\txlog("L_NOTICE", "E2E INVITE-RECEIVED ts=$TV(Sn) callid=$ci from=$fU to=$tU cseq=$cs creds=$var(creds)\\n");
\t\troute(AUTH);
\t}
\t# Record-route everything that can create a dialog, so in-dialog requests
\t# (ACK, BYE, re-INVITE, INFO, REFER, NOTIFY) come back through here.
\tif (is_method("INVITE|SUBSCRIBE|REFER")) record_route();

\t# Paging/intercom, as a PBX marks it: "page-ci-bob" rings bob with
\t# Call-Info answer-after, "page-aa-" with Alert-Info alert-autoanswer,
\t# "page-ic-" with Alert-Info intercom.
\tif (is_method("INVITE") && !has_totag() && $rU =~ "^page-(ci|aa|ic)-") {
\t\t$var(kind) = $(rU{s.substr,5,2});
\t\t$rU = $(rU{s.substr,8,0});
\t\tif ($var(kind) == "ci") append_hf("Call-Info: <sip:${opts.domain}>;answer-after=0\\r\\n");
\t\telse if ($var(kind) == "aa") append_hf("Alert-Info: <http://www.notused.com>;info=alert-autoanswer;delay=0\\r\\n");
\t\telse append_hf("Alert-Info: <http://${opts.domain}/>;info=intercom\\r\\n");
\t}
\tif ($rU == $null) {
\t\tsl_send_reply("484", "Address Incomplete");
\t\texit;
\t}
\t# An attended transfer's Refer-To is the target's own Contact (a ".invalid"
\t# host with the alias Kamailio added): deliver it over that connection.
\tif ($rd =~ "\\.invalid$$" && $ru =~ "alias=") {
\t\tif (handle_ruri_alias()) route(RELAY);
\t}
\tif ($rd != "${opts.domain}") {
\t\tsl_send_reply("403", "Not relaying");
\t\texit;
\t}
\troute(LOCATION);
}

# Requests from a WebSocket always carry a ".invalid" Contact; treat them as
# NATed even on loopback.
${renderSubroutes(opts.domain, Boolean(relay))}${relayRoutes}
event_route[htable:mod-init] {
\t# Seed the password table before any worker starts.
${seed}
${relaySeed}}

event_route[xhttp:request] {
\tset_reply_close();
\tset_reply_no_connect();
\tif ($hu == "/ws" && $hdr(Upgrade) =~ "websocket" && $hdr(Connection) =~ "Upgrade" && $rm =~ "GET") {
\t\tif (ws_handle_handshake()) exit;
\t}
\txlog("L_NOTICE", "E2E HTTP-404 ts=$TV(Sn) path=$hu\\n");
\txhttp_reply("404", "Not Found", "text/plain", "Not Found\\n");
}
`;
}
