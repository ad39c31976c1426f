import { Menu, nativeImage, Tray, type MenuItemConstructorOptions, type NativeImage } from 'electron';
import type { TrayPort } from '../core/desk/ports';
import type { TrayIcons } from '../core/desk/tray-icon';
import type { TrayItemId, TrayMenuItem, TrayModel } from '../core/desk/tray-model';

// The tray icon, drawn from the core's TrayModel: icon per state (both PNG
// sizes, so it is sharp at 100 % and 200 % scaling), tooltip and menu. The
// Tray is created on the first update, which happens right after 'ready'.

export interface TrayHandlers {
  /** A menu item was clicked. */
  onItem(id: TrayItemId): void;
  /** The icon itself was clicked (Windows, macOS; most Linux trays only open the menu). */
  onClick(): void;
}

export interface TrayAdapter extends TrayPort {
  destroy(): void;
}

export function createTrayPort(handlers: TrayHandlers): TrayAdapter {
  let tray: Tray | null = null;
  let lastState: string | null = null;

  return {
    update(model: TrayModel, icons: TrayIcons) {
      if (!tray) {
        tray = new Tray(trayImage(icons));
        tray.on('click', () => handlers.onClick());
      } else if (model.state !== lastState) {
        tray.setImage(trayImage(icons));
      }
      lastState = model.state;
      tray.setToolTip(model.tooltip);
      tray.setContextMenu(Menu.buildFromTemplate(model.menu.map((item) => menuItem(item, handlers))));
    },
    destroy() {
      tray?.destroy();
      tray = null;
    },
  };
}

function trayImage(icons: TrayIcons): NativeImage {
  const image = nativeImage.createFromBuffer(icons[16], { scaleFactor: 1 });
  image.addRepresentation({ scaleFactor: 2, buffer: icons[32] });
  return image;
}

function menuItem(item: TrayMenuItem, handlers: TrayHandlers): MenuItemConstructorOptions {
  if (item.type === 'separator') return { type: 'separator' };
  const id = item.id as TrayItemId;
  return {
    id,
    label: item.label,
    type: item.type,
    enabled: item.enabled,
    ...(item.type === 'radio' ? { checked: item.checked } : {}),
    click: () => handlers.onItem(id),
  };
}
