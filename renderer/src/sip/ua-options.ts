import { SIPExtension, type UserAgentOptions } from 'sip.js';
import { parseSipAddress } from '../../../contract/sip-address';
import { EarlySocketTransport } from './early-transport';
import type { EngineConfig } from './types';

export const USER_AGENT_STRING = 'DeskPhone/0.1 (SIP.js 0.21.2)';

/**
 * Peer connection settings: only the ICE servers the account names (SIP.js
 * would otherwise add a public Google STUN server), and 'balanced' bundling
 * because some media relays (rtpengine) fail with max-bundle.
 */
export function buildPeerConnectionConfiguration(config: EngineConfig): RTCConfiguration {
  return {
    iceServers: config.iceServers.map((server) => ({
      urls: server.urls,
      ...(server.username ? { username: server.username } : {}),
      ...(server.credential ? { credential: server.credential } : {}),
    })),
    bundlePolicy: 'balanced',
    rtcpMuxPolicy: 'require',
    iceTransportPolicy: config.iceTransportPolicy ?? 'all',
  };
}

/**
 * The display name as the inside of a SIP quoted-string (RFC 3261 25.1).
 * SIP.js writes it between quotes as it is, so a name with a quote or a
 * backslash made every From header malformed (registration failed with no
 * reason) and a line break could add headers of its own.
 */
export function quotedDisplayName(name: string): string | undefined {
  const clean = name
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f]/g, ' ')
    .trim()
    .replace(/[\\"]/g, (c) => `\\${c}`);
  return clean || undefined;
}

/**
 * The Contact's transport parameter, matching the WebSocket in use. SIP.js
 * writes `;transport=ws` even over wss://; chan_sip (a `transport=ws,wss`
 * peer) then switches the peer to WS and drops its WebSocket, so calls to
 * this phone never arrive. PJSIP and Kamailio take either.
 */
export function contactTransport(wsUrl: string): 'ws' | 'wss' {
  return /^wss:/i.test(wsUrl.trim()) ? 'wss' : 'ws';
}

export function buildUserAgentOptions(config: EngineConfig): Omit<UserAgentOptions, 'uri' | 'delegate'> & {
  user: string;
  domain: string;
} {
  const address = parseSipAddress(config.sipAddress);
  if (!address) throw new Error(`"${config.sipAddress}" is not a SIP address (user@domain).`);
  return {
    user: address.user,
    domain: address.domain,
    displayName: quotedDisplayName(config.displayName),
    authorizationUsername: config.authUser || address.user,
    // No password here: digest-keys.ts sets the realm's HA1 from main when a challenge arrives.
    userAgentString: USER_AGENT_STRING,
    // Attended transfers arrive as an INVITE with Replaces.
    sipExtensionReplaces: SIPExtension.Supported,
    // The engine sends 180 itself once it knows the call will ring: calls it
    // refuses (do not disturb, an unencrypted offer) must not ring the caller first.
    sendInitialProvisionalResponse: false,
    contactParams: { transport: contactTransport(config.wsUrl) },
    logBuiltinEnabled: false,
    logLevel: 'warn',
    // Adopts the WebSocket the start-up script opened (early-socket.ts).
    transportConstructor: EarlySocketTransport,
    transportOptions: {
      server: config.wsUrl,
      connectionTimeout: 5,
      // Keep-alive and reconnection are handled by a later reliability layer.
      keepAliveInterval: 0,
    },
    sessionDescriptionHandlerFactoryOptions: {
      // A dead or slow STUN server must never hold the INVITE back by seconds.
      iceGatheringTimeout: config.iceGatheringTimeoutMs,
      peerConnectionConfiguration: buildPeerConnectionConfiguration(config),
    },
  };
}
