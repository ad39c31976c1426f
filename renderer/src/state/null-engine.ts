import type {
  CallTimings,
  EngineConfig,
  EngineListener,
  EngineSnapshot,
  MessageOutcome,
  PhoneEngine,
  TextListener,
} from '../sip/types';

/**
 * Test double: a PhoneEngine that does nothing, for unit tests of the state
 * classes. Tests extend it and override what they observe.
 */
export class NullEngine implements PhoneEngine {
  listener: EngineListener | null = null;
  async start(_config: EngineConfig): Promise<void> {}
  async stop(): Promise<void> {}
  async call(_target: string, _options?: { video?: boolean }): Promise<string> {
    return 'call';
  }
  async answer(_callId: string, _options?: { video?: boolean }): Promise<void> {}
  async decline(_callId: string): Promise<void> {}
  async hangup(_callId: string): Promise<void> {}
  snapshot(): EngineSnapshot {
    return { registration: { status: 'unregistered' }, calls: [] };
  }
  subscribe(listener: EngineListener): () => void {
    this.listener = listener;
    listener(this.snapshot());
    return () => (this.listener = null);
  }
  async inboundAudioBytes(_callId: string): Promise<number> {
    return 0;
  }
  timings(_callId: string): CallTimings | undefined {
    return undefined;
  }
  localSdp(_callId: string): string | undefined {
    return undefined;
  }
  setMuted(_callId: string, _muted: boolean): void {}
  async setHeld(_callId: string, _held: boolean): Promise<void> {}
  setDoNotDisturb(_on: boolean, _code?: 486 | 480): void {}
  setAudioDevices(_devices: {
    microphoneId: string;
    speakerId: string;
    cameraId?: string;
    keepMicrophoneOpen?: boolean;
  }): void {}
  async sendDtmf(_callId: string, _digits: string): Promise<void> {}
  async switchTo(_callId: string): Promise<void> {}
  async transfer(_callId: string, _target: string): Promise<void> {}
  async completeTransfer(_held: string, _consult: string): Promise<void> {}
  async merge(_callIds: [string, string]): Promise<void> {}
  async split(): Promise<void> {}
  setAutoAnswerPolicy(_policy: 'off' | 'on' | 'idle'): void {}
  async setCamera(_callId: string, _on: boolean): Promise<void> {}
  streams(_callId: string, _kind: 'audio' | 'video'): { local?: MediaStream; remote?: MediaStream } {
    return {};
  }
  async inboundVideoFrames(_callId: string): Promise<number> {
    return 0;
  }
  async sendMessage(_target: string, _text: string): Promise<MessageOutcome> {
    return { delivered: false, reason: 'not-connected' };
  }
  onTextMessage(_listener: TextListener): () => void {
    return () => undefined;
  }
}
