import { describe, expect, it } from 'vitest';
import type { DoctorStep } from '../../../contract/doctor';
import type { EngineConfig } from '../sip/types';
import { iceVerdict, rms } from './media-checks';
import { SipTrace } from './register-check';
import { formatReport, runDoctor, summary, type DoctorDeps } from './run-doctor';

const PASSWORD = 'Very-Secret-9';
const config: EngineConfig = {
  displayName: 'Desk',
  sipAddress: '1001@pbx.example.com',
  digestKey: async () => 'ha1',
  wsUrl: 'wss://pbx.example.com:8089/ws',
  iceServers: [{ urls: 'stun:stun.example.com:3478' }],
  iceGatheringTimeoutMs: 800,
};
const step = (id: DoctorStep['id'], status: DoctorStep['status'], message = 'ok'): DoctorStep => ({
  id,
  title: id,
  status,
  message,
});

function deps(network: DoctorStep[]): DoctorDeps & { calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    network: () => Promise.resolve({ steps: network }),
    register: () => (calls.push('register'), Promise.resolve(step('register', 'pass'))),
    ice: () => (calls.push('ice'), Promise.resolve(step('ice', 'pass'))),
    microphone: () => (calls.push('mic'), Promise.resolve(step('microphone', 'pass'))),
  };
}

describe('runDoctor', () => {
  it('runs every step in order and reports each as it finishes', async () => {
    const seen: string[] = [];
    const d = deps([
      step('dns', 'pass'),
      step('tcp', 'pass'),
      step('tls', 'pass'),
      step('websocket', 'pass'),
    ]);
    const steps = await runDoctor(config, d, (s) => seen.push(s.id));
    expect(seen).toEqual(['dns', 'tcp', 'tls', 'websocket', 'register', 'ice', 'microphone', 'echo']);
    expect(steps.at(-1)).toMatchObject({
      status: 'skipped',
      message: expect.stringContaining('Not configured'),
    });
  });

  it('places the echo test call only when a number is named and the sign-in passed', async () => {
    const ok = [step('dns', 'pass'), step('tcp', 'pass'), step('tls', 'pass'), step('websocket', 'pass')];
    const withEcho = { ...deps(ok), echo: () => Promise.resolve(step('echo', 'fail', 'no rtcp-mux')) };
    expect((await runDoctor(config, withEcho, () => undefined)).at(-1)).toMatchObject({
      status: 'fail',
      message: 'no rtcp-mux',
    });
    const refused = {
      ...withEcho,
      register: () => Promise.resolve({ ...step('register', 'fail'), title: 'Sign-in' }),
    };
    expect((await runDoctor(config, refused, () => undefined)).at(-1)).toMatchObject({
      id: 'echo',
      status: 'skipped',
      message: 'Not checked, because the step "Sign-in" failed.',
    });
  });

  it('skips the sign-in after a network failure, but still checks ICE and the microphone', async () => {
    const d = deps([
      step('dns', 'fail'),
      step('tcp', 'skipped'),
      step('tls', 'skipped'),
      step('websocket', 'skipped'),
    ]);
    const steps = await runDoctor(config, d, () => undefined);
    expect(d.calls).toEqual(['ice', 'mic']);
    expect(steps.find((s) => s.id === 'register')).toMatchObject({
      status: 'skipped',
      message: expect.stringContaining('"dns" failed'),
    });
  });
});

describe('iceVerdict', () => {
  const counts = { host: 1, srflx: 0, relay: 0, loopback: 1 };
  it('says a silent STUN server does not slow calls, and names the cap', () => {
    const verdict = iceVerdict(config.iceServers, { counts, complete: false, elapsedMs: 3000 }, 800);
    expect(verdict.status).toBe('fail');
    expect(verdict.message).toContain('stun:stun.example.com:3478');
    expect(verdict.message).toContain('Calls still start quickly');
    expect(verdict.message).toContain('800 ms');
    expect(verdict.message).toContain('only its loopback address');
  });

  it('passes when STUN answers and reports a missing TURN relay', () => {
    expect(
      iceVerdict(config.iceServers, { counts: { ...counts, srflx: 1 }, complete: true, elapsedMs: 40 }, 800)
        .status,
    ).toBe('pass');
    const turn = [{ urls: 'turn:turn.example.com', username: 'u', credential: 'c' }];
    const verdict = iceVerdict(turn, { counts, complete: true, elapsedMs: 40 }, 800);
    expect(verdict).toMatchObject({ status: 'fail', message: expect.stringContaining('no relay address') });
  });

  it('judges a relay-only account by its relay candidates alone', () => {
    const servers = [
      { urls: 'stun:stun.example.com:3478' },
      { urls: 'turn:turn.example.com:3478', username: 'u', credential: 'c' },
    ];
    const none = { host: 0, srflx: 0, relay: 0, loopback: 0 };
    const failed = iceVerdict(servers, { counts: none, complete: true, elapsedMs: 30 }, 800, 'relay');
    expect(failed.status).toBe('fail');
    expect(failed.message).toMatch(
      /^This account sends all call audio through the TURN server \(TURN only\)/,
    );
    expect(failed.message).toContain('turn:turn.example.com:3478 gave no relay address');
    // Host and STUN candidates are not gathered when relay-only: not blamed.
    expect(failed.message).not.toContain('stun:');
    expect(failed.message).not.toContain('no local addresses');
    expect(failed.detail).toMatch(/^relay only; /);
    const passed = iceVerdict(
      servers,
      { counts: { ...none, relay: 1 }, complete: true, elapsedMs: 30 },
      800,
      'relay',
    );
    expect(passed).toMatchObject({ status: 'pass', message: expect.stringContaining('(TURN only)') });
  });

  it('explains what no ICE server means', () => {
    const verdict = iceVerdict([], { counts: { ...counts, loopback: 0 }, complete: true, elapsedMs: 5 }, 800);
    expect(verdict).toMatchObject({ status: 'pass', message: expect.stringContaining('No STUN or TURN') });
  });
});

describe('formatReport', () => {
  it('lists every step with status, detail and certificate, and no password', () => {
    const steps: DoctorStep[] = [
      {
        ...step('tls', 'fail', 'self-signed'),
        detail: 'DEPTH_ZERO_SELF_SIGNED_CERT',
        certificate: { subject: 'CN=pbx', issuer: 'CN=pbx', validTo: 'Jan 1 2030', fingerprint256: 'AA:BB' },
      },
      step('register', 'fail', `server said ${PASSWORD} is wrong`),
    ];
    const text = formatReport(steps, {
      sipAddress: config.sipAddress,
      wsUrl: config.wsUrl,
      when: new Date(0),
      secrets: [PASSWORD],
    });
    expect(text).toContain('[FAIL] tls');
    expect(text).toContain('Certificate: CN=pbx');
    expect(text).toContain('Detail: DEPTH_ZERO_SELF_SIGNED_CERT');
    expect(text).toContain('Account: 1001@pbx.example.com');
    expect(text).not.toContain(PASSWORD);
    expect(summary(steps)).toBe('0 passed, 2 failed, 0 skipped');
  });
});

describe('helpers', () => {
  it('keeps only the last N SIP messages from the transport', () => {
    const trace = new SipTrace(2);
    trace.connector('log', 'sip.Transport', undefined, 'Sending WebSocket message:\n\nREGISTER a');
    trace.connector('log', 'sip.Registerer', undefined, 'Sending WebSocket message:\n\nignored');
    trace.connector('log', 'sip.Transport', undefined, 'Received WebSocket text message:\n\n401 b');
    trace.connector('log', 'sip.Transport', undefined, 'Connecting wss://x');
    trace.connector('log', 'sip.Transport', undefined, 'Sending WebSocket message:\n\nREGISTER c');
    expect(trace.snapshot().map((line) => line.slice(25))).toEqual([
      'Received WebSocket text message:\n\n401 b',
      'Sending WebSocket message:\n\nREGISTER c',
    ]);
  });

  it('keeps at most its character budget, dropping the oldest messages (always the newest one)', () => {
    const trace = new SipTrace(200, 100);
    for (const n of [1, 2, 3]) trace.add(`${n}`.repeat(40));
    expect(trace.snapshot()).toEqual(['2'.repeat(40), '3'.repeat(40)]);
    trace.add('x'.repeat(500));
    expect(trace.snapshot()).toEqual(['x'.repeat(500)]);
  });

  it('measures the RMS level', () => {
    expect(rms(new Float32Array([0, 0]))).toBe(0);
    expect(rms(new Float32Array([0.5, -0.5]))).toBeCloseTo(0.5);
  });
});
