import { resolve } from 'node:path';
import type { App } from 'electron';
import { DIAL_SCHEMES } from '../core/desk/dial-links';
import type { Logger } from '../core/logger';

// Makes DeskPhone the handler of sip:, sips:, tel: and callto: links where no
// other program has claimed them. Installers register the schemes too
// (electron-builder.yml: protocols, Linux MimeType); this covers development
// runs and portable copies. A scheme another program already handles is left
// alone: replacing the user's choice of phone app on every start would be rude.

export type ProtocolOutcome = 'ours' | 'claimed' | 'other-app' | 'failed';

export interface ProtocolClientOptions {
  app: Pick<App, 'setAsDefaultProtocolClient' | 'isDefaultProtocolClient' | 'getApplicationNameForProtocol'>;
  platform: NodeJS.Platform;
  /** process.defaultApp: true when started as `electron .` (development). */
  defaultApp: boolean;
  execPath: string;
  argv: readonly string[];
  logger: Logger;
}

export function registerDialProtocols(options: ProtocolClientOptions): Record<string, ProtocolOutcome> {
  const { app, logger } = options;
  // On Windows, a development run must name the app folder, or the link
  // would start bare Electron without DeskPhone.
  const dev =
    options.defaultApp && options.platform === 'win32' && options.argv[1]
      ? { path: options.execPath, args: [resolve(options.argv[1])] }
      : null;
  const outcome: Record<string, ProtocolOutcome> = {};
  for (const scheme of DIAL_SCHEMES) {
    const ours = dev
      ? app.isDefaultProtocolClient(scheme, dev.path, dev.args)
      : app.isDefaultProtocolClient(scheme);
    if (ours) {
      outcome[scheme] = 'ours';
      continue;
    }
    const other = app.getApplicationNameForProtocol(`${scheme}:`);
    if (other) {
      outcome[scheme] = 'other-app';
      logger.info('Another program handles call links; leaving it', { scheme, handler: other });
      continue;
    }
    const done = dev
      ? app.setAsDefaultProtocolClient(scheme, dev.path, dev.args)
      : app.setAsDefaultProtocolClient(scheme);
    outcome[scheme] = done ? 'claimed' : 'failed';
    if (!done) logger.warn('Could not register as the handler of call links', { scheme });
  }
  return outcome;
}

/**
 * macOS delivers links with 'open-url', possibly before 'ready' when the link
 * started the app; links arriving before the handler is ready are kept.
 */
export function listenForOpenUrl(app: Pick<App, 'on'>): { setHandler(handler: (url: string) => void): void } {
  const early: string[] = [];
  let handler: ((url: string) => void) | null = null;
  app.on('open-url', (event, url) => {
    event.preventDefault();
    if (handler) handler(url);
    else if (early.length < 8) early.push(url);
  });
  return {
    setHandler(next) {
      handler = next;
      for (const url of early.splice(0)) next(url);
    },
  };
}
