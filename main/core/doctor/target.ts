import { webSocketUrlProblem } from '../../../contract/account';

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
