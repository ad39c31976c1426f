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
});
