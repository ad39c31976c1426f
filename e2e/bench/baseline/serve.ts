import type { Browser, BrowserContext, Page } from '@playwright/test';
import { build } from 'esbuild';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchWithProfile } from '../../fixtures/browser';
import { addPageTimings } from '../../fixtures/page-timings';
import { addTrace } from '../trace';

const HERE = fileURLToPath(new URL('.', import.meta.url));

export interface BareServer {
  origin: string;
  close(): Promise<void>;
}

/** Bundles the bare page with esbuild (SIP.js from node_modules) and serves it on loopback. */
export async function serveBarePage(): Promise<BareServer> {
  const bundle = await build({
    entryPoints: [join(HERE, 'bare-phone.ts')],
    bundle: true,
    format: 'iife',
    minify: true,
    write: false,
    target: 'chrome130',
  });
  const files: Record<string, { type: string; body: string }> = {
    '/index.html': {
      type: 'text/html; charset=utf-8',
      body: await readFile(join(HERE, 'index.html'), 'utf8'),
    },
    '/bare-phone.js': { type: 'text/javascript; charset=utf-8', body: bundle.outputFiles[0]!.text },
  };
  const server = createServer((req, res) => {
    const file = files[new URL(req.url ?? '/', 'http://x').pathname];
    if (!file) {
      res.writeHead(404).end();
      return;
    }
    // The script may be kept (built once per run), as DeskPhone's hashed scripts are: in a
    // profile on disk both pages can then start from V8's code cache.
    const cache = file.type.startsWith('text/javascript')
      ? 'public, max-age=31536000, immutable'
      : 'no-store';
    res.writeHead(200, { 'Content-Type': file.type, 'Cache-Control': cache }).end(file.body);
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as AddressInfo;
  return {
    // 127.0.0.1 is a secure context: getUserMedia works over plain http here.
    origin: `http://127.0.0.1:${port}`,
    close: () => new Promise((ok) => server.close(() => ok())),
  };
}

export interface BareAccount {
  user: string;
  password: string;
  domain: string;
  wss: string;
  /** Whom the Call button calls. */
  target?: string;
  ice?: string[];
}

export interface BarePhone {
  page: Page;
  context: BrowserContext;
  url: string;
  close(): Promise<void>;
}

export function barePageUrl(origin: string, account: BareAccount): string {
  const query = new URLSearchParams({
    user: account.user,
    password: account.password,
    domain: account.domain,
    wss: account.wss,
    target: account.target ?? '',
    ice: (account.ice ?? []).join(','),
  });
  return `${origin}/index.html?${query}`;
}

/** Leaves the way a DeskPhone page does in the bench: hang up, un-REGISTER, then close. */
export async function closeBarePage(page: Page): Promise<void> {
  await page
    .evaluate(() => (window as unknown as { __barePhone?: { stop(): Promise<void> } }).__barePhone?.stop())
    .catch(() => undefined);
  await page.close().catch(() => undefined);
}

/**
 * A bare SIP.js phone in its own context of the same Chromium (same flags as
 * the DeskPhone pages), with the bench's timing script; Registered on return.
 */
export async function openBarePhone(
  browser: Browser,
  origin: string,
  account: BareAccount,
): Promise<BarePhone> {
  const context = await browser.newContext({ permissions: ['microphone'] });
  await addPageTimings(context);
  if (process.env.BENCH_TRACE) await addTrace(context);
  const page = await context.newPage();
  const url = barePageUrl(origin, account);
  await page.goto(url);
  await page
    .getByTestId('registration-status')
    .filter({ hasText: /^Registered$/ })
    .waitFor({ timeout: 10_000 });
  return {
    page,
    context,
    url,
    async close() {
      await closeBarePage(page);
      await context.close().catch(() => undefined);
    },
  };
}

/** A browser with a profile on disk for the bare page's start-up loads (see openPersistentWindow). */
export async function openBareWindow(profileDir: string): Promise<BrowserContext> {
  const context = await launchWithProfile(profileDir);
  await addPageTimings(context);
  return context;
}
