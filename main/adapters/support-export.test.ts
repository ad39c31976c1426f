import { describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => ({}));

const { createSupportExportPort } = await import('./support-export');

describe('support export adapter', () => {
  const app = {
    getPath: (name: string) => `/home/ann/${name}`,
    getVersion: () => '1.2.3',
  } as Parameters<typeof createSupportExportPort>[0]['app'];

  it('asks where to save, starting in Documents, and reports versions and the logs folder', async () => {
    const showSaveDialog = vi.fn().mockResolvedValue({ canceled: false, filePath: '/home/ann/x.zip' });
    const port = createSupportExportPort({
      app,
      dialog: { showSaveDialog } as never,
      window: () => null,
      electronVersion: '45.0.0',
    });
    expect(port).toMatchObject({ logsDir: '/home/ann/logs', appVersion: '1.2.3', electronVersion: '45.0.0' });
    await expect(port.chooseTarget('bundle.zip')).resolves.toBe('/home/ann/x.zip');
    expect(showSaveDialog.mock.calls[0]![0]).toMatchObject({ defaultPath: '/home/ann/documents/bundle.zip' });
  });

  it('returns null when the dialog is cancelled', async () => {
    const showSaveDialog = vi.fn().mockResolvedValue({ canceled: true, filePath: '' });
    const port = createSupportExportPort({
      app,
      dialog: { showSaveDialog } as never,
      window: () => null,
      electronVersion: '45.0.0',
    });
    await expect(port.chooseTarget('bundle.zip')).resolves.toBeNull();
  });
});
