import { execFileSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../test-helpers';
import { DirectoryFetchError, fetchDirectoryHttps } from './https-fetch';

// The real download over https against a local server with a certificate
// made for this test: the company CA handed in is what makes it trusted,
// the size cap and the time limit hold.

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
});

async function server(handler: Parameters<typeof createServer>[1]) {
  const dir = await tempDir();
  const key = join(dir, 'key.pem');
  const certPath = join(dir, 'cert.pem');
  execFileSync(
    'openssl',
    ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes']
      .concat(['-keyout', key, '-out', certPath, '-days', '1', '-subj', '/CN=127.0.0.1'])
      .concat(['-addext', 'subjectAltName=IP:127.0.0.1']),
    { stdio: 'ignore' },
  );
  const cert = await readFile(certPath, 'utf8');
  const s = createServer({ key: await readFile(key), cert }, handler);
  servers.push(s);
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  return { url: `https://127.0.0.1:${(s.address() as AddressInfo).port}/staff.csv`, cert };
}

const limits = { maxBytes: 1024, timeoutMs: 2000 };

describe('fetchDirectoryHttps', () => {
  it('downloads with the company CA, and refuses the same server without it', async () => {
    const { url, cert } = await server((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/csv' }).end('name,phone\nAnn,1001\n');
    });
    const got = await fetchDirectoryHttps(url, { ca: [cert], ...limits });
    expect(got).toMatchObject({ status: 200, contentType: 'text/csv' });
    expect(got.body.toString()).toContain('Ann,1001');
    await expect(fetchDirectoryHttps(url, { ca: [], ...limits })).rejects.toThrow(/does not trust/);
  });

  it('stops a file larger than the cap, declared or streamed', async () => {
    const big = 'x'.repeat(4096);
    const declared = await server((_req, res) => res.writeHead(200).end(big));
    await expect(fetchDirectoryHttps(declared.url, { ca: [declared.cert], ...limits })).rejects.toThrow(
      'the file is larger than 1 KB.',
    );
    const streamed = await server((_req, res) => {
      res.writeHead(200, { 'transfer-encoding': 'chunked' });
      res.write(big);
      res.end(big);
    });
    const error = await fetchDirectoryHttps(streamed.url, { ca: [streamed.cert], ...limits }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(DirectoryFetchError);
    expect(String(error)).toMatch(/larger than/);
  });

  it('gives up after the time limit, and hands back an HTTP error status', async () => {
    const slow = await server((_req, res) => {
      res.writeHead(200);
      res.write('name,phone\n');
      // Never ends.
    });
    await expect(
      fetchDirectoryHttps(slow.url, { ca: [slow.cert], maxBytes: 1024, timeoutMs: 300 }),
    ).rejects.toThrow(/did not send the file within 0.3 s/);
    const missing = await server((_req, res) => res.writeHead(404).end('gone'));
    await expect(fetchDirectoryHttps(missing.url, { ca: [missing.cert], ...limits })).resolves.toMatchObject({
      status: 404,
    });
  });

  it('follows https redirects, relative or absolute, within the limit; refuses http, loops and garbage', async () => {
    const hops: string[] = [];
    const moved = await server((req, res) => {
      hops.push(req.url ?? '');
      if (req.url === '/staff.csv') res.writeHead(301, { location: '/moved/staff.csv' }).end();
      else if (req.url === '/moved/staff.csv') res.writeHead(307, { location: `${base}/final.csv` }).end();
      else res.writeHead(200, { 'content-type': 'text/csv' }).end('name,phone\nAnn,1001\n');
    });
    const base = new URL(moved.url).origin;
    const got = await fetchDirectoryHttps(moved.url, { ca: [moved.cert], ...limits });
    expect(got.body.toString()).toContain('Ann,1001');
    expect(hops).toEqual(['/staff.csv', '/moved/staff.csv', '/final.csv']);

    const downgrade = await server((_req, res) =>
      res.writeHead(302, { location: 'http://127.0.0.1:1/staff.csv' }).end(),
    );
    await expect(fetchDirectoryHttps(downgrade.url, { ca: [downgrade.cert], ...limits })).rejects.toThrow(
      /redirected the download to http, not https/,
    );
    let loops = 0;
    const loop = await server((_req, res) => {
      loops++;
      res.writeHead(302, { location: '/staff.csv' }).end();
    });
    await expect(fetchDirectoryHttps(loop.url, { ca: [loop.cert], ...limits })).rejects.toThrow(
      /redirected the download more than 5 times/,
    );
    expect(loops).toBe(6);
    const garbage = await server((_req, res) => res.writeHead(302, { location: 'https://[::1' }).end());
    await expect(fetchDirectoryHttps(garbage.url, { ca: [garbage.cert], ...limits })).rejects.toThrow(
      /an address that is not valid/,
    );
  });

  it('trusts the company CAs for the directory host only, not for a host it redirects to', async () => {
    const other = await server((_req, res) => res.writeHead(200).end('name,phone\nAnn,1001\n'));
    const directory = await server((_req, res) => res.writeHead(302, { location: other.url }).end());
    await expect(
      fetchDirectoryHttps(directory.url, { ca: [directory.cert, other.cert], ...limits }),
    ).rejects.toThrow(
      new RegExp(`server ${new URL(other.url).host} has a certificate this computer does not trust`),
    );
  });

  it('keeps one time limit across redirects', async () => {
    let first = true;
    const slow = await server((_req, res) => {
      if (first) {
        first = false;
        setTimeout(() => res.writeHead(302, { location: '/again.csv' }).end(), 200);
      } else {
        res.writeHead(200);
        res.write('name,phone\n');
      }
    });
    const started = Date.now();
    await expect(
      fetchDirectoryHttps(slow.url, { ca: [slow.cert], maxBytes: 1024, timeoutMs: 400 }),
    ).rejects.toThrow(/did not send the file within 0.4 s/);
    expect(Date.now() - started).toBeLessThan(1_000);
  });
});
