import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { UserAgent, Web, type Session } from 'sip.js';
import {
  buildPeerConnectionConfiguration,
  buildUserAgentOptions,
  contactTransport,
  quotedDisplayName,
  USER_AGENT_STRING,
} from './ua-options';
import type { EngineConfig } from './types';

function config(overrides: Partial<EngineConfig> = {}): EngineConfig {
  return {
    displayName: 'Ada Lovelace',
    sipAddress: '1001@pbx.example.com',
    digestKey: async () => 'ha1',
    wsUrl: 'wss://pbx.example.com:8089/ws',
    iceServers: [],
    iceGatheringTimeoutMs: 500,
    ...overrides,
  };
}

interface SdhFactoryOptions {
  iceGatheringTimeout: number;
  peerConnectionConfiguration: RTCConfiguration;
}

describe('buildPeerConnectionConfiguration', () => {
  it('has an explicitly empty ICE server list when the account names none', () => {
    const pc = buildPeerConnectionConfiguration(config({ iceServers: [] }));
    expect(pc.iceServers).toEqual([]);
  });

  it('passes account servers through in order, with username and credential only when present', () => {
    const pc = buildPeerConnectionConfiguration(
      config({
        iceServers: [
          { urls: 'stun:stun.example.com:3478' },
          { urls: 'turn:turn.example.com:3478?transport=udp', username: 'alice', credential: 'pw' },
          { urls: 'turns:turn.example.com:5349', username: 'bob' },
          { urls: 'turn:relay.example.com', username: '', credential: '' },
        ],
      }),
    );
    expect(pc.iceServers).toEqual([
      { urls: 'stun:stun.example.com:3478' },
      { urls: 'turn:turn.example.com:3478?transport=udp', username: 'alice', credential: 'pw' },
      { urls: 'turns:turn.example.com:5349', username: 'bob' },
      { urls: 'turn:relay.example.com' },
    ]);
    const servers = pc.iceServers!;
    expect(Object.keys(servers[0]!)).toEqual(['urls']);
    expect('credential' in servers[2]!).toBe(false);
    expect('username' in servers[3]!).toBe(false);
  });

  it('uses balanced bundling and requires rtcp-mux', () => {
    const pc = buildPeerConnectionConfiguration(config());
    expect(pc.bundlePolicy).toBe('balanced');
    expect(pc.rtcpMuxPolicy).toBe('require');
  });

  it('gathers every kind of candidate unless the account is relay-only (TURN-only networks)', () => {
    expect(buildPeerConnectionConfiguration(config()).iceTransportPolicy).toBe('all');
    const relay = config({
      iceTransportPolicy: 'relay',
      iceServers: [{ urls: 'turn:turn.example.com', username: 'alice', credential: 'pw' }],
    });
    expect(buildPeerConnectionConfiguration(relay).iceTransportPolicy).toBe('relay');
  });

  it('never mentions Google STUN', () => {
    const pc = buildPeerConnectionConfiguration(config({ iceServers: [{ urls: 'stun:stun.example.com' }] }));
    expect(JSON.stringify(pc)).not.toMatch(/google/i);
  });
});

describe('buildUserAgentOptions', () => {
  it('splits the SIP address into user and domain', () => {
    const options = buildUserAgentOptions(config());
    expect(options.user).toBe('1001');
    expect(options.domain).toBe('pbx.example.com');
  });

  it('keeps a port on the domain', () => {
    expect(buildUserAgentOptions(config({ sipAddress: '1001@pbx.example.com:5061' })).domain).toBe(
      'pbx.example.com:5061',
    );
  });

  it('accepts a sip: prefix on the address', () => {
    const options = buildUserAgentOptions(config({ sipAddress: 'sip:2002@10.0.0.7' }));
    expect(options.user).toBe('2002');
    expect(options.domain).toBe('10.0.0.7');
  });

  it('authenticates as the user part when no auth user is given', () => {
    expect(buildUserAgentOptions(config()).authorizationUsername).toBe('1001');
    expect(buildUserAgentOptions(config({ authUser: '' })).authorizationUsername).toBe('1001');
  });

  it('authenticates as the auth user when one is given', () => {
    expect(buildUserAgentOptions(config({ authUser: 'ada-auth' })).authorizationUsername).toBe('ada-auth');
  });

  it('passes no password (digest keys come from main) and the display name', () => {
    const options = buildUserAgentOptions(config());
    expect(options.authorizationPassword).toBeUndefined();
    expect(options.displayName).toBe('Ada Lovelace');
    expect(buildUserAgentOptions(config({ displayName: '' })).displayName).toBeUndefined();
  });

  it('connects the transport to the WebSocket URL', () => {
    const options = buildUserAgentOptions(config({ wsUrl: 'wss://edge.example.net/sip' }));
    expect((options.transportOptions as { server: string }).server).toBe('wss://edge.example.net/sip');
  });

  it('names the WebSocket it really uses in the Contact: wss over wss://, ws over ws://', () => {
    expect(buildUserAgentOptions(config({ wsUrl: 'wss://pbx.example.net:8089/ws' })).contactParams).toEqual({
      transport: 'wss',
    });
    expect(buildUserAgentOptions(config({ wsUrl: 'ws://pbx.example.net:8088/ws' })).contactParams).toEqual({
      transport: 'ws',
    });
    expect(contactTransport(' WSS://PBX/ws')).toBe('wss');
  });

  it('identifies itself with the DeskPhone user agent string', () => {
    expect(buildUserAgentOptions(config()).userAgentString).toBe(USER_AGENT_STRING);
    expect(USER_AGENT_STRING).toMatch(/^DeskPhone\//);
  });

  it('caps ICE gathering at the configured time and uses only the account ICE servers', () => {
    const options = buildUserAgentOptions(
      config({ iceGatheringTimeoutMs: 250, iceServers: [{ urls: 'stun:stun.example.com' }] }),
    );
    const sdh = options.sessionDescriptionHandlerFactoryOptions as SdhFactoryOptions;
    expect(sdh.iceGatheringTimeout).toBe(250);
    expect(sdh.peerConnectionConfiguration.iceServers).toEqual([{ urls: 'stun:stun.example.com' }]);
  });

  it.each(['', 'pbx.example.com', '1001@', '@pbx.example.com', 'ada lovelace@pbx'])(
    'throws a clear error for the bad SIP address %j',
    (sipAddress) => {
      expect(() => buildUserAgentOptions(config({ sipAddress }))).toThrow(
        `"${sipAddress}" is not a SIP address (user@domain).`,
      );
    },
  );
});

describe('the options reach SIP.js session description handlers', () => {
  const created: (RTCConfiguration | undefined)[] = [];

  beforeEach(() => {
    created.length = 0;
    // Node has no WebRTC: record what SIP.js hands the peer connection.
    class RecordingPeerConnection {
      constructor(configuration?: RTCConfiguration) {
        created.push(configuration);
      }
    }
    vi.stubGlobal('RTCPeerConnection', RecordingPeerConnection);
    vi.stubGlobal('MediaStream', class {});
  });

  afterEach(() => {
    vi.unstubAllGlobals();
  });

  const quietLogger = { debug() {}, log() {}, warn() {}, error() {} };
  const fakeSession = { userAgent: { getLogger: () => quietLogger } } as unknown as Session;

  function sdhConfiguration(handler: unknown): SdhFactoryOptions {
    return (handler as { sessionDescriptionHandlerConfiguration: SdhFactoryOptions })
      .sessionDescriptionHandlerConfiguration;
  }

  it('overrides the Google STUN default with an empty list and applies the ICE cap', () => {
    const options = buildUserAgentOptions(config({ iceGatheringTimeoutMs: 300, iceServers: [] }));
    const factory = Web.defaultSessionDescriptionHandlerFactory();
    const handler = factory(fakeSession, options.sessionDescriptionHandlerFactoryOptions);

    const stored = sdhConfiguration(handler);
    expect(stored.iceGatheringTimeout).toBe(300);
    expect(stored.peerConnectionConfiguration.iceServers).toEqual([]);
    expect(created).toHaveLength(1);
    expect(created[0]!.iceServers).toEqual([]);
    expect(JSON.stringify(created[0])).not.toMatch(/google/i);
  });

  it('without our options SIP.js would use Google STUN and 5 s (the defaults being overridden)', () => {
    const handler = Web.defaultSessionDescriptionHandlerFactory()(fakeSession, {});
    const stored = sdhConfiguration(handler);
    expect(stored.iceGatheringTimeout).toBe(5000);
    expect(JSON.stringify(stored.peerConnectionConfiguration.iceServers)).toMatch(/stun\.l\.google\.com/);
  });

  it('gives the peer connection exactly the account servers and bundling policy', () => {
    const options = buildUserAgentOptions(
      config({
        iceServers: [{ urls: 'turn:turn.example.com', username: 'u', credential: 'c' }],
      }),
    );
    Web.defaultSessionDescriptionHandlerFactory()(
      fakeSession,
      options.sessionDescriptionHandlerFactoryOptions,
    );
    expect(created[0]!.iceServers).toEqual([
      { urls: 'turn:turn.example.com', username: 'u', credential: 'c' },
    ]);
    expect(created[0]!.bundlePolicy).toBe('balanced');
    expect(created[0]!.rtcpMuxPolicy).toBe('require');
  });

  it('survives a real UserAgent configuration, as sessions read it from there', () => {
    const { user, domain, ...uaOptions } = buildUserAgentOptions(config({ iceGatheringTimeoutMs: 750 }));
    const ua = new UserAgent({ ...uaOptions, uri: UserAgent.makeURI(`sip:${user}@${domain}`) });
    const { sessionDescriptionHandlerFactory, sessionDescriptionHandlerFactoryOptions } = ua.configuration;
    const handler = sessionDescriptionHandlerFactory(fakeSession, sessionDescriptionHandlerFactoryOptions);
    expect(sdhConfiguration(handler).iceGatheringTimeout).toBe(750);
    expect(created[0]!.iceServers).toEqual([]);
  });
});

describe('quotedDisplayName', () => {
  it('escapes quotes and backslashes so the From header stays one valid quoted-string', async () => {
    const { Grammar, NameAddrHeader, URI } = await import('sip.js');
    const { plainName } = await import('./remote-party');
    const name = 'Ada "The Countess" \\ Lovelace';
    const header = new NameAddrHeader(
      new URI('sip', '1001', 'pbx.example.com'),
      quotedDisplayName(name)!,
      {},
    );
    const parsed = Grammar.nameAddrHeaderParse(header.toString());
    expect(parsed?.uri.user).toBe('1001');
    expect(plainName(parsed?.displayName)).toBe(name);
  });

  it('never lets a line break add a header', () => {
    expect(quotedDisplayName('Ada\r\nX-Evil: 1')).toBe('Ada  X-Evil: 1');
    expect(quotedDisplayName(' \t ')).toBeUndefined();
  });
});
