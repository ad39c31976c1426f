/**
 * Call scenarios for the harness smoke check: INVITE to an unregistered user
 * (480), a full dialog (180/200/ACK, INFO, hold re-INVITE, BYE) and a
 * CANCELled call.
 *
 * Why these: they exercise exactly the parts of kamailio.cfg that tests rely
 * on and that are easy to get subtly wrong: 407 challenges, the alias
 * parameter on ".invalid" Contacts in both directions, loose routing of
 * in-dialog requests, and CANCEL matching in tm.
 */
import type { KamailioHandle } from './kamailio';
import { buildMessage, buildResponse, randomToken, type SipWsEndpoint } from './sip-raw';
import {
  check,
  inDialog,
  inviteWithAuth,
  ms,
  registerWithAuth,
  replyTo,
  requestIn,
  SDP,
  tagOf,
  uriOf,
} from './smoke-sip';

export async function runCallChecks(
  k: KamailioHandle,
  alice: SipWsEndpoint,
  bob: SipWsEndpoint,
  users: { alice: string; bob: string },
): Promise<void> {
  // 480: callee not registered (bob has not registered yet).
  let inv = await inviteWithAuth(alice, 'alice', users.alice, 'bob');
  const r480 = await alice.next(replyTo(inv.callId, 'INVITE'), 'INVITE final reply');
  alice.send(
    buildMessage(`ACK ${inv.ruri} SIP/2.0`, [
      ['Via', inv.via],
      ['Max-Forwards', '70'],
      ['To', r480.header('To') ?? ''],
      ['From', inv.from],
      ['Call-ID', inv.callId],
      ['CSeq', '2 ACK'],
    ]),
  );
  const local480 = k.replies().some((r) => r.callId === inv.callId && r.code === 480 && r.source === 'local');
  check(
    'INVITE to unregistered user -> 407 then 480',
    r480.status === 480 && local480,
    `${r480.status}, ${ms(performance.now() - inv.sentAt)}`,
  );

  const regMs = await registerWithAuth(bob, 'bob', users.bob);
  check('bob REGISTER incl. 401 round', true, ms(regMs));

  // Full dialog.
  inv = await inviteWithAuth(alice, 'alice', users.alice, 'bob');
  const bInv = await bob.next(requestIn(inv.callId, 'INVITE'), 'INVITE at bob');
  const atBob = performance.now() - inv.sentAt;
  const bobTag = randomToken();
  const bobContact = `<sip:bob@${bob.host};transport=ws>`;
  bob.send(buildResponse(bInv, 180, 'Ringing', { toTag: bobTag, contact: bobContact }));
  await alice.next(replyTo(inv.callId, 'INVITE', 180), '180 at alice');
  const ringMs = performance.now() - inv.sentAt;
  bob.send(buildResponse(bInv, 200, 'OK', { toTag: bobTag, contact: bobContact, body: SDP('sendrecv') }));
  const ok = await alice.next(replyTo(inv.callId, 'INVITE', 200), '200 at alice');
  const aliased = /alias=/.test(bInv.header('Contact') ?? '') && /alias=/.test(ok.header('Contact') ?? '');
  check(
    'INVITE reaches callee; 180 and 200 reach caller',
    true,
    `INVITE->bob ${ms(atBob)}, INVITE->180 ${ms(ringMs)}`,
  );
  check('.invalid Contacts get alias= both ways', aliased, `${uriOf(ok.header('Contact'))}`);

  const aRoutes = ok.headerAll('Record-Route').reverse();
  const aTarget = uriOf(ok.header('Contact'));
  const aTo = ok.header('To') ?? '';
  alice.send(
    buildMessage(`ACK ${aTarget} SIP/2.0`, [
      ['Via', `SIP/2.0/WSS ${alice.host};branch=z9hG4bK${randomToken()}`],
      ['Max-Forwards', '70'],
      ...aRoutes.map((r): [string, string] => ['Route', r]),
      ['To', aTo],
      ['From', inv.from],
      ['Call-ID', inv.callId],
      ['CSeq', '2 ACK'],
    ]),
  );
  await bob.next(requestIn(inv.callId, 'ACK'), 'ACK at bob');
  check('ACK for 200 routed to callee', true);

  // Callee -> caller INFO (uses the route set and target from the INVITE).
  let t0 = performance.now();
  const bFrom = `${bInv.header('To') ?? ''};tag=${bobTag}`;
  inDialog(
    bob,
    'INFO',
    uriOf(bInv.header('Contact')),
    bInv.headerAll('Record-Route'),
    bFrom,
    bInv.header('From') ?? '',
    inv.callId,
    1,
  );
  const info = await alice.next(requestIn(inv.callId, 'INFO'), 'INFO at alice');
  alice.send(buildResponse(info, 200, 'OK'));
  await bob.next(replyTo(inv.callId, 'INFO', 200), '200 INFO at bob');
  check('in-dialog INFO callee->caller and its 200', true, ms(performance.now() - t0));

  // Hold re-INVITE from the caller.
  t0 = performance.now();
  inDialog(alice, 'INVITE', aTarget, aRoutes, inv.from, aTo, inv.callId, 3, SDP('sendonly'));
  const reinv = await bob.next(
    (m) => requestIn(inv.callId, 'INVITE')(m) && tagOf(m.header('To')) === bobTag,
    're-INVITE at bob',
  );
  bob.send(buildResponse(reinv, 200, 'OK', { contact: bobContact, body: SDP('recvonly') }));
  await alice.next(
    (m) => replyTo(inv.callId, 'INVITE', 200)(m) && (m.header('CSeq') ?? '').startsWith('3 '),
    're-INVITE 200',
  );
  inDialog(alice, 'ACK', aTarget, aRoutes, inv.from, aTo, inv.callId, 3);
  await bob.next(
    (m) => requestIn(inv.callId, 'ACK')(m) && (m.header('CSeq') ?? '').startsWith('3 '),
    're-INVITE ACK at bob',
  );
  check('hold re-INVITE / 200 / ACK', true, ms(performance.now() - t0));

  t0 = performance.now();
  inDialog(alice, 'BYE', aTarget, aRoutes, inv.from, aTo, inv.callId, 4);
  const bye = await bob.next(requestIn(inv.callId, 'BYE'), 'BYE at bob');
  bob.send(buildResponse(bye, 200, 'OK'));
  await alice.next(replyTo(inv.callId, 'BYE', 200), '200 BYE at alice');
  check('BYE caller->callee and its 200', true, ms(performance.now() - t0));

  const receipts = k.inviteReceipts().filter((r) => r.callId === inv.callId);
  const authed = receipts.find((r) => r.hasCredentials);
  const r180 = k.replies().find((r) => r.callId === inv.callId && r.code === 180);
  check(
    'inviteReceipts(): challenged + authenticated INVITE logged',
    receipts.length === 2 && authed?.from === 'alice' && authed.to === 'bob',
    authed && r180 ? `Kamailio INVITE->180 ${ms(r180.epochMs - authed.epochMs)}` : JSON.stringify(receipts),
  );

  // CANCEL while ringing.
  inv = await inviteWithAuth(alice, 'alice', users.alice, 'bob');
  const cInv = await bob.next(requestIn(inv.callId, 'INVITE'), 'INVITE at bob (cancel case)');
  const cTag = randomToken();
  bob.send(buildResponse(cInv, 180, 'Ringing', { toTag: cTag, contact: bobContact }));
  await alice.next(replyTo(inv.callId, 'INVITE', 180), '180 (cancel case)');
  t0 = performance.now();
  alice.send(
    buildMessage(`CANCEL ${inv.ruri} SIP/2.0`, [
      ['Via', inv.via],
      ['Max-Forwards', '70'],
      ['To', inv.to],
      ['From', inv.from],
      ['Call-ID', inv.callId],
      ['CSeq', '2 CANCEL'],
    ]),
  );
  const cancel = await bob.next(requestIn(inv.callId, 'CANCEL'), 'CANCEL at bob');
  bob.send(buildResponse(cancel, 200, 'OK', { toTag: cTag }));
  bob.send(buildResponse(cInv, 487, 'Request Terminated', { toTag: cTag }));
  const r487 = await alice.next(replyTo(inv.callId, 'INVITE'), '487 at alice');
  alice.send(
    buildMessage(`ACK ${inv.ruri} SIP/2.0`, [
      ['Via', inv.via],
      ['Max-Forwards', '70'],
      ['To', r487.header('To') ?? ''],
      ['From', inv.from],
      ['Call-ID', inv.callId],
      ['CSeq', '2 ACK'],
    ]),
  );
  check('CANCEL reaches callee; caller gets 487', r487.status === 487, ms(performance.now() - t0));
}
