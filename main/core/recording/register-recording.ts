import { join } from 'node:path';
import type { RecordingSettings } from '../../../contract/recording';
import type { HistoryStore } from '../history/history-store';
import type { IpcRouter } from '../ipc-router';
import type { Logger } from '../logger';
import { RecordingService } from './recording-service';

// The recording channels on the IPC router. Every request names a recording
// by main's own id or by a history entry: a renderer can never make main
// read, write or show a path it chose.

export interface RecordingWiring {
  settings: () => RecordingSettings;
  /** The default folder ("DeskPhone recordings" in Documents in the app). */
  folder?: string;
  userDataDir: string;
  history: HistoryStore;
  logger: Logger;
  reveal?: (path: string) => void | Promise<void>;
}

export function registerRecordingChannels(router: IpcRouter, wiring: RecordingWiring): RecordingService {
  const service = new RecordingService({
    settings: wiring.settings,
    defaultFolder: wiring.folder ?? join(wiring.userDataDir, 'recordings'),
    history: {
      historyIdOf: (callId) => wiring.history.historyIdOf(callId),
      recorded: (historyId, ref) => wiring.history.recorded(historyId, ref),
      recordingOf: (historyId, index) => wiring.history.recordingOf(historyId, index),
    },
    logger: wiring.logger,
    ...(wiring.reveal ? { reveal: wiring.reveal } : {}),
  });
  router.register('recording:start', (request) => service.start(request));
  router.register('recording:append', (request) => service.append(request));
  router.register('recording:stop', ({ id }) => service.stop(id));
  router.register('recording:read', ({ historyId, index }) => service.read(historyId, index));
  router.register('recording:reveal', async ({ historyId, index }) => ({
    shown: await service.reveal(historyId, index),
  }));
  return service;
}
