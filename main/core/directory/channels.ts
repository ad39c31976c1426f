import type { EventSender } from '../event-sender';
import type { IpcRouter } from '../ipc-router';
import type { Logger } from '../logger';
import type { NoticeBoard } from '../notices';
import type { Policy } from '../policy/policy';
import { DirectoryService } from './directory-service';
import { fetchDirectoryHttps, type DirectoryFetch } from './https-fetch';

// Wires the company directory into the core: policy gives the URL, the
// refresh interval and the company CAs; the router answers directory:get
// and directory:refresh; every download attempt is announced to the
// renderer with directory:changed.

export interface DirectoryDeps {
  router: IpcRouter;
  events: EventSender;
  policy: Policy;
  notices: NoticeBoard;
  logger: Logger;
  userDataDir: string;
  /** The download; Node's https unless a test or another transport supplies one. */
  fetch?: DirectoryFetch;
}

export async function startDirectory(deps: DirectoryDeps): Promise<DirectoryService> {
  const { policy } = deps;
  const directory = await DirectoryService.open({
    url: () => policy.value<string | null>('directory.url') || null,
    refreshHours: () => policy.value<number>('directory.refreshHours'),
    adminCaPems: () => policy.value<string[] | undefined>('trust.caCertificates') ?? [],
    fetch: deps.fetch ?? fetchDirectoryHttps,
    dir: deps.userDataDir,
    notices: deps.notices,
    logger: deps.logger,
    onChange: (status) => deps.events.send('directory:changed', status),
  });
  deps.router.register('directory:get', ({ entries }) => directory.view(entries !== false));
  deps.router.register('directory:refresh', () => directory.refresh());
  return directory;
}
