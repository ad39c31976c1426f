import type { DeskSettings } from '../../../contract/desk';
import type { ExternalLinks } from '../external-links';
import type { HistoryStore } from '../history/history-store';
import type { IpcRouter } from '../ipc-router';
import type { Logger } from '../logger';
import type { Policy } from '../policy/policy';
import { ScreenPop } from './screen-pop';

// The agent's tools on the call: screen-pop ('screenPop:open') and the call
// note ('history:note', which screen-pop's {note} draws on), wired to the
// router in one place so app-core stays a composition.

export interface ScreenPopChannelDeps {
  /** The desk settings in force (policy applied). */
  desk: () => DeskSettings;
  policy: Policy;
  history: HistoryStore;
  links: ExternalLinks;
  logger: Logger;
}

export function registerScreenPopChannels(router: IpcRouter, deps: ScreenPopChannelDeps): ScreenPop {
  const { policy } = deps;
  const screenPop = new ScreenPop({
    settings: () => deps.desk().screenPop,
    allowedHosts: () => policy.value<string[]>('screenPop.allowedHosts'),
    allowHttp: () => policy.value<boolean>('screenPop.allowHttp'),
    defaultCountry: () => deps.desk().clickToDial.defaultCountry,
    open: (url) => deps.links.openChecked(url),
    logger: deps.logger,
  });
  router.register('screenPop:open', (request) => screenPop.open(request));
  router.register('history:note', (request) => deps.history.setNote(request));
  return screenPop;
}
