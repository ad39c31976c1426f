import type { Page } from '@playwright/test';
import { trackPeerConnections } from '../harness/page-dtmf';
import { expectHearing, inboundEnergy } from '../fixtures/media';
import type { PhoneInstance } from '../fixtures/phone';
import { expect, skipWithoutTurn, test, type TurnHandle } from '../fixtures/turn';
import { runDoctorFromSettings, step } from '../fixtures/doctor';
import { currentCallId, dial, expectRegistered, LABELS, openAdvanced } from '../fixtures/ui';
import type { Phones } from '../fixtures/test';

// Calls on a TURN-only network: the account relays all media through a real
// TURN server (coturn, e2e/harness/turn.ts), set up through the account form
// as IT would. Proven from the page: audio energy rises both ways, the local
// SDP offers nothing but relay candidates, and the pair ICE chose is a relay;
// and from the TURN server: its log shows the allocations.

skipWithoutTurn();

const RELAY_ONLY = 'Relay all media through the TURN server (TURN only)';

async function relayOnlyPhone(
  phones: Phones,
  user: 'alice' | 'bob',
  turn: TurnHandle,
  credential = turn.credential,
): Promise<PhoneInstance> {
  const phone = await phones.open(user);
  await trackPeerConnections(phone.page);
  const account = phones.account(user);
  const { page } = phone;
  await page.getByLabel(LABELS.server).fill(account.wsUrl);
  await page.getByLabel(LABELS.sipAddress).fill(account.sipAddress);
  await page.getByLabel('Password', { exact: false }).first().fill(account.password);
  await page.getByLabel(LABELS.name).fill(account.displayName);
  await openAdvanced(page);
  await page.getByRole('button', { name: 'Add ICE server' }).click();
  await page.getByLabel('Server 1 URL').fill(turn.url);
  await page.getByLabel('TURN user').fill(turn.username);
  await page.getByLabel('TURN credential').fill(credential);
  await page.getByLabel(RELAY_ONLY).check();
  await page.getByRole('button', { name: 'Save and connect' }).click();
  await expectRegistered(page);
  return phone;
}

async function normalPhone(phones: Phones, user: 'alice' | 'bob'): Promise<PhoneInstance> {
  const phone = await phones.registered(user);
  await trackPeerConnections(phone.page);
  return phone;
}

/** The candidate types in the call's local SDP (a=candidate lines). */
async function localCandidateTypes(page: Page, callId: string): Promise<string[]> {
  const sdp = await page.evaluate(
    (id) =>
      (
        window as unknown as { __deskphoneDiagnostics: { localSdp(id: string): string } }
      ).__deskphoneDiagnostics.localSdp(id),
    callId,
  );
  return [...sdp.matchAll(/^a=candidate:.* typ (\w+)/gm)].map((m) => m[1]!);
}

/** Local and remote candidate types of the pair ICE selected on the page's connected call. */
async function selectedPair(page: Page): Promise<{ local: string; remote: string }> {
  return page.evaluate(async () => {
    const list = (window as unknown as { __e2ePeerConnections: RTCPeerConnection[] }).__e2ePeerConnections;
    const pc = [...list].reverse().find((c) => c.connectionState === 'connected');
    if (!pc) throw new Error('no connected peer connection');
    const stats: Record<string, unknown>[] = [];
    (await pc.getStats()).forEach((s: Record<string, unknown>) => stats.push(s));
    const transport = stats.find((s) => s.type === 'transport' && s.selectedCandidatePairId);
    const pair = stats.find((s) => s.id === transport?.selectedCandidatePairId);
    const candidate = (id: unknown) => stats.find((s) => s.id === id)?.candidateType as string;
    return { local: candidate(pair?.localCandidateId), remote: candidate(pair?.remoteCandidateId) };
  });
}

/** Energy that arrived over `ms` on each side, for the report. */
async function energyOver(a: Page, aCall: string, b: Page, bCall: string, ms = 2000) {
  const [a0, b0] = await Promise.all([inboundEnergy(a, aCall), inboundEnergy(b, bCall)]);
  await a.waitForTimeout(ms);
  const [a1, b1] = await Promise.all([inboundEnergy(a, aCall), inboundEnergy(b, bCall)]);
  return { a: a1 - a0, b: b1 - b0 };
}

async function callAndProve(caller: PhoneInstance, callee: PhoneInstance, calleeName: string) {
  await dial(caller.page, calleeName);
  await expect(callee.page.getByTestId('incoming-call')).toBeVisible();
  await callee.page.getByRole('button', { name: 'Answer', exact: true }).click();
  await expect(caller.page.getByTestId('call-status')).toHaveText('Connected');
  await expect(callee.page.getByTestId('call-status')).toHaveText('Connected');
  const callerCall = await currentCallId(caller.page);
  const calleeCall = await currentCallId(callee.page);
  await Promise.all([
    expectHearing(caller.page, callerCall, 2500),
    expectHearing(callee.page, calleeCall, 2500),
  ]);
  const energy = await energyOver(caller.page, callerCall, callee.page, calleeCall);
  const figures = `over 2 s: ${caller.name} heard ${energy.a.toFixed(4)}, ${callee.name} heard ${energy.b.toFixed(4)}`;
  test.info().annotations.push({ type: 'energy', description: figures });
  console.log(`[turn-only] ${test.info().title}: inbound audio energy ${figures}`);
  return { callerCall, calleeCall };
}

test('a relay-only caller reaches a normal callee through TURN: audio both ways, only relay candidates', async ({
  phones,
  turn,
}) => {
  const before = turn.allocations();
  const alice = await relayOnlyPhone(phones, 'alice', turn);
  const bob = await normalPhone(phones, 'bob');
  const { callerCall, calleeCall } = await callAndProve(alice, bob, 'bob');

  const offered = await localCandidateTypes(alice.page, callerCall);
  expect(offered.length).toBeGreaterThan(0);
  expect(new Set(offered)).toEqual(new Set(['relay']));
  // bob is not relay-only: his answer offers his own addresses.
  expect(await localCandidateTypes(bob.page, calleeCall)).toContain('host');
  expect((await selectedPair(alice.page)).local).toBe('relay');
  expect(turn.allocations()).toBeGreaterThan(before);
  await turn.waitForLog(/ALLOCATE processed, success/);

  await alice.page.getByRole('button', { name: 'Hang up' }).click();
  await expect(bob.page.getByLabel('Number or SIP address')).toBeVisible();
});

test('both sides relay-only: the call is relayed twice, audio both ways', async ({ phones, turn }) => {
  const alice = await relayOnlyPhone(phones, 'alice', turn);
  const bob = await relayOnlyPhone(phones, 'bob', turn);
  const before = turn.allocations();
  const { callerCall, calleeCall } = await callAndProve(bob, alice, 'alice');

  for (const [page, id] of [
    [bob.page, callerCall],
    [alice.page, calleeCall],
  ] as const) {
    expect(new Set(await localCandidateTypes(page, id))).toEqual(new Set(['relay']));
    expect(await selectedPair(page)).toEqual({ local: 'relay', remote: 'relay' });
  }
  expect(turn.allocations()).toBeGreaterThanOrEqual(before + 2);
  await bob.page.getByRole('button', { name: 'Hang up' }).click();
  await expect(alice.page.getByLabel('Number or SIP address')).toBeVisible();
});

const NO_RELAY =
  /^This call cannot carry audio: your account sends all call audio through the TURN server \(TURN only\), but turn:\S+ gave no relay address\. Check the TURN user and password/;

test('a wrong TURN password: the call ends at once and says why, instead of connecting in silence', async ({
  phones,
  turn,
  kamailio,
}) => {
  const alice = await relayOnlyPhone(phones, 'alice', turn, 'not-the-TURN-password');
  const bob = await normalPhone(phones, 'bob');
  const invites = kamailio.inviteReceipts().length;
  await dial(alice.page, 'bob');
  await expect(alice.page.getByTestId('call-outcome')).toHaveText(NO_RELAY);
  await expect(alice.page.getByTestId('call-outcome')).toContainText(turn.url);
  await expect(alice.page.getByTestId('call-screen')).toHaveCount(0);
  await expect(alice.page.getByLabel('Number or SIP address')).toBeVisible();
  // The INVITE never left: bob's phone never rang for a call that could carry no audio.
  await expect(bob.page.getByTestId('incoming-call')).toHaveCount(0);
  expect(kamailio.inviteReceipts().length).toBe(invites);
  // The TURN server refused the credentials: the reason is the password, not the network.
  await turn.waitForLog(/credentials are incorrect/);
});

test('answering on a relay-only phone with a wrong TURN password: told why, and the caller is not left in silence', async ({
  phones,
  turn,
}) => {
  const alice = await relayOnlyPhone(phones, 'alice', turn, 'not-the-TURN-password');
  const bob = await normalPhone(phones, 'bob');
  await dial(bob.page, 'alice');
  await alice.page.getByRole('button', { name: 'Answer', exact: true }).click();
  await expect(alice.page.getByTestId('call-outcome')).toHaveText(NO_RELAY);
  await expect(alice.page.getByTestId('call-screen')).toHaveCount(0);
  await expect(bob.page.getByTestId('call-screen')).toHaveCount(0);
  await expect(bob.page.getByLabel('Number or SIP address')).toBeVisible();
});

test('a TURN server that does not answer: the call ends with the same explanation', async ({
  phones,
  turn,
  kamailio,
}) => {
  // Nothing listens on port 9 (discard) of the namespace's address: requests go unanswered.
  const silent: TurnHandle = { ...turn, url: turn.url.replace(/:\d+$/, ':9') };
  const alice = await relayOnlyPhone(phones, 'alice', silent);
  const bob = await normalPhone(phones, 'bob');
  const invites = kamailio.inviteReceipts().length;
  await dial(alice.page, 'bob');
  // "Calling…" while the relay is awaited (up to the account's gathering limit).
  await expect(alice.page.getByTestId('call-screen')).toBeVisible();
  const outcome = alice.page.getByTestId('call-outcome');
  await expect(outcome).toHaveText(NO_RELAY, { timeout: 15_000 });
  await expect(outcome).toContainText(silent.url);
  // The INVITE never left: bob never got a call without audio to answer.
  await expect(bob.page.getByTestId('incoming-call')).toHaveCount(0);
  expect(kamailio.inviteReceipts().length).toBe(invites);
});

test('the connection doctor judges a relay-only account by its relay address', async ({ phones, turn }) => {
  const good = await relayOnlyPhone(phones, 'alice', turn);
  const ok = step(await runDoctorFromSettings(good.page), 'ice');
  await expect(ok).toContainText(`TURN (${turn.url}) gave a relay address`);
  await expect(ok).toContainText('(TURN only)');

  const wrong = await relayOnlyPhone(phones, 'bob', turn, 'not-the-TURN-password');
  const failed = step(await runDoctorFromSettings(wrong.page), 'ice');
  await expect(failed).toContainText(
    `This account sends all call audio through the TURN server (TURN only), but ${turn.url} gave no relay address, so no call can have audio.`,
  );
});
