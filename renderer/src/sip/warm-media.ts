import { Web, type Session, type SessionDescriptionHandlerFactory } from 'sip.js';
import { audioOptions, type MediaPreferences } from './call-controls';
import { iceServerUrls } from './gathering-policy';
import { InstantSessionDescriptionHandler } from './instant-sdh';
import { probeNetwork } from './network-probe';
import { StandbyMedia, type StandbySettings } from './standby';
import { buildPeerConnectionConfiguration } from './ua-options';
import { WarmMicrophone } from './warm-microphone';
import type { EngineConfig } from './types';

/** How long to wait for STUN/TURN candidates once the host candidates are in. */
export const SERVER_GRACE_MS = 150;

/**
 * The phone's warm media path: a standby connection that follows the
 * registration, and the session description handler factory SIP.js uses
 * for every call, which takes the standby when there is one.
 */
export class WarmMedia {
  readonly standby = new StandbyMedia({
    createPeerConnection: (configuration) => new RTCPeerConnection(configuration),
    generateCertificate: () =>
      RTCPeerConnection.generateCertificate({ name: 'ECDSA', namedCurve: 'P-256' } as EcKeyGenParams),
    probe: probeNetwork,
    // Wall-clock time: a machine that slept must see its standby as old.
    now: () => Date.now(),
  });
  private settings: StandbySettings | null = null;
  /** The "instant answer" option's microphone, kept open only while registered. */
  readonly microphone = new WarmMicrophone((constraints) => navigator.mediaDevices.getUserMedia(constraints));
  private keptAudio: boolean | MediaTrackConstraints | null = null;
  private registered = false;

  configure(config: EngineConfig): void {
    this.settings = {
      configuration: buildPeerConnectionConfiguration(config),
      capMs: config.iceGatheringTimeoutMs,
    };
  }

  /** Kept only while registered: no server, no calls, nothing to keep warm. */
  follow(registered: boolean): void {
    this.registered = registered;
    this.standby.configure(registered ? this.settings : null);
    this.microphone.keep(registered ? this.keptAudio : null);
  }

  /** The devices calls use; with `keepMicrophoneOpen`, that microphone stays open while registered. */
  useDevices(devices: MediaPreferences): void {
    const { audio } = audioOptions(devices).sessionDescriptionHandlerOptions.constraints;
    this.keptAudio = devices.keepMicrophoneOpen ? audio : null;
    this.microphone.keep(this.registered ? this.keptAudio : null);
  }

  networkChanged(): void {
    this.standby.networkChanged();
  }

  stop(): void {
    this.settings = null;
    this.registered = false;
    this.standby.stop();
    this.microphone.release();
  }

  readonly factory: SessionDescriptionHandlerFactory = (session: Session, options?: object) => {
    const factoryOptions = (options ?? {}) as Web.SessionDescriptionHandlerFactoryOptions;
    const base = factoryOptions.peerConnectionConfiguration ?? {};
    const configuration = this.standby.configuration ?? base;
    return new InstantSessionDescriptionHandler(
      session.userAgent.getLogger('sip.SessionDescriptionHandler'),
      this.microphone.mediaStream,
      {
        iceGatheringTimeout: factoryOptions.iceGatheringTimeout ?? 0,
        peerConnectionConfiguration: configuration,
      },
      {
        warm: this.standby.take(),
        rules: {
          relayOnly: configuration.iceTransportPolicy === 'relay',
          serverUrls: iceServerUrls(configuration),
          graceMs: SERVER_GRACE_MS,
        },
        knowledge: () => this.standby.knowledge,
      },
    );
  };
}
