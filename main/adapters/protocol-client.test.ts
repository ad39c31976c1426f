import { describe, expect, it, vi } from 'vitest';
import { createMemoryLogger } from '../core/logger';

// protocol-client.ts with a stand-in 'electron' app: which schemes it claims,
// with which arguments, and which it leaves to another program.

vi.mock('electron', () => ({}));

const { listenForOpenUrl, registerDialProtocols } = await import('./protocol-client');

function fakeApp(handlers: Record<string, string> = {}, ours: string[] = []) {
  return {
    isDefaultProtocolClient: vi.fn((scheme: string) => ours.includes(scheme)),
    getApplicationNameForProtocol: vi.fn((url: string) => handlers[url] ?? ''),
    setAsDefaultProtocolClient: vi.fn((_scheme: string, _path?: string, _args?: string[]) => true),
  };
}

const base = { execPath: '/opt/DeskPhone/deskphone', argv: ['/opt/DeskPhone/deskphone'], defaultApp: false };

describe('dial link registration', () => {
  it('claims sip, sips, tel and callto when nothing handles them', () => {
    const app = fakeApp();
    const outcome = registerDialProtocols({ app, platform: 'linux', logger: createMemoryLogger(), ...base });
    expect(outcome).toEqual({ sip: 'claimed', sips: 'claimed', tel: 'claimed', callto: 'claimed' });
    expect(app.setAsDefaultProtocolClient.mock.calls).toEqual([['sip'], ['sips'], ['tel'], ['callto']]);
  });

  it('leaves schemes another program handles, and does not re-claim its own', () => {
    const app = fakeApp({ 'tel:': 'Microsoft Teams' }, ['sip']);
    const logger = createMemoryLogger();
    const outcome = registerDialProtocols({ app, platform: 'win32', logger, ...base });
    expect(outcome).toEqual({ sip: 'ours', sips: 'claimed', tel: 'other-app', callto: 'claimed' });
    expect(app.setAsDefaultProtocolClient.mock.calls.map((c) => c[0])).toEqual(['sips', 'callto']);
    expect(logger.lines.some((l) => l.includes('Microsoft Teams'))).toBe(true);
  });

  it('passes the executable and app folder in a Windows development run', () => {
    const app = fakeApp();
    registerDialProtocols({
      app,
      platform: 'win32',
      logger: createMemoryLogger(),
      execPath: 'C:\\electron\\electron.exe',
      argv: ['C:\\electron\\electron.exe', '/src/deskphone'],
      defaultApp: true,
    });
    const [scheme, path, args] = app.setAsDefaultProtocolClient.mock.calls[0]!;
    expect(scheme).toBe('sip');
    expect(path).toBe('C:\\electron\\electron.exe');
    expect(args).toHaveLength(1);
    expect(args![0]).toMatch(/deskphone$/);
  });

  it('reports a refused registration', () => {
    const app = fakeApp();
    app.setAsDefaultProtocolClient.mockReturnValue(false);
    const outcome = registerDialProtocols({ app, platform: 'darwin', logger: createMemoryLogger(), ...base });
    expect(outcome.tel).toBe('failed');
  });
});

describe('macOS open-url', () => {
  it('keeps links that arrive before the handler, then hands them over in order', () => {
    let listener: ((event: { preventDefault(): void }, url: string) => void) | null = null;
    const app = { on: vi.fn((_event: string, l: typeof listener) => (listener = l)) };
    const openUrl = listenForOpenUrl(app as never);
    const prevented = vi.fn();
    listener!({ preventDefault: prevented }, 'tel:1');
    listener!({ preventDefault: prevented }, 'tel:2');
    const seen: string[] = [];
    openUrl.setHandler((url) => seen.push(url));
    listener!({ preventDefault: prevented }, 'sip:alice@example.com');
    expect(seen).toEqual(['tel:1', 'tel:2', 'sip:alice@example.com']);
    expect(prevented).toHaveBeenCalledTimes(3);
    expect(app.on).toHaveBeenCalledWith('open-url', expect.any(Function));
  });
});
