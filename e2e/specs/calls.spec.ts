import { mkdir } from 'node:fs/promises';
import { auditAsteriskCompatibility } from '../../renderer/src/sip/sdp-audit';
import { DISPLAY_NAMES, expect, test } from '../fixtures/test';
import { expectHearing } from '../fixtures/media';
import { currentCallId, dial } from '../fixtures/ui';

test('alice calls bob: bob rings with her name, answers, audio flows both ways, alice hangs up', async ({
  phones,
}) => {
  const alice = await phones.registered('alice');
  const bob = await phones.registered('bob');

  await dial(alice.page, 'bob');
  await expect(alice.page.getByTestId('call-status')).toHaveText(/Calling|Ringing/);
  await expect(bob.page.getByTestId('incoming-call')).toBeVisible();
  await expect(bob.page.getByTestId('caller-name')).toHaveText(DISPLAY_NAMES.alice);
  await expect(bob.page.getByTestId('caller-number')).toHaveText('alice');
  await expect(alice.page.getByTestId('call-status')).toHaveText('Ringing…');
  await mkdir('docs/screenshots', { recursive: true });
  await bob.page.setViewportSize({ width: 420, height: 420 });
  await bob.page.screenshot({ path: 'docs/screenshots/incoming-call.png' });

  await bob.page.getByRole('button', { name: 'Answer' }).click();
  await expect(alice.page.getByTestId('call-status')).toHaveText('Connected');
  await expect(bob.page.getByTestId('call-status')).toHaveText('Connected');

  const aliceCall = await currentCallId(alice.page);
  const bobCall = await currentCallId(bob.page);
  // Both directions, in parallel over 2.5 s: each hears the other (audio energy rises at every step).
  await Promise.all([expectHearing(alice.page, aliceCall, 2500), expectHearing(bob.page, bobCall, 2500)]);

  // The offer Asterisk's webrtc=yes expects: DTLS-SRTP, AVPF, rtcp-mux, Opus and G.711.
  const offer = await alice.page.evaluate(
    (id) =>
      (
        window as unknown as { __deskphoneDiagnostics: { localSdp(id: string): string } }
      ).__deskphoneDiagnostics.localSdp(id),
    aliceCall,
  );
  expect(auditAsteriskCompatibility(offer)).toEqual([]);
  await expect(alice.page.getByTestId('call-timer')).toHaveText(/^0:0[1-9]$/);

  await alice.page.setViewportSize({ width: 420, height: 560 });
  await alice.page.screenshot({ path: 'docs/screenshots/call-screen.png' });

  await alice.page.getByRole('button', { name: 'Hang up' }).click();
  await expect(alice.page.getByLabel('Number or SIP address')).toBeVisible();
  await expect(bob.page.getByLabel('Number or SIP address')).toBeVisible();
  await expect(alice.page.getByTestId('call-screen')).toHaveCount(0);
  await expect(bob.page.getByTestId('call-screen')).toHaveCount(0);
});

test('bob declines: alice is told the call was declined', async ({ phones }) => {
  const alice = await phones.registered('alice');
  const bob = await phones.registered('bob');

  await dial(alice.page, 'bob');
  await expect(bob.page.getByTestId('incoming-call')).toBeVisible();
  await bob.page.getByRole('button', { name: 'Decline' }).click();

  await expect(alice.page.getByTestId('call-outcome')).toHaveText('bob declined the call.');
  await expect(bob.page.getByTestId('incoming-call')).toHaveCount(0);
  await expect(alice.page.getByLabel('Number or SIP address')).toBeVisible();
});

test('calling someone who is not registered says they are unavailable', async ({ phones }) => {
  const alice = await phones.registered('alice');
  // Nobody ever registers as "nobody" (other users may have registrations left by earlier tests).
  await dial(alice.page, 'nobody');
  await expect(alice.page.getByTestId('call-outcome')).toContainText('not available right now (480)');
});
