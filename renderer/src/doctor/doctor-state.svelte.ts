import type { DoctorStep, SupportExportResult } from '../../../contract/doctor';
import { t } from '../i18n/i18n.svelte';
import type { DeskState } from '../state/desk.svelte';
import { engineConfigFrom } from '../state/phone.svelte';
import type { SettingsState } from '../state/settings.svelte';
import { doctorSipTrace } from './register-check';
import { browserDoctorDeps, formatReport, runDoctor } from './run-doctor';

// The doctor's UI state, one instance per window, so the Settings tab and the
// window opened from the tray show the same run.

export class DoctorState {
  steps = $state<DoctorStep[]>([]);
  running = $state(false);
  /** Live microphone level (0–1) while the microphone step listens. */
  level = $state(0);
  /** For the live region: what just finished, or the final summary. */
  announcement = $state('');
  /** Why the doctor could not start, or the outcome of Copy/Save. */
  message = $state<string | null>(null);
  report = $state('');
  /** The number the echo test calls (not saved: an extension that plays back what it hears). */
  echoNumber = $state('');
  /** Bumped to ask the doctor window to open (the tray, or the offline banner). */
  dialogRequests = $state(0);

  openDialog(): void {
    this.dialogRequests++;
  }

  async run(settings: SettingsState, desk: DeskState): Promise<void> {
    if (this.running) return;
    const view = settings.view;
    if (!view?.account) {
      this.message = t('doctor.needsAccount');
      return;
    }
    this.running = true;
    this.steps = [];
    this.message = null;
    this.report = '';
    this.announcement = t('doctor.started');
    try {
      const credentials = await settings.credentials();
      const config = engineConfigFrom(view, credentials);
      if (!config)
        throw new Error('no password is saved for this account. Enter it under Settings → Account.');
      const deps = browserDoctorDeps({
        trace: doctorSipTrace,
        microphoneId: () => desk.view?.settings.audio.microphoneId ?? '',
        onLevel: (level) => (this.level = level),
        echoNumber: this.echoNumber,
      });
      const steps = await runDoctor(config, deps, (step) => {
        this.steps = [...this.steps, step];
        this.announcement = t('doctor.stepDone', { title: step.title, status: step.status });
      });
      const secrets = credentials.iceCredentials.map((c) => c ?? '');
      this.report = formatReport(steps, {
        sipAddress: config.sipAddress,
        wsUrl: config.wsUrl,
        // A timestamp printed once into the text, not reactive state.
        // eslint-disable-next-line svelte/prefer-svelte-reactivity
        when: new Date(),
        secrets,
      });
      const count = (status: DoctorStep['status']): number => steps.filter((s) => s.status === status).length;
      this.announcement = t('doctor.finished', {
        passed: count('pass'),
        failed: count('fail'),
        skipped: count('skipped'),
      });
    } catch (error) {
      this.message = t('doctor.stopped', { reason: error instanceof Error ? error.message : String(error) });
      this.announcement = this.message;
    } finally {
      this.running = false;
      this.level = 0;
    }
  }

  async copyReport(): Promise<void> {
    try {
      await navigator.clipboard.writeText(this.report);
      this.message = t('doctor.copied');
    } catch {
      this.message = t('doctor.copyFailed');
    }
  }

  /** The phone's getStats snapshots of the calls in progress (set by the app at start). */
  statsSource?: () => Promise<unknown[]>;

  /** Saves one zip for support; main asks where and removes every secret. */
  async exportBundle(): Promise<SupportExportResult | null> {
    try {
      const devices = await navigator.mediaDevices
        .enumerateDevices()
        .then((list) => list.map(({ kind, label }) => ({ kind, label })))
        .catch(() => []);
      const stats = (await this.statsSource?.().catch(() => [])) ?? [];
      const result = await window.deskphone.invoke('support:export', {
        sipTrace: doctorSipTrace.snapshot().slice(-MAX_EXPORTED_TRACE),
        stats: stats.slice(0, 50),
        devices,
        ...(this.report ? { doctorReport: this.report } : {}),
      });
      this.message = result.saved
        ? t('doctor.bundleSaved', { path: result.path, files: result.files.length })
        : t('doctor.bundleNotSaved');
      return result;
    } catch (error) {
      this.message = t('doctor.bundleFailed', {
        reason: error instanceof Error ? error.message : String(error),
      });
      return null;
    }
  }
}

export const doctor = new DoctorState();

/** The contract caps the trace; keep the newest lines. */
const MAX_EXPORTED_TRACE = 500;
