import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { adoptEarlySocket, openEarlySocket, UNCLAIMED_CLOSE_MS } from './early-socket';
import { FakeWebSocket } from './fake-websocket.test-helper';

const URL_A = 'wss://pbx.example.com:8089/ws';

beforeEach(() => {
  FakeWebSocket.made = [];
  vi.useFakeTimers();
  vi.stubGlobal('WebSocket', FakeWebSocket);
});

afterEach(() => {
  // Nothing may stay waiting for the next test.
  adoptEarlySocket('about:none');
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('the early SIP WebSocket', () => {
  it('opens one socket to the account URL with the SIP subprotocol, handed over once', () => {
    openEarlySocket(URL_A);
    openEarlySocket(URL_A);
    expect(FakeWebSocket.made).toHaveLength(1);
    const [socket] = FakeWebSocket.made;
    expect(socket!.url).toBe(URL_A);
    expect(socket!.protocols).toBe('sip');
    expect(socket!.binaryType).toBe('arraybuffer');

    const adopted = adoptEarlySocket(URL_A);
    expect(adopted?.socket).toBe(socket);
    expect(socket!.closedWith).toBeUndefined();
    expect(adoptEarlySocket(URL_A), 'handed over only once').toBeNull();
  });

  it('is closed, not handed over, when the transport connects somewhere else', () => {
    openEarlySocket(URL_A);
    expect(adoptEarlySocket('wss://other.example.com/ws')).toBeNull();
    expect(FakeWebSocket.made[0]!.readyState).toBe(FakeWebSocket.CLOSED);
    expect(adoptEarlySocket(URL_A)).toBeNull();
  });

  it('is forgotten when it fails before anyone adopts it, so the transport opens its own', () => {
    openEarlySocket(URL_A);
    FakeWebSocket.made[0]!.fail();
    expect(adoptEarlySocket(URL_A)).toBeNull();
  });

  it('is closed when nobody adopts it in time', () => {
    openEarlySocket(URL_A);
    FakeWebSocket.made[0]!.open();
    vi.advanceTimersByTime(UNCLAIMED_CLOSE_MS - 1);
    expect(FakeWebSocket.made[0]!.readyState).toBe(FakeWebSocket.OPEN);
    vi.advanceTimersByTime(1);
    expect(FakeWebSocket.made[0]!.closedWith).toBe(1000);
    expect(adoptEarlySocket(URL_A)).toBeNull();
  });

  it('keeps what the server sent before adoption, in order, and stops listening once handed over', () => {
    openEarlySocket(URL_A);
    const socket = FakeWebSocket.made[0]!;
    socket.open();
    socket.receive('first');
    socket.receive('second');
    const adopted = adoptEarlySocket(URL_A);
    expect(adopted?.early).toEqual(['first', 'second']);
    socket.receive('third');
    expect(adopted?.early).toEqual(['first', 'second']);
    // The close timer no longer applies to an adopted socket.
    vi.advanceTimersByTime(UNCLAIMED_CLOSE_MS);
    expect(socket.readyState).toBe(FakeWebSocket.OPEN);
  });

  it('opens nothing for an address that is not ws:// or wss://', () => {
    openEarlySocket('https://pbx.example.com/ws');
    openEarlySocket('not a url');
    expect(FakeWebSocket.made).toHaveLength(0);
  });
});
