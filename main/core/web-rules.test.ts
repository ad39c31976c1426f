import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  buildContentSecurityPolicy,
  cacheControlFor,
  contentTypeFor,
  externalLinkTarget,
  isInternalNavigation,
  isPermissionAllowed,
  originOf,
  resolveAppFile,
  webSocketOrigin,
} from './web-rules';

const ROOT = resolve('/opt/deskphone/dist/renderer');
const ours = ['app://phone'];

describe('web rules', () => {
  it('computes origins for custom schemes too', () => {
    expect(originOf('app://phone/index.html')).toBe('app://phone');
    expect(originOf('http://127.0.0.1:5173/x?y')).toBe('http://127.0.0.1:5173');
    expect(originOf('https://Example.COM:443/')).toBe('https://example.com');
    expect(originOf('about:blank')).toBeNull();
    expect(originOf('garbage')).toBeNull();
  });

  it('allows only media, notifications and local network access, only for our origin', () => {
    for (const p of ['media', 'notifications', 'local-network-access', 'local-network', 'loopback-network']) {
      expect(isPermissionAllowed(p, 'app://phone/index.html', ours)).toBe(true);
      expect(isPermissionAllowed(p, 'https://evil.example/', ours)).toBe(false);
    }
    expect(isPermissionAllowed('geolocation', 'app://phone/', ours)).toBe(false);
    expect(isPermissionAllowed('openExternal', 'app://phone/', ours)).toBe(false);
  });

  it('never allows raw device access (HID, USB, serial) through the general rules', () => {
    // Headsets get HID only through core/headsets/hid-access (our origin, allowed vendors).
    for (const p of ['hid', 'usb', 'serial']) {
      expect(isPermissionAllowed(p, 'https://evil.example/', ours), p).toBe(false);
      expect(isPermissionAllowed(p, 'app://phone/index.html', ours), p).toBe(false);
    }
  });

  it('keeps navigation inside the app and opens only web links externally', () => {
    expect(isInternalNavigation('app://phone/index.html#/dial', ours)).toBe(true);
    expect(isInternalNavigation('https://example.com/', ours)).toBe(false);
    expect(externalLinkTarget('https://example.com/help')).toBe('https://example.com/help');
    expect(externalLinkTarget('file:///etc/passwd')).toBeNull();
    expect(externalLinkTarget('javascript:alert(1)')).toBeNull();
    expect(externalLinkTarget('https://user:pw@example.com/')).toBeNull();
  });

  it('builds a CSP that allows the configured WebSocket origin only', () => {
    const csp = buildContentSecurityPolicy(webSocketOrigin('wss://pbx.example.com:8089/ws'));
    expect(csp).toContain("connect-src 'self' wss://pbx.example.com:8089;");
    expect(csp).toContain("script-src 'self';");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("media-src 'self' blob: mediastream:");
    expect(buildContentSecurityPolicy(webSocketOrigin('https://x.example/'))).toContain(
      "connect-src 'self';",
    );
    expect(webSocketOrigin(null)).toBeNull();
  });

  it('maps app:// URLs to files inside the renderer folder only', () => {
    expect(resolveAppFile(ROOT, 'app://phone/')).toBe(join(ROOT, 'index.html'));
    expect(resolveAppFile(ROOT, 'app://phone/assets/app.js?v=1')).toBe(join(ROOT, 'assets', 'app.js'));
    expect(resolveAppFile(ROOT, 'app://phone/a%20b.css')).toBe(join(ROOT, 'a b.css'));
    expect(resolveAppFile(ROOT, 'app://phone/../../etc/passwd')).toBe(join(ROOT, 'etc', 'passwd'));
    expect(resolveAppFile(ROOT, 'app://phone/%2e%2e/%2e%2e/etc/passwd')).toBe(join(ROOT, 'etc', 'passwd'));
    expect(resolveAppFile(ROOT, 'app://phone/assets%2f..%2f..%2f..%2fetc%2fpasswd')).toBeNull();
    expect(resolveAppFile(ROOT, 'app://phone/..%5c..%5cwin.ini')).toBeNull();
    expect(resolveAppFile(ROOT, 'app://phone/x%00.js')).toBeNull();
    expect(resolveAppFile(ROOT, 'app://phone/%E0%A4%A')).toBeNull();
    expect(resolveAppFile(ROOT, 'app://other/index.html')).toBeNull();
  });

  it('knows content types', () => {
    expect(contentTypeFor('a/index.html')).toMatch(/^text\/html/);
    expect(contentTypeFor('a/x.JS')).toMatch(/javascript/);
    expect(contentTypeFor('a/x.unknown')).toBe('application/octet-stream');
  });

  it('keeps only scripts and styles named by their content; never the page, maps or anything else', () => {
    const kept = 'public, max-age=31536000, immutable';
    for (const path of [
      '/assets/index-C6ITt5a6.js',
      '/assets/style-BnLI9D8A.css',
      '/assets/i18n.svelte-CQftAVUE.js',
    ])
      expect(cacheControlFor(path), path).toBe(kept);
    for (const path of [
      '/',
      '/index.html',
      '/assets/app.js',
      '/assets/index-C6ITt5a6.js.map',
      '/index-C6ITt5a6.js',
      '/assets/../index-C6ITt5a6.js',
      '/assets/x/index-C6ITt5a6.js',
    ])
      expect(cacheControlFor(path), path).toBe('no-store');
  });
});
