import { CandidateTracker } from './candidate-tracker';
import { iceServerUrls, type NetworkKnowledge } from './gathering-policy';

// One peer connection kept ready while the phone is registered: its ICE
// candidates are gathered in advance (candidate pool) and its DTLS
// certificate exists, so a call's offer or answer can go out at once. It
// never holds the microphone: nothing records at rest.

/**
 * After a call takes the standby, the next one is prepared this much later:
 * after the INVITE or 200 OK has left, before a desk worker's next call.
 */
export const REFILL_DELAY_MS = 400;
/** Server-reflexive and relay candidates stand for NAT bindings and allocations that age. */
export const LIFETIME_WITH_SERVERS_MS = 60_000;
/** Host candidates only: they age with the network, which has its own events; refresh now and then anyway. */
export const LIFETIME_HOST_ONLY_MS = 10 * 60_000;

export interface StandbySettings {
  configuration: RTCConfiguration;
  /** The account's gathering cap: the warm-up waits at least this long before calling a server silent. */
  capMs: number;
}

export interface StandbyPorts {
  createPeerConnection(configuration: RTCConfiguration): RTCPeerConnection;
  generateCertificate(): Promise<RTCCertificate>;
  /** Gathers once with these settings and reports what answered. */
  probe(configuration: RTCConfiguration, waitMs: number): Promise<NetworkKnowledge>;
  now(): number;
}

export interface WarmConnection {
  pc: RTCPeerConnection;
  tracker: CandidateTracker;
}

interface Standby extends WarmConnection {
  key: string;
  bornAt: number;
}

function keyOf(settings: StandbySettings): string {
  const { certificates: _certificates, ...rest } = settings.configuration;
  return JSON.stringify([rest, settings.capMs]);
}

export class StandbyMedia {
  private settings: StandbySettings | null = null;
  private standby: Standby | null = null;
  private certificate: RTCCertificate | undefined;
  private learned: NetworkKnowledge | undefined;
  private generation = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly ports: StandbyPorts) {}

  /** What the last warm-up learned about this network; undefined until it has run. */
  get knowledge(): NetworkKnowledge | undefined {
    return this.learned;
  }

  /** The configuration a call's peer connection uses (with the shared certificate once it exists). */
  get configuration(): RTCConfiguration | undefined {
    if (!this.settings) return undefined;
    const { configuration } = this.settings;
    return this.certificate ? { ...configuration, certificates: [this.certificate] } : configuration;
  }

  /** Standby connections open right now: never more than one. */
  get openStandbys(): number {
    return this.standby && this.standby.pc.signalingState !== 'closed' ? 1 : 0;
  }

  /** Registered with these settings (or null: not registered). Unchanged settings keep the standby. */
  configure(settings: StandbySettings | null): void {
    if (!settings) return this.stop();
    if (this.settings && keyOf(this.settings) === keyOf(settings)) return;
    this.settings = settings;
    this.renew(true);
  }

  /** The network changed: what was gathered may point nowhere now. */
  networkChanged(): void {
    if (this.settings) this.renew(true);
  }

  /**
   * Hands the standby to a call, or nothing when there is none or it has
   * aged (a laptop that slept keeps a standby whose timers never ran).
   */
  take(): WarmConnection | undefined {
    const standby = this.standby;
    if (!standby || !this.settings) return undefined;
    this.standby = null;
    if (standby.key !== keyOf(this.settings) || this.aged(standby)) {
      this.discard(standby);
      this.schedule(0);
      return undefined;
    }
    this.schedule(REFILL_DELAY_MS);
    return { pc: standby.pc, tracker: standby.tracker };
  }

  /** A call ended: if the next standby is still to come, make it now, while the user looks at the screen. */
  refill(): void {
    if (this.settings && !this.standby) this.schedule(0);
  }

  stop(): void {
    this.generation++;
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.standby) this.discard(this.standby);
    this.standby = null;
    this.settings = null;
    this.learned = undefined;
  }

  private lifetime(): number {
    return this.settings && iceServerUrls(this.settings.configuration).length > 0
      ? LIFETIME_WITH_SERVERS_MS
      : LIFETIME_HOST_ONLY_MS;
  }

  private aged(standby: Standby): boolean {
    return this.ports.now() - standby.bornAt >= this.lifetime();
  }

  private renew(relearn: boolean): void {
    const generation = ++this.generation;
    clearTimeout(this.timer);
    if (this.standby) this.discard(this.standby);
    this.standby = null;
    if (relearn) {
      this.learned = undefined;
      void this.learn(generation);
    }
    void this.prepare(generation);
  }

  private schedule(delayMs: number): void {
    clearTimeout(this.timer);
    const generation = this.generation;
    this.timer = setTimeout(() => void this.prepare(generation), delayMs);
  }

  private async learn(generation: number): Promise<void> {
    const settings = this.settings;
    if (!settings) return;
    const waitMs = Math.min(5000, Math.max(1000, settings.capMs));
    try {
      const knowledge = await this.ports.probe(settings.configuration, waitMs);
      if (generation === this.generation) this.learned = knowledge;
    } catch (error) {
      console.warn('The network warm-up failed; calls wait for ICE as usual.', error);
    }
  }

  private async prepare(generation: number): Promise<void> {
    // Chromium's certificates last 30 days; an app left running that long gets a new one.
    if (!this.certificate || this.certificate.expires - this.ports.now() < 86_400_000) {
      this.certificate = await this.ports.generateCertificate().catch(() => undefined);
    }
    const configuration = this.configuration;
    if (generation !== this.generation || !this.settings || !configuration || this.standby) return;
    const pc = this.ports.createPeerConnection({ ...configuration, iceCandidatePoolSize: 1 });
    this.standby = {
      pc,
      tracker: new CandidateTracker(pc),
      key: keyOf(this.settings),
      bornAt: this.ports.now(),
    };
    this.timer = setTimeout(() => this.renew(false), this.lifetime());
  }

  private discard(standby: Standby): void {
    standby.tracker.detach();
    standby.pc.close();
  }
}
