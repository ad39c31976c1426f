import type { RecordingProblem, RecordingSettings } from '../../../contract/recording';
import { t } from '../i18n/i18n.svelte';
import type { CallSnapshot, PhoneEngine } from '../sip/types';
import { CallRecorder, recordingMimeType } from './call-recorder';

// Which calls are being recorded, started by the Record button or, when
// settings say "always", by the call being answered; stopped by the button
// or by the end of the call. A recording that fails tells the user why and
// never touches the call.

export interface CallRecording {
  status: 'starting' | 'recording' | 'stopping';
  /** Epoch ms when recording began (for the indicator's clock). */
  since: number;
  file?: string;
}

interface Settings {
  settings: { recording: RecordingSettings } | null;
}

export class RecordingState {
  /** By call id. */
  calls = $state<Record<string, CallRecording>>({});
  /** The last problem, in the user's language, until the next recording starts. */
  problem = $state<string | null>(null);
  // The recorders themselves are not shown anywhere: `calls` is the state the UI reads.
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  private readonly recorders = new Map<string, CallRecorder>();
  /**
   * Calls "always" has already tried to record: one attempt per call. A
   * recording that failed (folder gone, disk full) is not restarted by the
   * next snapshot of the call, which would hide the message the user needs
   * and re-create a deleted default folder behind their back.
   */
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  private readonly autoStarted = new Set<string>();
  private engine: PhoneEngine | null = null;
  private desk: Settings | null = null;

  get mode(): RecordingSettings['mode'] {
    return this.desk?.settings?.recording.mode ?? 'off';
  }

  /** Follows the phone: "always" starts at answer; every recording stops with its call. */
  link(engine: PhoneEngine, desk: Settings): () => void {
    this.engine = engine;
    this.desk = desk;
    return engine.subscribe(({ calls }) => {
      for (const call of calls) {
        const live = call.status === 'active';
        if (live && this.mode === 'always' && !this.autoStarted.has(call.id)) {
          this.autoStarted.add(call.id);
          if (!this.calls[call.id] && !this.recorders.has(call.id)) void this.start(call);
        }
        if (call.status === 'ended' && this.recorders.has(call.id)) void this.stop(call.id);
      }
      for (const id of this.recorders.keys()) {
        if (!calls.some((call) => call.id === id)) void this.stop(id);
      }
      for (const id of this.autoStarted) {
        if (!calls.some((call) => call.id === id)) this.autoStarted.delete(id);
      }
    });
  }

  isRecording(callId: string): boolean {
    return this.calls[callId] !== undefined;
  }

  async toggle(call: CallSnapshot): Promise<void> {
    if (this.calls[call.id]) await this.stop(call.id);
    else await this.start(call);
  }

  async start(call: CallSnapshot): Promise<void> {
    const engine = this.engine;
    if (!engine || this.calls[call.id] || this.mode === 'off') return;
    this.problem = null;
    this.calls[call.id] = { status: 'starting', since: Date.now() };
    const mimeType = recordingMimeType((type) => MediaRecorder.isTypeSupported(type));
    try {
      const started = await window.deskphone.invoke('recording:start', {
        callId: call.id,
        direction: call.direction,
        number: call.remoteNumber,
        mimeType,
      });
      if ('problem' in started) return this.fail(call.id, started.problem, started.folder, 'start');
      const id = started.id;
      const recorder = new CallRecorder(
        () => engine.streams(call.id, 'audio'),
        {
          append: (seq, data) => window.deskphone.invoke('recording:append', { id, seq, data }),
          finish: () => window.deskphone.invoke('recording:stop', { id }).then(() => undefined),
        },
        (problem) => this.fail(call.id, problem, started.folder, 'stop'),
        mimeType,
      );
      this.recorders.set(call.id, recorder);
      recorder.start();
      // The far end is told (a beep) only once the recording really runs.
      if (this.desk?.settings?.recording.notice === 'tone') void engine.playNotice?.(call.id);
      this.calls[call.id] = { status: 'recording', since: Date.now(), file: started.file };
    } catch (error) {
      delete this.calls[call.id];
      this.problem = error instanceof Error ? error.message : String(error);
    }
  }

  async stop(callId: string): Promise<void> {
    const recorder = this.recorders.get(callId);
    if (!recorder) return;
    this.recorders.delete(callId);
    const current = this.calls[callId];
    if (current) current.status = 'stopping';
    try {
      await recorder.stop();
    } finally {
      delete this.calls[callId];
    }
  }

  private fail(callId: string, problem: string, folder: string, when: 'start' | 'stop'): void {
    const recorder = this.recorders.get(callId);
    this.recorders.delete(callId);
    delete this.calls[callId];
    void recorder?.stop();
    this.problem = problemText(problem, folder, when);
  }
}

/** What went wrong, in words a person can act on; the call itself always goes on. */
export function problemText(problem: string, folder: string, when: 'start' | 'stop'): string {
  const known: Record<RecordingProblem, string> = {
    off: t('recording.off'),
    'disk-full': t('recording.diskFull', { when }),
    'folder-missing': t('recording.folderMissing', { when, folder }),
    'no-permission': t('recording.noPermission', { when, folder }),
    'write-failed': t('recording.writeFailed', { when }),
  };
  return known[problem as RecordingProblem] ?? t('recording.failed', { when, detail: problem });
}

export const recordings = new RecordingState();
