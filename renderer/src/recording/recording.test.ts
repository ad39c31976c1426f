import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CallSnapshot } from '../sip/types';
import { NullEngine } from '../state/null-engine';
import { recordingMimeType, toBase64 } from './call-recorder';
import { toBytes } from './playback';

// The recorder itself needs WebAudio and MediaRecorder (covered end to end in
// e2e/specs/recording.spec.ts); here: when recordings start and stop.
const made: {
  start: ReturnType<typeof vi.fn>;
  stop: ReturnType<typeof vi.fn>;
  onProblem: (problem: string) => void;
}[] = [];
vi.mock('./call-recorder', async (original) => ({
  ...(await original<typeof import('./call-recorder')>()),
  CallRecorder: class {
    start = vi.fn();
    stop = vi.fn(async () => undefined);
    constructor(
      _streams: unknown,
      _sink: unknown,
      readonly onProblem: (problem: string) => void,
    ) {
      made.push(this);
    }
  },
}));
const { RecordingState, problemText } = await import('./recording.svelte');

class FakeEngine extends NullEngine {
  push(calls: Partial<CallSnapshot>[]): void {
    this.listener?.({
      registration: { status: 'registered' },
      calls: calls.map((c) => ({
        id: 'c1',
        direction: 'incoming',
        status: 'active',
        remoteName: 'Bob',
        remoteNumber: '1002',
        remoteUri: 'sip:1002@pbx',
        startedAt: 0,
        muted: false,
        held: false,
        holdPending: false,
        ...c,
      })),
    });
  }
}

const invoke = vi.fn();
beforeEach(() => {
  made.length = 0;
  invoke.mockReset();
  invoke.mockImplementation(async (channel: string) =>
    channel === 'recording:start' ? { id: 'r1', file: 'f.webm', folder: '/r' } : {},
  );
  vi.stubGlobal('window', { deskphone: { invoke, on: () => () => undefined } });
  vi.stubGlobal('MediaRecorder', { isTypeSupported: () => true });
});
afterEach(() => vi.unstubAllGlobals());

const desk = (mode: 'off' | 'demand' | 'always') => ({
  settings: { recording: { mode, folder: '', notice: 'none' as const } },
});

describe('RecordingState', () => {
  it('always: starts once when a call is answered and stops when it ends', async () => {
    const engine = new FakeEngine();
    const state = new RecordingState();
    state.link(engine, desk('always'));
    engine.push([{ status: 'ringing' }]);
    expect(invoke).not.toHaveBeenCalled();
    engine.push([{}]);
    engine.push([{}]);
    await vi.waitFor(() => expect(made).toHaveLength(1));
    expect(invoke).toHaveBeenCalledWith('recording:start', {
      callId: 'c1',
      direction: 'incoming',
      number: '1002',
      mimeType: 'audio/webm',
    });
    await vi.waitFor(() => expect(state.isRecording('c1')).toBe(true));
    engine.push([{ status: 'ended' }]);
    await vi.waitFor(() => expect(made[0]!.stop).toHaveBeenCalledTimes(1));
    expect(state.isRecording('c1')).toBe(false);
  });

  it('always: a recording that failed is not started again by the next snapshot of the same call', async () => {
    // Regression: the folder deleted mid-call stopped the recording, the next
    // call snapshot started a new one (re-creating the default folder) and
    // wiped the message that said what happened.
    const engine = new FakeEngine();
    const state = new RecordingState();
    state.link(engine, desk('always'));
    engine.push([{}]);
    await vi.waitFor(() => expect(state.isRecording('c1')).toBe(true));
    made[0]!.onProblem('folder-missing');
    expect(state.problem).toMatch(/The recording stopped: the folder \/r is not there/);
    engine.push([{ muted: true }]);
    engine.push([{ muted: false }]);
    await new Promise((r) => setTimeout(r, 10));
    expect(invoke.mock.calls.filter(([channel]) => channel === 'recording:start')).toHaveLength(1);
    expect(state.problem).toMatch(/The recording stopped/);
    expect(state.isRecording('c1')).toBe(false);

    // A failed start is said once, not retried at every snapshot either.
    invoke.mockResolvedValueOnce({ problem: 'folder-missing', folder: '/gone' });
    engine.push([{ id: 'c2' }]);
    await vi.waitFor(() => expect(state.problem).toMatch(/could not start.*\/gone/));
    engine.push([{ id: 'c2', held: true }]);
    await new Promise((r) => setTimeout(r, 10));
    expect(invoke.mock.calls.filter(([channel]) => channel === 'recording:start')).toHaveLength(2);

    // The next call is a new one: it records again.
    engine.push([{ id: 'c3' }]);
    await vi.waitFor(() => expect(state.isRecording('c3')).toBe(true));
  });

  it('demand: nothing starts by itself; off: Record does nothing', async () => {
    const engine = new FakeEngine();
    const state = new RecordingState();
    state.link(engine, desk('demand'));
    engine.push([{}]);
    await new Promise((r) => setTimeout(r, 10));
    expect(made).toHaveLength(0);
    const off = new RecordingState();
    off.link(engine, desk('off'));
    await off.start({ id: 'c1' } as CallSnapshot);
    expect(invoke).not.toHaveBeenCalled();
  });

  it('a folder main cannot use is said in words, with the folder, and nothing records', async () => {
    invoke.mockResolvedValueOnce({ problem: 'folder-missing', folder: '/mnt/share' });
    const engine = new FakeEngine();
    const state = new RecordingState();
    state.link(engine, desk('demand'));
    engine.push([{}]);
    await state.start({ id: 'c1', direction: 'incoming', remoteNumber: '1002' } as CallSnapshot);
    expect(state.problem).toMatch(/could not start.*\/mnt\/share/);
    expect(state.isRecording('c1')).toBe(false);
    expect(problemText('disk-full', '/r', 'stop')).toMatch(/stopped: the disk is full\. The call goes on/);
  });
});

describe('recorder helpers', () => {
  it('base64 round-trips bytes, also past the 32 KB slice', () => {
    const bytes = new Uint8Array(100_000).map((_, i) => (i * 7) % 256);
    expect(toBytes(toBase64(bytes))).toEqual(bytes);
  });

  it('prefers Opus in WebM, Ogg only where WebM is missing', () => {
    expect(recordingMimeType(() => true)).toBe('audio/webm');
    expect(recordingMimeType((t) => t.startsWith('audio/ogg'))).toBe('audio/ogg');
  });
});
