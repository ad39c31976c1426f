import type { PhoneReport } from '../../../contract/desk';
import type { Logger } from '../logger';

// When an update may be installed. Updates download in the background, but
// installing one restarts the app, and a restart in the middle of a call
// hangs up on the customer. So the install waits: it happens only when the
// phone's latest report shows no call at all (not dialing, not ringing in,
// not on hold), and is retried on every later report until that is true.
// Before the phone has reported anything the state of calls is unknown, so
// that counts as "wait" too. Quitting the app installs it anyway
// (autoInstallOnAppQuit): then the user chose to end their calls.

/** The administrator's word on updates (policy keys updates.enabled / updates.channel). */
export interface UpdatePolicy {
  enabled: boolean;
  channel: 'stable' | 'beta';
}

/** What electron-updater is told for a policy. */
export interface UpdaterSettings {
  enabled: boolean;
  /** electron-updater channel: 'latest' is electron-builder's name for stable. */
  channel: 'latest' | 'beta';
  allowPrerelease: boolean;
  /** Never go back to an older version, whatever the server offers. */
  allowDowngrade: false;
}

export function updaterSettings(policy: UpdatePolicy): UpdaterSettings {
  const beta = policy.channel === 'beta';
  return {
    enabled: policy.enabled,
    channel: beta ? 'beta' : 'latest',
    allowPrerelease: beta,
    allowDowngrade: false,
  };
}

export type UpdateGateState = 'idle' | 'waiting-for-calls' | 'installing';

export interface UpdateGatePorts {
  latestReport: () => PhoneReport | null;
  logger: Logger;
}

/** Any call that is not over: being dialled, ringing in either direction, connecting, active or held. */
export function hasLiveCall(report: PhoneReport | null): boolean {
  if (!report) return true;
  return report.calls.some((call) => call.status !== 'ended');
}

export class UpdateGate {
  private state: UpdateGateState = 'idle';
  private version: string | null = null;
  private installer: (() => void) | null = null;

  constructor(private readonly ports: UpdateGatePorts) {}

  /** The adapter's way to restart into the update (autoUpdater.quitAndInstall). */
  setInstaller(install: () => void): void {
    this.installer = install;
  }

  status(): { state: UpdateGateState; version: string | null } {
    return { state: this.state, version: this.version };
  }

  /** An update finished downloading: install now if no call is going on, else wait. */
  downloaded(version: string): void {
    if (this.state === 'installing') return;
    this.version = version;
    this.state = 'waiting-for-calls';
    this.tryInstall();
  }

  /** The phone reported (call started, ended, …): maybe the wait is over. */
  phoneReported(): void {
    if (this.state === 'waiting-for-calls') this.tryInstall();
  }

  private tryInstall(): void {
    const report = this.ports.latestReport();
    if (hasLiveCall(report)) {
      this.ports.logger.info('Update ready; installing after the calls end', {
        version: this.version,
        calls: report?.calls.length ?? null,
      });
      return;
    }
    if (!this.installer) return;
    this.state = 'installing';
    this.ports.logger.info('Installing update', { version: this.version });
    try {
      this.installer();
    } catch (error) {
      // Back to waiting; the next report, or quitting the app, tries again.
      this.state = 'waiting-for-calls';
      this.ports.logger.error('Installing the update failed', {
        error: error instanceof Error ? error.message : String(error),
      });
    }
  }
}
