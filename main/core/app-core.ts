import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { APP_ORIGIN } from '../../contract/ipc';
import { AccountService } from './account-service';
import { CertificateTrust } from './certificates/certificate-trust';
import { ExternalLinks } from './external-links';
import { UserFacingError } from './errors';
import { ruleForwardingToSelf } from '../../contract/forwarding';
import { sameServerUrl } from './web-rules';
import { PinStore } from './certificates/pin-store';
import { ContactsStore } from './contacts/contacts-store';
import { startDirectory } from './directory/channels';
import { DeskController } from './desk/desk-controller';
import { inertDesktopPorts } from './desk/ports';
import { EventSender } from './event-sender';
import { HistoryStore } from './history/history-store';
import { registerRecordingChannels } from './recording/register-recording';
import { registerMessageChannels } from './messages/channels';
import { IpcRouter } from './ipc-router';
import { NoticeBoard } from './notices';
import { applyPolicyAtStart, withLocks } from './policy/apply-at-start';
import { Policy } from './policy/policy';
import { loadPolicyFile } from './policy/policy-file';
import { provisionFromArgv } from './provisioning/provisioning';
import { SettingsStore } from './settings-store';
import { countryFromLocale } from './desk/default-country';
import { registerSupportChannels } from './support/channels';
import { CredentialVault } from './vault';
import { UpdateGate, type UpdatePolicy } from './updates/update-gate';
import type { AppCore, AppCorePorts } from './app-core-types';
import { probeWebSocket, type ProbeOptions } from './websocket-probe';
import { deskText } from './i18n/desk-text';
import { registerScreenPopChannels } from './screen-pop/channels';

// Composition of the Electron-free core: settings, vault, notices, the desk
// controller (tray, hotkeys, notifications, dial links) and every IPC
// handler, wired to the router. The Electron entry point and the e2e
// harness both build the app through this one function, so what the tests
// exercise is what ships.

export type { AppCore, AppCorePorts } from './app-core-types';

export async function createAppCore(ports: AppCorePorts): Promise<AppCore> {
  const { userDataDir, encryptor, platform, logger } = ports;
  const allowedOrigins = ports.allowedOrigins ?? [APP_ORIGIN];
  await mkdir(userDataDir, { recursive: true });

  const notices = new NoticeBoard();
  const settings = await SettingsStore.open(userDataDir, {
    logger,
    notices,
    defaultCountry: countryFromLocale(ports.localeCountry),
  });
  const policy = new Policy(await loadPolicyFile(ports.policyFile ?? null));
  policy.report(notices);
  const vault = await CredentialVault.open({
    dir: userDataDir,
    encryptor,
    platform,
    logger,
    notices,
    consent: {
      isGranted: () => settings.get().vaultConsent,
      setGranted: (allow) => settings.update({ vaultConsent: allow }),
    },
  });
  const account = new AccountService(settings, vault, notices, logger, policy);
  await applyPolicyAtStart({ settings, account, policy, logger });
  if (ports.argv) {
    await provisionFromArgv({
      argv: ports.argv,
      cwd: ports.cwd ?? process.cwd(),
      ...(ports.extraCa ? { extraCa: ports.extraCa } : {}),
      account,
      settings,
      policy,
      notices,
      logger,
    });
  }
  const history = await HistoryStore.open(userDataDir, { logger, notices });
  const contacts = await ContactsStore.open(userDataDir, { logger, notices });
  const router = new IpcRouter({ logger, allowedOrigins });
  const events = new EventSender(logger, ports.sendEvent ?? null);
  const desk = new DeskController({
    desktop: ports.desktop ?? inertDesktopPorts(),
    settings: {
      get: () => policy.applyDesk(settings.get().desk),
      // Refuses changes to locked desk settings; stores them at the policy's value.
      save: (next) =>
        settings.update({ desk: policy.checkDesk(policy.applyDesk(settings.get().desk), next) }),
    },
    sendCommand: (command) => events.send('phone:command', command),
    onChanged: (view) => events.send('desk:changed', withLocks(view, policy)),
    platform,
    logger,
    text: () => deskText(policy.applyDesk(settings.get().desk).appearance.language, ports.systemLocale),
  });

  const certificates = new CertificateTrust({
    pins: await PinStore.open(userDataDir, logger),
    wsUrl: () => settings.get().account?.wsUrl ?? null,
    // The administrator's CA bundle comes from policy (trust.caCertificates); a port can add more.
    adminCaPems: () => [
      ...((policy.value('trust.caCertificates') as string[] | undefined) ?? []),
      ...(ports.adminCaPems?.() ?? []),
    ],
    logger,
  });
  const links = new ExternalLinks({
    open: (url) => ports.desktop?.openExternal?.(url) ?? Promise.resolve(),
    confirm: ports.desktop?.confirm,
    allowedHosts: () => (policy.value('links.allowedHosts') as string[] | undefined) ?? [],
    logger,
  });
  const updates = new UpdateGate({ latestReport: () => desk.latestReport(), logger });
  const updatePolicy = (): UpdatePolicy => ({
    enabled: policy.value<boolean>('updates.enabled'),
    channel: policy.value<UpdatePolicy['channel']>('updates.channel'),
  });

  router.register('settings:get', () => account.view());
  router.register('settings:save', (request) => account.save(request));
  router.register('credentials:get', () => account.credentials());
  router.register('credentials:digest', ({ realm }) => account.digestKey(realm));
  router.register('vault:status', () => vault.status());
  router.register('vault:consent', ({ allow }) => vault.setConsent(allow));
  // Shared by the connection check and the doctor, so both judge the same way.
  const probeOptions = (): ProbeOptions => {
    const options: ProbeOptions = {
      // The check judges a refused certificate the way the phone's connection will.
      trust: (host, chain) => certificates.decideForProbe(host, chain),
    };
    if (ports.probeTimeoutMs !== undefined) options.timeoutMs = ports.probeTimeoutMs;
    if (ports.extraCa) options.extraCa = ports.extraCa;
    return options;
  };
  router.register('connection:probe', async ({ wsUrl }) => {
    const result = await probeWebSocket(configuredUrl(wsUrl), probeOptions());
    if (!result.certificate) return result;
    const probeId = certificates.sighted(new URL(wsUrl).hostname, result.certificate.fingerprint256);
    return { ...result, certificate: { ...result.certificate, ...(probeId ? { probeId } : {}) } };
  });
  router.register('cert:pins', () => certificates.view());
  router.register('cert:pin', ({ probeId }) => certificates.pinSighted(probeId, ports.desktop?.confirm));
  router.register('cert:unpin', ({ host }) => certificates.unpin(host));
  router.register('notices:dismiss', ({ id }) => ({ dismissed: notices.dismiss(id) }));
  router.register('phone:report', (report) => {
    desk.report(report);
    // A downloaded update waits for the calls to end; this may be the report that says so.
    updates.phoneReported();
    // Not awaited: the journal write (with fsync) must not hold up the phone.
    void history.report(report);
    return { accepted: true };
  });
  router.register('desk:get', () => withLocks(desk.view(), policy));
  router.register('desk:save', async (next) => {
    // The form says so at once; main, the authority, refuses a rule that would call itself.
    if (ruleForwardingToSelf(next.forwarding, settings.get().account?.sipAddress)) {
      throw new UserFacingError(
        'Calls cannot be forwarded to your own number: they would go round in a circle.',
      );
    }
    return withLocks(await desk.save(next), policy);
  });
  router.register('policy:get', () => policy.view());
  router.register('history:list', (request) => history.list(request));
  router.register('history:mark-seen', async () => ({ missed: await history.markSeen() }));
  router.register('history:clear', async () => ({ cleared: await history.clear() }));
  router.register('contacts:list', ({ query }) => ({ contacts: contacts.list(query) }));
  router.register('contacts:save', (request) => contacts.save(request));
  router.register('contacts:delete', async ({ id }) => ({ deleted: await contacts.delete(id) }));
  registerScreenPopChannels(router, { desk: () => desk.view().settings, policy, history, links, logger });
  history.onChange((missed) => {
    desk.setCount('missedCalls', missed);
    events.send('history:changed', { missed });
  });
  desk.setCount('missedCalls', history.missedCount());

  // The connection doctor's network steps and the support bundle (main/core/doctor, support).
  /** The probes reach only the saved account's server: a renderer cannot aim main at other hosts. */
  function configuredUrl(wsUrl: string): string {
    const saved = settings.get().account?.wsUrl;
    if (!saved || !sameServerUrl(saved, wsUrl)) {
      throw new UserFacingError('DeskPhone only checks the phone server of the saved account.');
    }
    return wsUrl;
  }

  registerSupportChannels(router, {
    checkUrl: configuredUrl,
    doctor: () => {
      const { trust, ...rest } = probeOptions();
      return {
        ...rest,
        ...(trust ? { trust } : {}),
        probe: (wsUrl: string) => probeWebSocket(wsUrl, probeOptions()),
      };
    },
    bundle: {
      logsDir: ports.supportExport?.logsDir ?? join(userDataDir, 'logs'),
      ...(ports.supportExport ? { chooseTarget: ports.supportExport.chooseTarget } : {}),
      settings: () => settings.get(),
      historySummary: () => ({ calls: history.list({}).total, missedUnseen: history.missedCount() }),
      versions: () => ({
        app: ports.supportExport?.appVersion ?? 'unknown',
        electron: ports.supportExport?.electronVersion,
      }),
      ...('redact' in logger && typeof logger.redact === 'function'
        ? { redactKnown: (text: string) => (logger as { redact(t: string): string }).redact(text) }
        : {}),
      logger,
    },
  });

  registerRecordingChannels(router, {
    settings: () => policy.applyDesk(settings.get().desk).recording,
    ...(ports.recordingsFolder ? { folder: ports.recordingsFolder } : {}),
    userDataDir,
    history,
    logger,
    ...(ports.desktop?.revealFile ? { reveal: ports.desktop.revealFile } : {}),
  });

  const directory = await startDirectory({ router, events, policy, notices, logger, userDataDir });
  await registerMessageChannels(router, {
    userDataDir,
    logger,
    notices,
    events,
    onUnread: (count) => desk.setCount('unreadMessages', count),
    ...(ports.desktop ? { notifications: ports.desktop.notifications, window: ports.desktop.window } : {}),
  });

  const missing = router.missingChannels();
  if (missing.length > 0) throw new Error(`IPC channels without a handler: ${missing.join(', ')}`);

  desk.start();
  logger.info('App core ready', { platform, vaultBackend: encryptor.backend() });
  return {
    router,
    settings,
    vault,
    notices,
    account,
    desk,
    events,
    history,
    contacts,
    directory,
    policy,
    certificates,
    links,
    updates,
    updatePolicy,
    allowedOrigins,
  };
}
