import type { AccountService } from './account-service';
import type { CertificateTrust } from './certificates/certificate-trust';
import type { ContactsStore } from './contacts/contacts-store';
import type { DeskController } from './desk/desk-controller';
import type { DesktopPorts } from './desk/ports';
import type { DirectoryService } from './directory/directory-service';
import type { EventPort, EventSender } from './event-sender';
import type { ExternalLinks } from './external-links';
import type { HistoryStore } from './history/history-store';
import type { IpcRouter } from './ipc-router';
import type { Logger } from './logger';
import type { NoticeBoard } from './notices';
import type { Policy } from './policy/policy';
import type { SettingsStore } from './settings-store';
import type { SupportExportPort } from './support/channels';
import type { UpdateGate, UpdatePolicy } from './updates/update-gate';
import type { CredentialVault, Encryptor } from './vault';

// What the Electron-free core is built from (ports the Electron entry point
// and the e2e harness provide) and what it hands back (see app-core.ts).

export interface AppCorePorts {
  /** Folder for settings.json and credentials.json (app.getPath('userData') in the app). */
  userDataDir: string;
  encryptor: Encryptor;
  platform: NodeJS.Platform;
  logger: Logger;
  /**
   * Company CA certificates (PEM) the administrator distributes; trusted for
   * the account's WebSocket host only (main/core/certificates). None when absent.
   */
  adminCaPems?: () => readonly string[];
  /** Extra trusted CA certificates (PEM) for the connection check. */
  extraCa?: string[];
  /** Origins whose main frame may call IPC; defaults to [APP_ORIGIN]. */
  allowedOrigins?: string[];
  /** Connection check time limit in ms; default 4000. */
  probeTimeoutMs?: number;
  /** Tray, notifications, global shortcuts, clipboard, login item, window; inert when absent. */
  desktop?: DesktopPorts;
  /** Main → renderer transport; can also be connected later with core.events.setPort(). */
  sendEvent?: EventPort;
  /** The machine-wide policy file (see policy-file.ts's policyFilePath); none when absent. */
  policyFile?: string | null;
  /** The OS locale's country (Electron's app.getLocaleCountryCode()): click-to-dial's default country. */
  localeCountry?: string;
  /** The OS locale (app.getLocale()): the tray's and notifications' language when Settings says "system". */
  systemLocale?: string;
  /** The command line, for --provision=<path or https URL>; relative paths are taken from cwd. */
  argv?: readonly string[];
  cwd?: string;
  /** Where the support bundle goes (a save dialog in the app, a fixed path in e2e). */
  supportExport?: SupportExportPort;
  /** Default folder for call recordings; the profile's recordings folder when absent. */
  recordingsFolder?: string;
}

export interface AppCore {
  router: IpcRouter;
  settings: SettingsStore;
  vault: CredentialVault;
  notices: NoticeBoard;
  account: AccountService;
  /** Desk integration: core.desk.onHotkey('answer'), core.desk.handleSecondInstance(argv)... */
  desk: DeskController;
  /** Main → renderer messages, checked against the contract's event schemas. */
  events: EventSender;
  /** Call history (history.jsonl), built from the phone's reports. */
  history: HistoryStore;
  contacts: ContactsStore;
  /** The company directory policy names (directory.url), downloaded and kept by main. */
  directory: DirectoryService;
  /** The administrator's policy as loaded at start. */
  policy: Policy;
  /** PBX certificate rules (admin CA, accepted certificates) for the Electron verify proc. */
  certificates: CertificateTrust;
  /** Links the page asks to open in the browser (checked, gesture required, confirmed). */
  links: ExternalLinks;
  /** Installs a downloaded update only between calls. */
  updates: UpdateGate;
  /** Whether updates run and which channel, as policy says. */
  updatePolicy: () => UpdatePolicy;
  /** The origins the router accepts (also used by the window's permission rules). */
  allowedOrigins: string[];
}
