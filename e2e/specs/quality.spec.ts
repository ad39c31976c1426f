import { trackPeerConnections } from '../harness/page-dtmf';
import { expect, test } from '../fixtures/test';
import { dial } from '../fixtures/ui';

// Live call quality and the "no audio" explanation, on real media.

test('the call shows live quality; it is kept with the call in Recent', async ({ phones }) => {
  const alice = await phones.registered('alice');
  const bob = await phones.registered('bob');
  await dial(alice.page, 'bob');
  await bob.page.getByRole('button', { name: 'Answer', exact: true }).click();
  const quality = alice.page.getByTestId('call-quality');
  await expect(quality).toContainText(/Quality 4\.\d \((excellent|good)\)/);
  await expect(quality).toContainText('opus');
  await expect(quality).toContainText(/loss 0%/);
  await expect(alice.page.getByTestId('no-audio')).toHaveCount(0);
  await alice.page.getByRole('button', { name: 'Hang up' }).click();

  await alice.page.getByRole('tab', { name: /Recent/ }).click();
  await expect(alice.page.getByTestId('history-quality').first()).toContainText(/quality 4\.\d/);
});

test('when the far end stops sending audio the call says so, without blaming a network that works', async ({
  phones,
}) => {
  const alice = await phones.registered('alice');
  const bob = await phones.registered('bob');
  await trackPeerConnections(bob.page);
  await dial(alice.page, 'bob');
  await bob.page.getByRole('button', { name: 'Answer', exact: true }).click();
  await expect(alice.page.getByTestId('call-quality')).toBeVisible();

  // Test-only fault: bob's side stops sending RTP without any signalling.
  await bob.page.evaluate(async () => {
    const list = (window as unknown as { __e2ePeerConnections: RTCPeerConnection[] }).__e2ePeerConnections;
    for (const pc of list) for (const sender of pc.getSenders()) await sender.replaceTrack(null);
  });
  const silent = alice.page.getByTestId('far-end-silent');
  await expect(silent).toBeVisible({ timeout: 8000 });
  await expect(silent).toContainText('No sound is coming from the other side');
  // Bob's RTCP keeps arriving: the path works, so no network alarm, even past the RTCP interval.
  await alice.page.waitForTimeout(8000);
  await expect(alice.page.getByTestId('no-audio')).toHaveCount(0);
  await expect(silent).toBeVisible();
  await alice.page.getByRole('button', { name: 'Hang up' }).click();
});
