import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createMemoryLogger } from '../core/logger';
import { tempDir } from '../core/test-helpers';

// app-protocol.ts against a stand-in 'electron' protocol module: the scheme's
// privileges, and what the installed handler answers for real requests.

type AppHandler = (request: Request) => Promise<Response>;

const electron = vi.hoisted(() => ({
  privileged: [] as unknown[],
  handlers: new Map<string, unknown>(),
}));

vi.mock('electron', () => ({
  protocol: {
    registerSchemesAsPrivileged: (schemes: unknown[]) => electron.privileged.push(...schemes),
    handle: (scheme: string, handler: unknown) => electron.handlers.set(scheme, handler),
  },
}));

const { registerAppScheme, serveAppProtocol } = await import('./app-protocol');

/** Just what the handler reads from a request: Node's Request refuses app:// URLs. */
function request(url: string, method = 'GET'): Request {
  return { url, method } as Request;
}

async function serve(wsUrl: string | null = 'wss://pbx.example.com:8089/ws') {
  const root = await tempDir();
  await mkdir(join(root, 'assets'));
  await writeFile(join(root, 'index.html'), '<!doctype html><title>DeskPhone</title>');
  await writeFile(join(root, 'assets', 'app.js'), 'console.log(1)');
  const logger = createMemoryLogger();
  serveAppProtocol({ rendererDir: root, currentWsUrl: () => wsUrl, logger });
  const handler = electron.handlers.get('app') as AppHandler;
  return { handler, logger, root };
}

beforeEach(() => {
  electron.privileged.length = 0;
  electron.handlers.clear();
});

describe('app protocol adapter', () => {
  it('registers app:// as a standard, secure, fetchable, code-cached scheme without CORS or CSP bypass', () => {
    registerAppScheme();
    expect(electron.privileged).toEqual([
      {
        scheme: 'app',
        privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true },
      },
    ]);
  });

  it('lets files named by their content be kept (code cache), never the page or anything else', async () => {
    const { handler, root } = await serve();
    await writeFile(join(root, 'assets', 'index-C6ITt5a6.js'), 'console.log(2)');
    const hashed = await handler(request('app://phone/assets/index-C6ITt5a6.js'));
    expect(hashed.status).toBe(200);
    expect(hashed.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    for (const url of ['app://phone/index.html', 'app://phone/', 'app://phone/assets/app.js']) {
      expect((await handler(request(url))).headers.get('cache-control'), url).toBe('no-store');
    }
    expect(
      (await handler(request('app://phone/assets/missing-C6ITt5a6.js'))).headers.get('cache-control'),
    ).toBe('no-store');
  });

  it('serves the renderer with the CSP allowing only the configured WebSocket origin', async () => {
    const { handler } = await serve();
    const page = await handler(request('app://phone/index.html'));
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-eval');
    expect(csp).toContain("connect-src 'self' wss://pbx.example.com:8089");
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await page.text()).toContain('<title>DeskPhone</title>');

    const root = await handler(request('app://phone/'));
    expect(root.status).toBe(200);
    const script = await handler(request('app://phone/assets/app.js'));
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
  });

  it("names the start page's module scripts in a Link header, so they are fetched before it is parsed", async () => {
    const { handler, root } = await serve();
    await writeFile(
      join(root, 'index.html'),
      '<!doctype html><script type="module" crossorigin src="./assets/index-C6ITt5a6.js"></script>' +
        '<link rel="modulepreload" crossorigin href="./assets/client-DAUOUt3O.js">',
    );
    const page = await handler(request('app://phone/index.html'));
    expect(page.headers.get('link')).toBe(
      '<./assets/index-C6ITt5a6.js>; rel=modulepreload, <./assets/client-DAUOUt3O.js>; rel=modulepreload',
    );
    expect((await handler(request('app://phone/assets/app.js'))).headers.get('link')).toBeNull();
  });

  it('allows no WebSocket at all before an account is configured', async () => {
    const { handler } = await serve(null);
    const csp = (await handler(request('app://phone/index.html'))).headers.get('content-security-policy');
    expect(csp).toContain("connect-src 'self';");
  });

  it('refuses path traversal, other hosts and other methods, with the CSP on every answer', async () => {
    const { handler, logger } = await serve();
    const answers = await Promise.all([
      handler(request('app://phone/..%2f..%2f..%2fetc%2fpasswd')),
      handler(request('app://phone/%2e%2e/%2e%2e/etc/passwd')),
      handler(request('app://phone/assets/..%5c..%5csecret')),
      handler(request('app://evil/index.html')),
      handler(request('app://phone/missing.js')),
      handler(request('app://phone/index.html', 'POST')),
    ]);
    expect(answers.map((r) => r.status)).toEqual([404, 404, 404, 404, 404, 405]);
    for (const answer of answers)
      expect(answer.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(logger.lines.some((l) => l.includes('Blocked app:// request'))).toBe(true);
  });

  it('answers HEAD without a body', async () => {
    const { handler } = await serve();
    const head = await handler(request('app://phone/index.html', 'HEAD'));
    expect(head.status).toBe(200);
    expect(head.body).toBeNull();
  });
});
