// The rtpengine media relay part of the Kamailio test configuration: calls
// between a browser (WebRTC: ICE, DTLS-SRTP, AVPF, rtcp-mux) and a plain-RTP
// far end (baresip) go through rtpengine, which converts between the two.

export interface MediaRelayConfig {
  /** rtpengine's ng control socket, e.g. 'udp:127.0.0.1:2223'. */
  ngSocket: string;
  /** SIP users on the plain-RTP side; calls between two of them are not relayed. */
  users: string[];
}

/**
 * rtpengine flags for an SDP that goes TO the plain side (baresip): no ICE,
 * plain RTP/AVP (rtpengine terminates DTLS-SRTP and AVPF on the WebRTC leg),
 * RTCP on its own port (baresip's rtcp_mux is off).
 */
export const RTPENGINE_FLAGS_TO_PLAIN =
  'trust-address replace-origin replace-session-connection ICE=remove RTP/AVP rtcp-mux-demux';
/**
 * rtpengine flags for an OFFER that goes TO the browser: rtpengine as the only
 * ICE candidate, DTLS-SRTP with AVPF (UDP/TLS/RTP/SAVPF, which Chromium
 * requires), rtcp-mux offered (Chromium's rtcpMuxPolicy 'require' needs it),
 * no SDES, and an a=mid (Chromium's BUNDLE handling expects one).
 */
export const RTPENGINE_FLAGS_OFFER_TO_WEBRTC =
  'trust-address replace-origin replace-session-connection ICE=force UDP/TLS/RTP/SAVPF rtcp-mux-offer SDES-off generate-mid';
/**
 * rtpengine flags for an ANSWER that goes TO the browser: rtpengine as the
 * only ICE candidate. No protocol flag: an answer keeps the offerer's
 * protocol, and rtcp-mux was already accepted at offer time (rtcp-mux-demux).
 */
export const RTPENGINE_FLAGS_ANSWER_TO_WEBRTC =
  'trust-address replace-origin replace-session-connection ICE=force';

/** Module parameters for the relay (one rtpengine node, no database). */
export function renderRelayModule(relay: MediaRelayConfig, quote: (value: string) => string): string {
  return `
# rtpengine: media relay for calls to or from the plain-RTP users in the
# "mediarelay" htable (see route[MEDIARELAY]). One node, no database; a node
# found down is retried after 5 s instead of the default 60 s.
loadmodule "rtpengine.so"
modparam("rtpengine", "rtpengine_sock", ${quote(relay.ngSocket)})
modparam("rtpengine", "rtpengine_disable_tout", 5)
modparam("rtpengine", "rtpengine_tout_ms", 2000)
modparam("htable", "htable", "mediarelay=>size=4;")
`;
}

// Transaction flags 10/11 say where the current request's SDP goes; tm
// keeps them for the reply route.
export const RELAY_ROUTES = `
# Media relay (rtpengine). Flag 10: this request's SDP goes to the plain side
# (so its replies' SDP goes to the browser); flag 11: the other way round.
# The dialog remembers which side is plain in a Record-Route parameter
# (mr=callee or mr=caller); the From-tag in Record-Route (append_fromtag)
# tells the direction of in-dialog requests.
route[MEDIARELAY] {
\tif (!has_totag()) {
\t\tif (!is_method("INVITE")) return;
\t\tif ($sht(mediarelay=>$tU) != $null && $sht(mediarelay=>$fU) == $null) {
\t\t\tadd_rr_param(";mr=callee");
\t\t\tsetflag(10);
\t\t} else if ($sht(mediarelay=>$fU) != $null && $sht(mediarelay=>$tU) == $null) {
\t\t\tadd_rr_param(";mr=caller");
\t\t\tsetflag(11);
\t\t} else {
\t\t\treturn;
\t\t}
\t} else {
\t\tif (!is_method("INVITE|ACK|BYE|UPDATE")) return;
\t\tif (check_route_param("mr=callee")) {
\t\t\tif (is_direction("downstream")) setflag(10); else setflag(11);
\t\t} else if (check_route_param("mr=caller")) {
\t\t\tif (is_direction("downstream")) setflag(11); else setflag(10);
\t\t} else {
\t\t\treturn;
\t\t}
\t}
\tif (isflagset(10)) {
\t\t$var(mrside) = "plain";
\t\trtpengine_manage("${RTPENGINE_FLAGS_TO_PLAIN}");
\t} else {
\t\t$var(mrside) = "webrtc";
\t\trtpengine_manage("${RTPENGINE_FLAGS_OFFER_TO_WEBRTC}");
\t}
\t$var(mrrc) = $rc;
\txlog("L_NOTICE", "E2E MEDIARELAY ts=$TV(Sn) callid=$ci method=$rm sdp-to=$var(mrside) rc=$var(mrrc)\\n");
}

# Replies: their SDP goes the other way from the request's.
route[MEDIARELAY_REPLY] {
\tif (!is_method("INVITE")) return;
\tif (isflagset(10)) {
\t\t$var(mrside) = "webrtc";
\t\trtpengine_manage("${RTPENGINE_FLAGS_ANSWER_TO_WEBRTC}");
\t} else if (isflagset(11)) {
\t\t$var(mrside) = "plain";
\t\trtpengine_manage("${RTPENGINE_FLAGS_TO_PLAIN}");
\t} else {
\t\treturn;
\t}
\t$var(mrrc) = $rc;
\txlog("L_NOTICE", "E2E MEDIARELAY ts=$TV(Sn) callid=$ci reply=$rs sdp-to=$var(mrside) rc=$var(mrrc)\\n");
}
`;
