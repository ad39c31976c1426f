/**
 * Proves the machine far end used by the DTMF tests: the browser calls
 * baresip (user `echo`) through Kamailio and rtpengine, media flows both
 * ways, and DTMF sent from the page with RTCDTMFSender (RFC 4733) is logged
 * by baresip in order. SIP INFO DTMF is proven with a plain UDP SIP agent
 * (the app's own DTMF code is not used here): Kamailio logs each INFO and
 * infoDigits() reads the digits back; baresip logs them too.
 */
import { expect, test } from '../harness/far-end-fixture';
import { sendRtpDtmf, trackPeerConnections } from '../harness/page-dtmf';
import { openSipUdpUa } from '../harness/sip-udp';
import { expectHearing } from '../fixtures/media';
import { currentCallId, dial } from '../fixtures/ui';
import { USERS } from '../fixtures/test';

test('alice calls the baresip far end through rtpengine; RFC 4733 digits from the page arrive in order', async ({
  phones,
  farEnd,
  farEndStack,
  kamailio,
}) => {
  const alice = await phones.registered('alice');
  await trackPeerConnections(alice.page);
  // The worker's Kamailio is shared with other specs: count only this test's INFOs.
  const infosBefore = kamailio.infoRequests().length;

  await dial(alice.page, farEnd.user);
  await expect(alice.page.getByTestId('call-status')).toHaveText('Connected');
  const callId = await currentCallId(alice.page);
  // baresip's echo module loops alice's audio back through rtpengine.
  await expectHearing(alice.page, callId, 1500);

  // Both legs went through the relay: the offer toward baresip, the answer toward the browser.
  const relayed = kamailio.logs().filter((l) => l.includes('E2E MEDIARELAY'));
  expect(relayed.some((l) => /method=INVITE sdp-to=plain rc=1/.test(l))).toBe(true);
  expect(relayed.some((l) => /reply=200 sdp-to=webrtc rc=1/.test(l))).toBe(true);

  // What the browser got back: rtpengine's DTLS-SRTP answer, rtpengine as the
  // only ICE candidate, rtcp-mux, and baresip's G.711 with telephone-event/8000.
  const answer = await alice.page.evaluate(() => {
    const list = (window as unknown as { __e2ePeerConnections: RTCPeerConnection[] }).__e2ePeerConnections;
    return list.at(-1)?.remoteDescription?.sdp ?? '';
  });
  expect(answer).toMatch(/^m=audio \d+ UDP\/TLS\/RTP\/SAVPF /m);
  expect(answer.match(/^a=candidate:/gm)).toHaveLength(1);
  expect(answer).toMatch(/^a=rtcp-mux\r?$/m);
  expect(answer).toMatch(/^a=rtpmap:\d+ PCMU\/8000\r?$/m);
  expect(answer).toMatch(/^a=rtpmap:\d+ telephone-event\/8000\r?$/m);

  expect(farEnd.establishedCalls()).toBeGreaterThan(0);
  const sent = await sendRtpDtmf(alice.page, '12#');
  expect(sent).toEqual({ played: '12#', canInsertDTMF: true });
  await farEnd.waitForDigits('12#', 5_000);
  expect(farEnd.digits()).toBe('12#');
  // Nothing went as SIP INFO.
  expect(farEnd.infoDigits()).toBe('');
  expect(kamailio.infoRequests().slice(infosBefore)).toEqual([]);

  await alice.page.getByRole('button', { name: 'Hang up' }).click();
  await expect(alice.page.getByLabel('Number or SIP address')).toBeVisible();
  // rtpengine closed the call (BYE → delete).
  await farEndStack.rtpengine.waitForLog(/Final packet stats|Deleting full call|Call .* deleted/i, 5_000);
});

test('hold and resume through the relay: both re-INVITEs are relayed and DTMF still reaches baresip', async ({
  phones,
  farEnd,
  kamailio,
}) => {
  const alice = await phones.registered('alice');
  await trackPeerConnections(alice.page);
  await dial(alice.page, farEnd.user);
  await expect(alice.page.getByTestId('call-status')).toHaveText('Connected');
  const before = kamailio.logs().length;

  await alice.page.getByRole('button', { name: 'Hold', exact: true }).click();
  await expect(alice.page.getByTestId('call-status')).toHaveText('On hold');
  await alice.page.getByRole('button', { name: 'Hold', exact: true }).click();
  await expect(alice.page.getByTestId('call-status')).toHaveText('Connected');
  const relayed = kamailio
    .logs()
    .slice(before)
    .filter((l) => l.includes('E2E MEDIARELAY'));
  // Two re-INVITEs (hold, resume), each offered to baresip and answered to the browser.
  expect(relayed.filter((l) => /method=INVITE sdp-to=plain rc=1/.test(l))).toHaveLength(2);
  expect(relayed.filter((l) => /reply=200 sdp-to=webrtc rc=1/.test(l))).toHaveLength(2);

  // baresip 1.0 does not restart its own audio after a hold (its echo stays
  // silent), but it still receives: RFC 4733 digits get through the relay.
  await sendRtpDtmf(alice.page, '9*');
  await farEnd.waitForDigits('9*');
  await alice.page.getByRole('button', { name: 'Hang up' }).click();
  await expect(alice.page.getByLabel('Number or SIP address')).toBeVisible();
});

test('browser-to-browser calls keep direct media while the relay is on', async ({ phones, kamailio }) => {
  const alice = await phones.registered('alice');
  const bob = await phones.registered('bob');
  const before = kamailio.logs().length;

  await dial(alice.page, 'bob');
  await expect(bob.page.getByTestId('incoming-call')).toBeVisible();
  await bob.page.getByRole('button', { name: 'Answer' }).click();
  await expect(alice.page.getByTestId('call-status')).toHaveText('Connected');
  await expectHearing(alice.page, await currentCallId(alice.page), 1000);
  expect(
    kamailio
      .logs()
      .slice(before)
      .filter((l) => l.includes('E2E MEDIARELAY')),
  ).toEqual([]);
  await alice.page.getByRole('button', { name: 'Hang up' }).click();
  await expect(bob.page.getByLabel('Number or SIP address')).toBeVisible();
});

test('SIP INFO DTMF in a dialog with the far end is seen by Kamailio and by baresip', async ({
  farEnd,
  kamailio,
}) => {
  const ua = await openSipUdpUa({ user: 'carol', password: USERS.carol, kamailioPort: kamailio.udpPort! });
  try {
    const dialog = await ua.call(farEnd.user);
    await dialog.sendInfoDtmf('5*0');
    await farEnd.waitForDigits('5*0', 5_000, { source: 'info' });
    expect(kamailio.infoDigits(dialog.callId)).toBe('5*0');
    const infos = kamailio.infoRequests(dialog.callId);
    expect(infos.map((i) => [i.contentType, i.body])).toEqual(
      ['5', '*', '0'].map((d) => ['application/dtmf-relay', `Signal=${d}\r\nDuration=160\r\n`]),
    );
    expect(await dialog.hangUp()).toBe(200);
  } finally {
    ua.close();
  }
  // INFO digits are not RFC 4733 digits.
  expect(farEnd.digits()).toBe('');
});
