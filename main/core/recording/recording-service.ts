import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type {
  RecordingProblem,
  RecordingRef,
  RecordingSettings,
  RecordingStarted,
} from '../../../contract/recording';
import { describeError, UserFacingError } from '../errors';
import type { Logger } from '../logger';
import {
  createUnique,
  nodeRecordingDisk,
  problemOf,
  recordingFileName,
  type RecordingDisk,
  type RecordingFile,
} from './recording-disk';

// Call recordings as main writes them: the renderer's recorder hands over a
// chunk about every second and each one is on disk (synced) before the next
// is accepted, so a crash of the renderer or of the whole app loses at most
// the last few seconds. A recording that stops getting chunks (the renderer
// died) is closed after a while and still lands in the call's history.

/** Where a recording belongs in the call history. */
export interface RecordingHistoryPort {
  /** The history entry of the renderer's call id, while main still knows it. */
  historyIdOf(callId: string): string | undefined;
  /** Adds or updates (same file) a recording of that history entry. */
  recorded(historyId: string, ref: RecordingRef): Promise<void>;
  recordingOf(historyId: string, index: number): RecordingRef | undefined;
}

export interface RecordingServiceOptions {
  settings: () => RecordingSettings;
  /** Used when settings name no folder; created on first use. */
  defaultFolder: string;
  history: RecordingHistoryPort;
  logger: Logger;
  disk?: RecordingDisk;
  /** Shows a file in the system's file manager. */
  reveal?: (path: string) => void | Promise<void>;
  /** A recording with no chunk for this long is closed (its renderer is gone). */
  idleCloseMs?: number;
  now?: () => number;
}

interface Session {
  callId: string;
  historyId: string | undefined;
  ref: RecordingRef;
  handle: RecordingFile | null;
  nextSeq: number;
  /** Writes run one after another, in order. */
  queue: Promise<unknown>;
  idle: ReturnType<typeof setTimeout> | undefined;
}

/** Playback reads the file whole: an hour of Opus at 32 kbit/s is about 15 MB. */
const MAX_READ_BYTES = 64 * 1024 * 1024;

export class RecordingService {
  private readonly sessions = new Map<string, Session>();
  private readonly disk: RecordingDisk;
  private readonly now: () => number;

  constructor(private readonly options: RecordingServiceOptions) {
    this.disk = options.disk ?? nodeRecordingDisk;
    this.now = options.now ?? Date.now;
  }

  async start(request: {
    callId: string;
    direction: 'incoming' | 'outgoing';
    number: string;
    mimeType: 'audio/webm' | 'audio/ogg';
  }): Promise<RecordingStarted> {
    const settings = this.options.settings();
    const folder = settings.folder || this.options.defaultFolder;
    if (settings.mode === 'off') return { problem: 'off', folder };
    try {
      if (!settings.folder) await this.disk.makeFolder(folder);
      else if (!(await this.disk.folderExists(folder))) return { problem: 'folder-missing', folder };
      const startedAt = this.now();
      const extension = request.mimeType === 'audio/ogg' ? 'ogg' : 'webm';
      const { file, handle } = await createUnique(this.disk, folder, (attempt) =>
        recordingFileName(new Date(startedAt), request.direction, request.number, extension, attempt),
      );
      const id = `r-${randomBytes(6).toString('hex')}`;
      const session: Session = {
        callId: request.callId,
        historyId: this.options.history.historyIdOf(request.callId),
        ref: { file, startedAt, bytes: 0, path: join(folder, file) },
        handle,
        nextSeq: 0,
        queue: Promise.resolve(),
        idle: undefined,
      };
      this.sessions.set(id, session);
      this.armIdleClose(id, session);
      // In the history from the start, so a recording cut short by a crash is still listed.
      await this.publish(session);
      this.options.logger.info('Recording started', { file });
      return { id, file, folder };
    } catch (error) {
      this.options.logger.warn('Recording could not start', { error: describeError(error) });
      return { problem: problemOf(error), folder };
    }
  }

  async append(request: {
    id: string;
    seq: number;
    data: string;
  }): Promise<{ bytes: number; problem?: RecordingProblem }> {
    const session = this.require(request.id);
    const write = session.queue.then(async () => {
      if (session.ref.problem || !session.handle) {
        return { bytes: session.ref.bytes, ...(session.ref.problem ? { problem: session.ref.problem } : {}) };
      }
      if (request.seq < session.nextSeq) return { bytes: session.ref.bytes }; // a repeat: already on disk
      if (request.seq > session.nextSeq) {
        throw new UserFacingError('A part of the recording went missing; the recording stops here.');
      }
      const data = Buffer.from(request.data, 'base64');
      try {
        await session.handle.append(data);
      } catch (error) {
        session.ref.problem = problemOf(error);
        this.options.logger.warn('Recording stopped by a write failure', { error: describeError(error) });
        await this.finish(request.id, session);
        return { bytes: session.ref.bytes, problem: session.ref.problem };
      }
      session.nextSeq++;
      session.ref.bytes += data.length;
      this.armIdleClose(request.id, session);
      return { bytes: session.ref.bytes };
    });
    session.queue = write.catch(() => undefined);
    return write;
  }

  async stop(id: string): Promise<RecordingRef> {
    const session = this.require(id);
    await session.queue;
    await this.finish(id, session);
    return { ...session.ref };
  }

  async read(historyId: string, index: number): Promise<{ mimeType: string; data: string }> {
    const ref = this.requireRef(historyId, index);
    try {
      const bytes = await this.disk.read(ref.path, MAX_READ_BYTES);
      const mimeType = ref.file.endsWith('.ogg') ? 'audio/ogg' : 'audio/webm';
      return { mimeType, data: Buffer.from(bytes).toString('base64') };
    } catch (error) {
      this.options.logger.warn('Recording could not be read', { error: describeError(error) });
      throw new UserFacingError(
        problemOf(error) === 'folder-missing'
          ? 'That recording is no longer in its folder (moved or deleted).'
          : 'That recording could not be opened.',
      );
    }
  }

  async reveal(historyId: string, index: number): Promise<boolean> {
    const ref = this.requireRef(historyId, index);
    if (!this.options.reveal) return false;
    await this.options.reveal(ref.path);
    return true;
  }

  /** Closes every open recording (quit, or the renderer reloaded). */
  async closeAll(): Promise<void> {
    await Promise.all([...this.sessions.entries()].map(([id, s]) => s.queue.then(() => this.finish(id, s))));
  }

  private async finish(id: string, session: Session): Promise<void> {
    clearTimeout(session.idle);
    this.sessions.delete(id);
    const handle = session.handle;
    session.handle = null;
    if (handle) await handle.close().catch(() => undefined);
    await this.publish(session);
    this.options.logger.info('Recording finished', {
      bytes: session.ref.bytes,
      problem: session.ref.problem,
    });
  }

  private async publish(session: Session): Promise<void> {
    session.historyId ??= this.options.history.historyIdOf(session.callId);
    if (!session.historyId) return;
    await this.options.history.recorded(session.historyId, { ...session.ref }).catch((error: unknown) => {
      this.options.logger.warn('Recording not added to history', { error: describeError(error) });
    });
  }

  private armIdleClose(id: string, session: Session): void {
    clearTimeout(session.idle);
    session.idle = setTimeout(() => {
      void session.queue.then(() => (this.sessions.has(id) ? this.finish(id, session) : undefined));
    }, this.options.idleCloseMs ?? 15_000);
    session.idle.unref?.();
  }

  private require(id: string): Session {
    const session = this.sessions.get(id);
    if (!session) throw new UserFacingError('That recording has already stopped.');
    return session;
  }

  private requireRef(historyId: string, index: number): RecordingRef {
    const ref = this.options.history.recordingOf(historyId, index);
    if (!ref) throw new UserFacingError('That recording is not in the call history.');
    return ref;
  }
}
