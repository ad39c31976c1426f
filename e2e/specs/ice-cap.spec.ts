import { createSocket, type Socket } from 'node:dgram';
import { expect, test } from '../fixtures/test';
import { dial } from '../fixtures/ui';

/** A STUN server that swallows every request: the slowest kind of dead server. */
async function silentStunServer(): Promise<{ url: string; received: () => number; close: () => void }> {
  const socket: Socket = createSocket('udp4');
  let received = 0;
  socket.on('message', () => received++);
  await new Promise<void>((ok) => socket.bind(0, '127.0.0.1', ok));
  return {
    url: `stun:127.0.0.1:${socket.address().port}`,
    received: () => received,
    close: () => socket.close(),
  };
}

test('with an unreachable STUN server configured, the INVITE reaches the server within 1 s of Call', async ({
  phones,
  kamailio,
}) => {
  const stun = await silentStunServer();
  try {
    await phones.registered('bob');
    const alice = await phones.registered('alice', { iceServers: [stun.url], iceTimeoutMs: 500 });
    const before = kamailio.inviteReceipts().length;

    const pressedAt = await dial(alice.page, 'bob');
    await expect.poll(() => kamailio.inviteReceipts().length).toBeGreaterThan(before);
    const invite = kamailio.inviteReceipts()[before]!;
    const delay = invite.epochMs - pressedAt;
    console.log(`Call pressed -> INVITE at Kamailio with a silent STUN server: ${delay.toFixed(0)} ms`);
    expect(delay).toBeLessThan(1000);
    // The STUN server really was asked (and never answered), so the cap is what kept the call fast.
    expect(stun.received()).toBeGreaterThan(0);
    await alice.page.getByRole('button', { name: 'Hang up' }).click();
  } finally {
    stun.close();
  }
});
