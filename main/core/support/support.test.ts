import { existsSync, readFileSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { createMemoryLogger, fileSink, RedactingLogger, rotatingAppender } from '../logger';
import { tempDir } from '../test-helpers';
import { redactText, redactValue } from '../redact';
import { exportSupportBundle, type SupportBundlePorts } from './bundle';

const PASSWORD = 'Secr3t-Pa55!';

const REGISTER = [
  'REGISTER sip:pbx.example.com SIP/2.0',
  'Via: SIP/2.0/WSS abc.invalid;branch=z9hG4bK1',
  'Authorization: Digest username="1001", realm="asterisk", nonce="abc", response="0123456789abcdef"',
  'Proxy-Authorization: Digest username="1001", response="fedcba"',
  'Content-Length: 0',
].join('\r\n');

describe('redactText', () => {
  it('masks Authorization and Proxy-Authorization values, keeping the header names', () => {
    const out = redactText(REGISTER);
    expect(out).toContain('Authorization: [redacted]');
    expect(out).toContain('Proxy-Authorization: [redacted]');
    expect(out).not.toContain('0123456789abcdef');
    expect(out).not.toContain('fedcba');
    expect(out).toContain('Via: SIP/2.0/WSS');
  });

  it('masks Authorization inside JSON-escaped SIP text', () => {
    const out = redactText(JSON.stringify({ message: REGISTER }));
    expect(out).not.toContain('0123456789abcdef');
    expect(out).toContain('Content-Length');
  });

  it('masks password-like JSON fields and key=value pairs', () => {
    const text = `{"password":"${PASSWORD}","turnCredential":"x\\"y","user":"1001"} pass: password=${PASSWORD}&a=1`;
    const out = redactText(text);
    expect(out).not.toContain(PASSWORD);
    expect(out).not.toContain('x\\"y');
    expect(out).toContain('"user":"1001"');
    expect(out).toContain('a=1');
  });

  it('applies the logger’s known secrets', () => {
    const logger = new RedactingLogger([]);
    logger.addSecret(PASSWORD);
    expect(redactText(`oops ${PASSWORD}`, (t) => logger.redact(t))).toBe('oops [redacted]');
  });

  it('deep-redacts values by key', () => {
    expect(redactValue({ a: [{ authorizationPassword: 'p', ok: 1 }], credential: null })).toEqual({
      a: [{ authorizationPassword: '[redacted]', ok: 1 }],
      credential: null,
    });
  });
});

describe('log rotation', () => {
  it('keeps at most maxFiles files of about maxBytes each', async () => {
    const dir = await tempDir();
    const file = join(dir, 'main.log');
    const append = rotatingAppender(file, { maxBytes: 100, maxFiles: 3 });
    for (let i = 0; i < 20; i++) append(`${String(i).padStart(2, '0')} ${'x'.repeat(40)}\n`);
    expect(existsSync(`${file}.1`)).toBe(true);
    expect(existsSync(`${file}.2`)).toBe(true);
    expect(existsSync(`${file}.3`)).toBe(false);
    expect(readFileSync(file, 'utf8').length).toBeLessThanOrEqual(100);
    expect(readFileSync(file, 'utf8')).toContain('19 ');
  });

  it('is what the file logger writes through', async () => {
    const dir = await tempDir();
    const sink = fileSink(join(dir, 'logs', 'main.log'), { maxBytes: 50, maxFiles: 2 });
    sink('a'.repeat(40), 'info');
    sink('b'.repeat(40), 'info');
    expect(readFileSync(join(dir, 'logs', 'main.log.1'), 'utf8')).toContain('aaaa');
  });
});

describe('exportSupportBundle', () => {
  async function setup(): Promise<{ ports: SupportBundlePorts; target: string }> {
    const dir = await tempDir();
    const logsDir = join(dir, 'logs');
    await mkdir(logsDir);
    // A log line written before the secret was registered, and an old rotated file.
    await writeFile(join(logsDir, 'main.log'), `INFO saved {"password":"${PASSWORD}"}\nINFO ok\n`);
    await writeFile(join(logsDir, 'main.log.1'), `INFO older ${PASSWORD}\n`);
    const logger = createMemoryLogger();
    logger.addSecret(PASSWORD);
    const target = join(dir, 'bundle.zip');
    return {
      target,
      ports: {
        logsDir,
        chooseTarget: () => Promise.resolve(target),
        settings: () => ({ account: { sipAddress: '1001@pbx', wsUrl: 'wss://pbx/ws' }, password: PASSWORD }),
        historySummary: () => ({ calls: 7, missedUnseen: 2 }),
        versions: () => ({ app: '0.1.0', electron: '45.0.0' }),
        redactKnown: (text) => logger.redact(text),
        logger,
        now: () => new Date('2026-01-02T03:04:05Z'),
      },
    };
  }

  it('writes one zip with logs, trace, stats, devices, versions, settings and history', async () => {
    const { ports, target } = await setup();
    const result = await exportSupportBundle(
      {
        sipTrace: [REGISTER, `SIP/2.0 200 OK\r\nX-Debug: password=${PASSWORD}`],
        stats: [{ type: 'inbound-rtp', jitter: 0.01 }],
        devices: [{ kind: 'audioinput', label: 'Headset' }],
        doctorReport: 'Connection doctor\n[pass] Server name',
      },
      ports,
    );
    expect(result).toMatchObject({ saved: true, path: target });
    const files = unzipSync(new Uint8Array(await readFile(target)));
    expect(Object.keys(files).sort()).toEqual(
      [
        'README.txt',
        'devices.json',
        'doctor-report.txt',
        'history.json',
        'logs/main.log',
        'logs/main.log.1',
        'settings.json',
        'sip-trace.txt',
        'system.json',
        'webrtc-stats.json',
      ].sort(),
    );
    expect(result.files.sort()).toEqual(Object.keys(files).sort());
    const text = (name: string): string => strFromU8(files[name]!);
    for (const name of Object.keys(files)) {
      expect(text(name), name).not.toContain(PASSWORD);
      expect(text(name), name).not.toContain('0123456789abcdef');
    }
    expect(text('sip-trace.txt')).toContain('Authorization: [redacted]');
    expect(JSON.parse(text('history.json'))).toEqual({ calls: 7, missedUnseen: 2 });
    expect(JSON.parse(text('system.json'))).toMatchObject({ app: '0.1.0', electron: '45.0.0' });
    expect(JSON.parse(text('system.json')).os.platform).toBe(process.platform);
    expect(JSON.parse(text('settings.json')).account.sipAddress).toBe('1001@pbx');
    expect(text('logs/main.log')).toContain('INFO ok');
  });

  it('writes nothing when the user cancels the save dialog', async () => {
    const { ports, target } = await setup();
    const result = await exportSupportBundle({}, { ...ports, chooseTarget: () => Promise.resolve(null) });
    expect(result).toEqual({ saved: false, path: null, files: [] });
    expect(existsSync(target)).toBe(false);
  });

  it('works without a logs folder and without renderer data', async () => {
    const { ports } = await setup();
    const result = await exportSupportBundle({}, { ...ports, logsDir: '/nonexistent/deskphone-logs' });
    expect(result.files.sort()).toEqual(['README.txt', 'history.json', 'settings.json', 'system.json']);
  });
});
