import type { DoctorStep, DoctorNetworkResult } from '../../../contract/doctor';
import { dnsStep, STEP_TITLES, tcpStep, tlsStep, webSocketStep, type StepOptions } from './network-steps';
import { webSocketUrlProblem } from '../../../contract/account';

// Runs the network steps in the order a connection is built: name, TCP, TLS,
// WebSocket. Each step needs the one before, so after a failure the rest are
// shown as skipped with the reason, instead of piling up follow-on errors
// that would hide the real cause.

export const DEFAULT_DOCTOR_STEP_TIMEOUT_MS = 4000;

export interface NetworkDoctorOptions {
  /** Time limit for each step; default 4000 ms. */
  timeoutMs?: number;
  extraCa?: string[];
  trust?: StepOptions['trust'];
  probe?: StepOptions['probe'];
}

type NetworkStepId = keyof typeof STEP_TITLES;
const ORDER: NetworkStepId[] = ['dns', 'tcp', 'tls', 'websocket'];

export async function runNetworkDoctor(
  wsUrl: string,
  options: NetworkDoctorOptions = {},
): Promise<DoctorNetworkResult> {
  const target = parseDoctorTarget(wsUrl);
  if ('problem' in target) {
    const [first, ...rest] = ORDER;
    return {
      steps: [
        {
          id: first!,
          title: STEP_TITLES[first!],
          status: 'fail',
          message: target.problem,
          detail: 'invalid URL',
        },
        ...rest.map((id) => skipped(id, 'The WebSocket address is not valid, so it could not be checked.')),
      ],
    };
  }
  const opts: StepOptions = {
    timeoutMs: options.timeoutMs ?? DEFAULT_DOCTOR_STEP_TIMEOUT_MS,
    ...(options.extraCa ? { extraCa: options.extraCa } : {}),
    ...(options.trust ? { trust: options.trust } : {}),
    ...(options.probe ? { probe: options.probe } : {}),
  };
  const run: Record<NetworkStepId, () => Promise<DoctorStep>> = {
    dns: () => dnsStep(target, opts),
    tcp: () => tcpStep(target, opts),
    tls: () => tlsStep(target, opts),
    websocket: () => webSocketStep(target, opts),
  };

  const steps: DoctorStep[] = [];
  let blockedBy: DoctorStep | null = null;
  for (const id of ORDER) {
    if (blockedBy) {
      steps.push(skipped(id, `Not checked, because the step "${blockedBy.title}" failed.`));
      continue;
    }
    const step = await run[id]();
    steps.push(step);
    if (step.status === 'fail') blockedBy = step;
  }
  return { steps };
}

function skipped(id: NetworkStepId, message: string): DoctorStep {
  return { id, title: STEP_TITLES[id], status: 'skipped', message };
}

// The doctor checks the same host and port the phone will use; this parses
// them once from the WebSocket URL so every step agrees on what it tests.

export interface DoctorTarget {
  wsUrl: string;
  secure: boolean;
  /** Host name or address, without IPv6 brackets. */
  host: string;
  port: number;
  /** host:port as the user would write it. */
  display: string;
  path: string;
}

/** The target, or a plain-language reason the URL cannot be checked. */
export function parseDoctorTarget(raw: string): DoctorTarget | { problem: string } {
  // ws:// is allowed here: checking it sends nothing secret, and the doctor
  // should explain a plain URL rather than refuse to look at it.
  const problem = webSocketUrlProblem(raw, true);
  if (problem) return { problem };
  const url = new URL(raw.trim());
  const secure = url.protocol === 'wss:';
  const port = url.port ? Number(url.port) : secure ? 443 : 80;
  const host = url.hostname.replace(/^\[|\]$/g, '');
  return {
    wsUrl: raw.trim(),
    secure,
    host,
    port,
    display: url.port ? url.host : `${url.host}:${port}`,
    path: url.pathname,
  };
}
