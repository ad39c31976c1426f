import { beforeEach, describe, expect, it, vi } from 'vitest';
import { trayIcons } from '../core/desk/tray-icon';
import { trayModel } from '../core/desk/tray-model';
import { report, ringingAlice } from '../core/desk/test-reports';

// tray.ts against a stand-in 'electron': the Tray it creates, the images it
// builds from our PNGs, and the menu template it hands to Menu.

type Handler = () => void;

const electron = vi.hoisted(() => ({
  trays: [] as Array<{
    image: unknown;
    tooltip: string;
    menu: unknown;
    listeners: Map<string, Handler>;
    images: unknown[];
    destroyed: boolean;
  }>,
  buffers: [] as Array<{ buffer: Buffer; options: unknown }>,
  representations: [] as unknown[],
}));

vi.mock('electron', () => {
  class Tray {
    tooltip = '';
    menu: unknown = null;
    images: unknown[] = [];
    destroyed = false;
    readonly listeners = new Map<string, Handler>();
    constructor(readonly image: unknown) {
      electron.trays.push(this);
    }
    on(event: string, listener: Handler) {
      this.listeners.set(event, listener);
    }
    setToolTip(text: string) {
      this.tooltip = text;
    }
    setContextMenu(menu: unknown) {
      this.menu = menu;
    }
    setImage(image: unknown) {
      this.images.push(image);
    }
    destroy() {
      this.destroyed = true;
    }
  }
  return {
    Tray,
    Menu: { buildFromTemplate: (template: unknown[]) => ({ template }) },
    nativeImage: {
      createFromBuffer: (buffer: Buffer, options: unknown) => {
        electron.buffers.push({ buffer, options });
        return { addRepresentation: (rep: unknown) => electron.representations.push(rep) };
      },
    },
  };
});

const { createTrayPort } = await import('./tray');

interface TemplateItem {
  id?: string;
  label?: string;
  type?: string;
  enabled?: boolean;
  checked?: boolean;
  click?: () => void;
}

function template(): TemplateItem[] {
  return (electron.trays[0]!.menu as { template: TemplateItem[] }).template;
}

beforeEach(() => {
  electron.trays.length = 0;
  electron.buffers.length = 0;
  electron.representations.length = 0;
});

describe('tray adapter', () => {
  it('creates the tray on the first update with both icon sizes, tooltip and menu', () => {
    const port = createTrayPort({ onItem: vi.fn(), onClick: vi.fn() });
    const model = trayModel(report([ringingAlice()]), 'available');
    port.update(model, trayIcons(model.state));
    expect(electron.trays).toHaveLength(1);
    expect(electron.buffers[0]).toEqual({ buffer: trayIcons('ringing')[16], options: { scaleFactor: 1 } });
    expect(electron.representations).toEqual([{ scaleFactor: 2, buffer: trayIcons('ringing')[32] }]);
    expect(electron.trays[0]!.tooltip).toBe('Ringing: Alice Archer (alice)');
    const items = template();
    expect(items.map((i) => i.type)).toEqual([
      'normal',
      'separator',
      'radio',
      'radio',
      'separator',
      'normal',
      'normal',
      'normal',
      'normal',
      'separator',
      'normal', // Connection doctor…
      'normal',
    ]);
    expect(items.find((i) => i.id === 'answer')).toMatchObject({ label: 'Answer', enabled: true });
    expect(items.find((i) => i.id === 'hangup')).toMatchObject({ enabled: false });
    expect(items.find((i) => i.id === 'available')).toMatchObject({ checked: true });
  });

  it('routes menu clicks by id and icon clicks to onClick', () => {
    const onItem = vi.fn();
    const onClick = vi.fn();
    const port = createTrayPort({ onItem, onClick });
    const model = trayModel(null, 'available');
    port.update(model, trayIcons(model.state));
    template().find((i) => i.id === 'quit')!.click!();
    electron.trays[0]!.listeners.get('click')!();
    expect(onItem).toHaveBeenCalledWith('quit');
    expect(onClick).toHaveBeenCalledTimes(1);
  });

  it('keeps one tray, swapping the image only when the state changes', () => {
    const port = createTrayPort({ onItem: vi.fn(), onClick: vi.fn() });
    const idle = trayModel(report(), 'available');
    port.update(idle, trayIcons(idle.state));
    port.update({ ...idle, tooltip: 'x' }, trayIcons(idle.state));
    expect(electron.trays[0]!.images).toHaveLength(0);
    const dnd = trayModel(report(), 'dnd');
    port.update(dnd, trayIcons(dnd.state));
    expect(electron.trays).toHaveLength(1);
    expect(electron.trays[0]!.images).toHaveLength(1);
    port.destroy();
    expect(electron.trays[0]!.destroyed).toBe(true);
  });
});
