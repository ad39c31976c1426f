import { execFileSync } from 'node:child_process';
import { access, readFile, readdir, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { emptyAccount } from '../../../contract/account';
import { TestEncryptor } from '../../../e2e/fixtures/test-encryptor';
import { createAppCore } from '../app-core';
import { createMemoryLogger } from '../logger';
import { tempDir } from '../test-helpers';
import { SIP_PASSWORD_KEY } from '../vault';
import { provisionSourceFromArgv } from './provision-source';

const PASSWORD = 'Prov1sioned-Secret-7e';
const ACCOUNT = {
  displayName: 'Alice',
  sipAddress: 'alice@pbx.corp.example',
  wsUrl: 'wss://pbx.corp.example:8089/ws',
};

async function start(dir: string, argv: string[], extra: { extraCa?: string[]; policyFile?: string } = {}) {
  const logger = createMemoryLogger();
  const app = await createAppCore({
    userDataDir: join(dir, 'profile'),
    encryptor: new TestEncryptor(),
    platform: 'linux',
    logger,
    argv: ['deskphone', ...argv],
    cwd: dir,
    ...extra,
  });
  return { app, logger };
}

async function provisioningFile(dir: string, body: unknown): Promise<string> {
  const path = join(dir, 'provision.json');
  await writeFile(path, JSON.stringify(body));
  return path;
}

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
});

/** A local https server with a certificate made by openssl for this test only. */
async function httpsServer(dir: string, body: string): Promise<{ url: string; cert: string }> {
  const key = join(dir, 'key.pem');
  const certPath = join(dir, 'cert.pem');
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-keyout',
      key,
      '-out',
      certPath,
      '-days',
      '1',
      '-subj',
      '/CN=127.0.0.1',
      '-addext',
      'subjectAltName=IP:127.0.0.1',
    ],
    { stdio: 'ignore' },
  );
  const cert = await readFile(certPath, 'utf8');
  const server = createServer({ key: await readFile(key), cert }, (req, res) => {
    res.writeHead(req.url === '/p.json' ? 200 : 404).end(req.url === '/p.json' ? body : 'nope');
  });
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `https://127.0.0.1:${(server.address() as AddressInfo).port}/p.json`, cert };
}

describe('provisionSourceFromArgv', () => {
  it('reads --provision=<path>, --provision <url>, and refuses http://', () => {
    expect(provisionSourceFromArgv(['x', '--provision=p.json'], '/home/a')).toEqual({
      kind: 'file',
      path: '/home/a/p.json',
    });
    expect(provisionSourceFromArgv(['x', '--provision', 'https://h/p'], '/')).toEqual({
      kind: 'url',
      url: 'https://h/p',
    });
    expect(provisionSourceFromArgv(['x'], '/')).toBeNull();
    expect(() => provisionSourceFromArgv(['--provision=http://h/p'], '/')).toThrow(/unencrypted/);
  });
});

describe('provisioning at start', () => {
  it('imports account and password from a file; the password only reaches the vault; file deleted', async () => {
    const dir = await tempDir();
    const path = await provisioningFile(dir, {
      version: 1,
      account: ACCOUNT,
      password: PASSWORD,
      desk: { autoAnswer: 'idle', clickToDial: { defaultCountry: 'GB' } },
      deleteAfterImport: true,
    });
    const { app, logger } = await start(dir, [`--provision=${path}`]);
    expect(app.account.view().account).toMatchObject(ACCOUNT);
    expect(app.vault.get(SIP_PASSWORD_KEY)).toBe(PASSWORD);
    expect(app.settings.get().desk.autoAnswer).toBe('idle');
    expect(app.settings.get().desk.clickToDial).toEqual({ defaultCountry: 'GB', confirmFirst: true });
    await expect(access(path)).rejects.toThrow();
    expect(logger.lines.join('\n')).toContain('Deleted the provisioning file');

    const profile = join(dir, 'profile');
    for (const name of await readdir(profile, { recursive: true })) {
      const text = await readFile(join(profile, name)).catch(() => Buffer.alloc(0));
      expect(text.includes(Buffer.from(PASSWORD)), name).toBe(false);
    }
    expect(logger.lines.join('\n')).not.toContain(PASSWORD);
    expect(JSON.stringify(app.account.view())).not.toContain(PASSWORD);
  });

  it('is not applied again when an account exists (unless force), and keeps the file', async () => {
    const dir = await tempDir();
    const first = await start(dir, []);
    await first.app.account.save({
      account: { ...emptyAccount(), ...ACCOUNT, sipAddress: 'bob@pbx.corp.example' },
      password: 'own',
    });
    const path = await provisioningFile(dir, {
      version: 1,
      account: ACCOUNT,
      password: PASSWORD,
      deleteAfterImport: true,
    });
    const again = await start(dir, [`--provision=${path}`]);
    expect(again.app.account.view().account?.sipAddress).toBe('bob@pbx.corp.example');
    await expect(access(path)).resolves.toBeUndefined();

    await provisioningFile(dir, { version: 1, account: ACCOUNT, password: PASSWORD, force: true });
    const forced = await start(dir, [`--provision=${path}`]);
    expect(forced.app.account.view().account?.sipAddress).toBe('alice@pbx.corp.example');
  });

  it('downloads over https, trusting only the CA handed in through the port', async () => {
    const dir = await tempDir();
    const body = JSON.stringify({ version: 1, account: ACCOUNT, password: PASSWORD });
    const { url, cert } = await httpsServer(dir, body);

    const untrusted = await start(join(dir, 'a'), [`--provision=${url}`]);
    expect(untrusted.app.account.view().account).toBeNull();
    expect(untrusted.app.notices.list().find((n) => n.id === 'provisioning')?.message).toMatch(
      /does not trust/,
    );

    const trusted = await start(join(dir, 'b'), [`--provision=${url}`], { extraCa: [cert] });
    expect(trusted.app.account.view().account).toMatchObject(ACCOUNT);
    expect(trusted.app.vault.get(SIP_PASSWORD_KEY)).toBe(PASSWORD);
  });

  it('refuses http:// and broken files with a notice; the app starts normally', async () => {
    const dir = await tempDir();
    const http = await start(join(dir, 'a'), ['--provision=http://pbx.example/p.json']);
    expect(http.app.notices.list().find((n) => n.id === 'provisioning')).toMatchObject({
      level: 'error',
      message: expect.stringContaining('http://'),
    });
    const path = join(dir, 'bad.json');
    await writeFile(path, '{ "version": 1, "account": ');
    const bad = await start(join(dir, 'b'), [`--provision=${path}`]);
    expect(bad.app.notices.list().find((n) => n.id === 'provisioning')?.message).toContain('not valid JSON');
    expect(bad.app.account.view().account).toBeNull();
  });

  it('locked policy values win over the provisioning file', async () => {
    const dir = await tempDir();
    const policyFile = join(dir, 'policy.json');
    await writeFile(
      policyFile,
      JSON.stringify({
        version: 1,
        values: { 'account.wsUrl': 'wss://locked.example/ws' },
        locked: ['account.wsUrl'],
      }),
    );
    const path = await provisioningFile(dir, { version: 1, account: ACCOUNT, password: PASSWORD });
    const { app } = await start(dir, [`--provision=${path}`], { policyFile });
    expect(app.account.view().account?.wsUrl).toBe('wss://locked.example/ws');
  });
});
