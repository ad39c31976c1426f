import { t } from '../i18n/i18n.svelte';
import type { DoctorStep } from '../../../contract/doctor';
import type { EngineConfig } from '../sip/types';
import { gatherCandidates, ICE_CHECK_CAP_MS, iceVerdict, micCheck } from './media-checks';
import { echoCheck } from './echo-check';
import { registerCheck, type SipTrace } from './register-check';

// The whole check in order: main's network steps first (one IPC call), then
// the sign-in, ICE and the microphone here in the renderer. Each finished
// step is handed to `onStep` at once, so the list fills in as it runs.

export interface DoctorDeps {
  network: (wsUrl: string) => Promise<{ steps: DoctorStep[] }>;
  register: (config: EngineConfig) => Promise<DoctorStep>;
  ice: (config: EngineConfig) => Promise<DoctorStep>;
  microphone: () => Promise<DoctorStep>;
  /** The echo test call; absent when the user named no echo-test number. */
  echo?: (config: EngineConfig) => Promise<DoctorStep>;
}

export function browserDoctorDeps(options: {
  trace: SipTrace;
  microphoneId: () => string;
  onLevel: (level: number) => void;
  echoNumber?: string;
}): DoctorDeps {
  const echoNumber = options.echoNumber?.trim();
  return {
    ...(echoNumber ? { echo: (config: EngineConfig) => echoCheck(config, echoNumber, options.trace) } : {}),
    network: (wsUrl) => window.deskphone.invoke('doctor:network', { wsUrl }),
    register: (config) => registerCheck(config, options.trace),
    ice: async (config) => {
      const policy = config.iceTransportPolicy ?? 'all';
      const gathered = await gatherCandidates(config.iceServers, ICE_CHECK_CAP_MS, policy);
      return iceVerdict(config.iceServers, gathered, config.iceGatheringTimeoutMs, policy);
    },
    microphone: () => micCheck(options.microphoneId(), options.onLevel),
  };
}

// A function, so the words are in the language chosen when the doctor runs.
const echoSkipped = (): DoctorStep => ({
  id: 'echo',
  title: t('doctor.stepEcho'),
  status: 'skipped',
  message: t('doctor.echoNotConfigured'),
});

export async function runDoctor(
  config: EngineConfig,
  deps: DoctorDeps,
  onStep: (step: DoctorStep) => void,
): Promise<DoctorStep[]> {
  const steps: DoctorStep[] = [];
  const add = (step: DoctorStep): void => {
    steps.push(step);
    onStep(step);
  };

  const network = await deps.network(config.wsUrl).catch((error: unknown) => ({
    steps: [
      {
        id: 'dns' as const,
        title: t('doctor.stepDns'),
        status: 'fail' as const,
        message: t('doctor.dnsCouldNotRun', {
          reason: error instanceof Error ? error.message : String(error),
        }),
      },
    ],
  }));
  network.steps.forEach(add);

  const blocked = network.steps.find((step) => step.status === 'fail');
  if (blocked) {
    add({
      id: 'register',
      title: t('doctor.stepRegister'),
      status: 'skipped',
      message: t('doctor.notChecked', { step: blocked.title }),
    });
  } else {
    add(await deps.register(config));
  }
  // ICE and the microphone do not depend on the PBX connection: always run them.
  add(await deps.ice(config));
  add(await deps.microphone());
  const signIn = steps.find((step) => step.id === 'register');
  if (!deps.echo) add(echoSkipped());
  else if (signIn?.status !== 'pass') {
    add({
      id: 'echo',
      title: t('doctor.stepEcho'),
      status: 'skipped',
      message: t('doctor.notChecked', { step: signIn?.title ?? t('doctor.stepRegister') }),
    });
  } else add(await deps.echo(config));
  return steps;
}

// The text behind "Copy report": what a user pastes into a ticket. It names
// the account and server but never a password; any secret passed in is
// masked as well, in case an error message ever echoed one back.

export interface ReportContext {
  sipAddress: string;
  wsUrl: string;
  when: Date;
  /** Strings that must not appear (the password, TURN credentials). */
  secrets?: string[];
}

const LABEL: Record<DoctorStep['status'], string> = { pass: 'PASS', fail: 'FAIL', skipped: 'SKIPPED' };

export function formatReport(steps: DoctorStep[], context: ReportContext): string {
  const lines = [
    'DeskPhone connection doctor',
    `When: ${context.when.toISOString()}`,
    `Account: ${context.sipAddress}`,
    `WebSocket: ${context.wsUrl}`,
    '',
  ];
  for (const step of steps) {
    lines.push(`[${LABEL[step.status]}] ${step.title}`, `  ${step.message}`);
    if (step.detail) lines.push(`  Detail: ${step.detail}`);
    if (step.certificate) {
      const c = step.certificate;
      lines.push(
        `  Certificate: ${c.subject}`,
        `  Issued by: ${c.issuer}`,
        `  Valid until: ${c.validTo}`,
        `  SHA-256: ${c.fingerprint256}`,
      );
    }
  }
  return mask(lines.join('\n') + '\n', context.secrets ?? []);
}

function mask(text: string, secrets: string[]): string {
  let out = text;
  for (const secret of [...secrets].filter(Boolean).sort((a, b) => b.length - a.length)) {
    out = out.split(secret).join('[redacted]');
  }
  return out;
}

/** A one-line summary for the live region: "3 passed, 1 failed, 2 skipped". */
export function summary(steps: DoctorStep[]): string {
  const count = (status: DoctorStep['status']): number => steps.filter((s) => s.status === status).length;
  return `${count('pass')} passed, ${count('fail')} failed, ${count('skipped')} skipped`;
}
