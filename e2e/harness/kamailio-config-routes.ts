/**
 * The kamailio.cfg routes that request_route calls: NAT detection, in-dialog
 * requests, digest authentication, the registrar, location lookup and the
 * relay with its reply logging (see kamailio-config.ts for the whole file).
 */
export function renderSubroutes(domain: string, hasRelay: boolean): string {
  return `route[NATDETECT] {
\tif (nat_uac_test("64")) {
\t\tforce_rport();
\t\tif (is_method("REGISTER")) {
\t\t\tfix_nated_register();
\t\t} else if (is_first_hop()) {
\t\t\tset_contact_alias();
\t\t}
\t}
}

route[WITHINDLG] {
\tif (!has_totag()) return;
\t# Test user "dave" stands for a PBX that refuses re-INVITEs (hold): the
\t# phone must keep the call shown as active and say why.
\tif (is_method("INVITE") && $tU == "dave") {
\t\tt_newtran();
\t\tt_reply("488", "Not Acceptable Here");
\t\texit;
\t}
\tif (loose_route()) {
\t\t# The R-URI is the peer's .invalid Contact with an alias parameter;
\t\t# turn the alias back into a destination (the open WebSocket).
\t\tif (!isdsturiset()) handle_ruri_alias();
${hasRelay ? '\t\troute(MEDIARELAY);\n' : ''}\t\troute(RELAY);
\t\texit;
\t}
\tif (is_method("ACK")) {
\t\t# ACK for a locally generated negative reply is absorbed by tm.
\t\tif (t_check_trans()) route(RELAY);
\t\texit;
\t}
\tsl_send_reply("404", "Not here");
\texit;
}

route[AUTH] {
\t# Only local users are challenged; pv_auth_check() checks Authorization for
\t# REGISTER (401) and Proxy-Authorization for other methods (407).
\tif ($fd != "${domain}") return;
\tif ($au != $null && $sht(auth=>$au) != $null) {
\t\t# flags 0: plain-text password; checks 1: auth user must match To/From.
\t\tif (pv_auth_check("$fd", "$sht(auth=>$au)", "0", "1")) {
\t\t\tconsume_credentials();
\t\t\treturn;
\t\t}
\t\txlog("L_NOTICE", "E2E AUTH-FAILED ts=$TV(Sn) method=$rm user=$au callid=$ci code=$rc\\n");
\t}
\t# Missing, unknown or wrong credentials: challenge again. SIP.js gives up
\t# after a second 401/407, which is how tests see "wrong password".
\tauth_challenge("$fd", "1");
\texit;
}

route[REGISTRAR] {
\troute(AUTH);
\tif (!save("location")) {
\t\txlog("L_NOTICE", "E2E REGISTER-FAILED ts=$TV(Sn) user=$tU callid=$ci\\n");
\t\tsl_reply_error();
\t\texit;
\t}
\txlog("L_NOTICE", "E2E REGISTER-OK ts=$TV(Sn) user=$tU callid=$ci expires=$hdr(Expires)\\n");
\texit;
}

route[LOCATION] {
\tif (!lookup("location")) {
\t\t# -2: contact found but it does not accept this method.
\t\tif ($rc == -2) {
\t\t\tsl_send_reply("405", "Method Not Allowed");
\t\t\texit;
\t\t}
\t\t# Not registered: 480, statefully so the caller's ACK is absorbed.
\t\txlog("L_NOTICE", "E2E REPLY code=480 callid=$ci method=$rm ts=$TV(Sn) source=local\\n");
\t\tt_newtran();
\t\tt_reply("480", "Temporarily Unavailable");
\t\texit;
\t}
${hasRelay ? '\troute(MEDIARELAY);\n' : ''}\troute(RELAY);
}

route[RELAY] {
\t# Every relayed transaction logs its replies (and aliases reply Contacts).
\tif (!t_is_set("onreply_route")) t_on_reply("REPLY");
\tif (!t_relay()) sl_reply_error();
\texit;
}

onreply_route[REPLY] {
\tif (nat_uac_test("64")) {
\t\t# The callee's Contact is ".invalid" too; alias it so the caller's ACK,
\t\t# BYE and re-INVITEs reach the callee's WebSocket.
\t\tset_contact_alias();
\t}
${hasRelay ? '\troute(MEDIARELAY_REPLY);\n' : ''}\txlog("L_NOTICE", "E2E REPLY code=$rs callid=$ci method=$rm ts=$TV(Sn) source=remote\\n");
}
`;
}
