import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Core } from 'sip.js';
import { EarlySocketTransport } from './early-transport';
import { adoptEarlySocket, openEarlySocket } from './early-socket';
import { FakeWebSocket } from './fake-websocket.test-helper';

const SERVER = 'wss://pbx.example.com:8089/ws';

function transport(server = SERVER) {
  const loggers = new Core.LoggerFactory();
  loggers.builtinEnabled = false;
  const logger = loggers.getLogger('sip.Transport');
  const made = new EarlySocketTransport(logger, { server, connectionTimeout: 5, keepAliveInterval: 0 });
  const received: string[] = [];
  made.onMessage = (message) => received.push(message);
  return { transport: made, received };
}

beforeEach(() => {
  FakeWebSocket.made = [];
  vi.stubGlobal('WebSocket', FakeWebSocket);
});

afterEach(() => {
  adoptEarlySocket('about:none');
  vi.unstubAllGlobals();
});

describe('EarlySocketTransport', () => {
  it('takes over an early socket that is already open: no second socket, REGISTER goes on it', async () => {
    openEarlySocket(SERVER);
    const early = FakeWebSocket.made[0]!;
    early.open();
    early.receive('SIP/2.0 200 OK (an early keep-alive answer)');
    const { transport: sip, received } = transport();

    await sip.connect();
    expect(FakeWebSocket.made).toEqual([early]);
    expect(sip.isConnected()).toBe(true);
    // The constructor swap is undone at once.
    expect(globalThis.WebSocket).toBe(FakeWebSocket);
    expect(received).toEqual(['SIP/2.0 200 OK (an early keep-alive answer)']);
    await sip.send('REGISTER sip:pbx.example.com SIP/2.0\r\n\r\n');
    expect(early.sent).toEqual(['REGISTER sip:pbx.example.com SIP/2.0\r\n\r\n']);
  });

  it('waits for an early socket that is still connecting, and fails with it', async () => {
    openEarlySocket(SERVER);
    const early = FakeWebSocket.made[0]!;
    const { transport: sip } = transport();
    let settled = false;
    const connecting = sip.connect().then(
      () => (settled = true),
      () => (settled = true),
    );
    await Promise.resolve();
    await Promise.resolve();
    expect(settled).toBe(false);
    early.open();
    await connecting;
    expect(sip.isConnected()).toBe(true);

    // A later loss is SIP.js's ordinary reconnect: a socket of its own.
    early.fail();
    expect(sip.isConnected()).toBe(false);
    const again = sip.connect();
    expect(FakeWebSocket.made).toHaveLength(2);
    FakeWebSocket.made[1]!.open();
    await again;
    expect(sip.isConnected()).toBe(true);
  });

  it('opens its own socket when there is no early one, or it goes to another server', async () => {
    openEarlySocket('wss://old.example.com/ws');
    const { transport: sip } = transport();
    const connecting = sip.connect();
    expect(FakeWebSocket.made).toHaveLength(2);
    expect(FakeWebSocket.made[0]!.readyState).toBe(FakeWebSocket.CLOSED);
    expect(FakeWebSocket.made[1]!.url).toBe(SERVER);
    FakeWebSocket.made[1]!.open();
    await connecting;
    expect(sip.isConnected()).toBe(true);
  });

  it('ignores an early socket that failed before the transport connected', async () => {
    openEarlySocket(SERVER);
    FakeWebSocket.made[0]!.fail();
    const { transport: sip } = transport();
    const connecting = sip.connect();
    expect(FakeWebSocket.made).toHaveLength(2);
    FakeWebSocket.made[1]!.open();
    await connecting;
    expect(sip.isConnected()).toBe(true);
  });
});
