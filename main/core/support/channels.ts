import type {
  DoctorNetworkResult,
  SupportExportRequest,
  SupportExportResult,
} from '../../../contract/doctor';
import { runNetworkDoctor, type NetworkDoctorOptions } from '../doctor/network-doctor';
import { UserFacingError } from '../errors';
import type { IpcRouter } from '../ipc-router';
import { exportSupportBundle, type SupportBundlePorts } from './bundle';

// The two IPC channels of the connection doctor and the support bundle, kept
// out of app-core so its composition stays one call long.

export interface SupportExportPort {
  /** Asks where to save the bundle (a save dialog); null = cancelled. */
  chooseTarget: (defaultName: string) => Promise<string | null>;
  /** The folder of main.log; default <userDataDir>/logs. */
  logsDir?: string;
  appVersion?: string;
  electronVersion?: string;
}

export interface SupportChannelDeps {
  /** Throws unless the URL is the saved account's server. */
  checkUrl: (wsUrl: string) => string;
  doctor: () => NetworkDoctorOptions;
  bundle: Omit<SupportBundlePorts, 'chooseTarget'> & { chooseTarget?: SupportBundlePorts['chooseTarget'] };
}

/** Without a save dialog (a test core), the export explains itself instead of writing anywhere. */
const noDialog = (): Promise<string | null> =>
  Promise.reject(new UserFacingError('Saving a support bundle needs the desktop app.'));

export function registerSupportChannels(router: IpcRouter, deps: SupportChannelDeps): void {
  router.register('doctor:network', ({ wsUrl }): Promise<DoctorNetworkResult> =>
    runNetworkDoctor(deps.checkUrl(wsUrl), deps.doctor()),
  );
  router.register('support:export', (request: SupportExportRequest): Promise<SupportExportResult> =>
    exportSupportBundle(request, { ...deps.bundle, chooseTarget: deps.bundle.chooseTarget ?? noDialog }),
  );
}
