// Electron accelerator strings ("CommandOrControl+Alt+Shift+A"), checked
// before they reach globalShortcut: Electron throws on some malformed strings
// and silently accepts others that then never fire. Also gives each
// combination one canonical form, so "Ctrl+Alt+A" and "Alt+CmdOrCtrl+A" are
// recognised as the same keys on Windows and Linux.

export type AcceleratorCheck =
  | {
      ok: true;
      /** One spelling per combination, for finding duplicates. */
      canonical: string;
      /** For messages: Ctrl+Alt+Shift+A. */
      display: string;
      /** What to hand to globalShortcut: the checked combination in Electron's own names. */
      electron: string;
    }
  | { ok: false; reason: string };

type Modifier = 'Cmd' | 'Ctrl' | 'Alt' | 'AltGr' | 'Shift' | 'Super';
const MODIFIER_ORDER: Modifier[] = ['Cmd', 'Ctrl', 'Alt', 'AltGr', 'Shift', 'Super'];
const ELECTRON_NAMES: Record<Modifier, string> = {
  Cmd: 'Command',
  Ctrl: 'Control',
  Alt: 'Alt',
  AltGr: 'AltGr',
  Shift: 'Shift',
  Super: 'Super',
};

/** Electron's modifier names (case-insensitive), mapped per platform. */
function modifierFor(name: string, platform: NodeJS.Platform): Modifier | null {
  const mac = platform === 'darwin';
  switch (name.toLowerCase()) {
    case 'command':
    case 'cmd':
      return mac ? 'Cmd' : 'Super';
    case 'control':
    case 'ctrl':
      return 'Ctrl';
    case 'commandorcontrol':
    case 'cmdorctrl':
      return mac ? 'Cmd' : 'Ctrl';
    case 'alt':
    case 'option':
      return 'Alt';
    case 'altgr':
      return 'AltGr';
    case 'shift':
      return 'Shift';
    case 'super':
    case 'meta':
      return mac ? 'Cmd' : 'Super';
    default:
      return null;
  }
}

const NAMED_KEYS = [
  'Plus',
  'Space',
  'Tab',
  'Capslock',
  'Numlock',
  'Scrolllock',
  'Backspace',
  'Delete',
  'Insert',
  'Return',
  'Up',
  'Down',
  'Left',
  'Right',
  'Home',
  'End',
  'PageUp',
  'PageDown',
  'Escape',
  'PrintScreen',
  'num0',
  'num1',
  'num2',
  'num3',
  'num4',
  'num5',
  'num6',
  'num7',
  'num8',
  'num9',
  'numdec',
  'numadd',
  'numsub',
  'nummult',
  'numdiv',
];
const ALIASES: Record<string, string> = { enter: 'Return', esc: 'Escape' };
/** Keys meant for global use that may stand alone: no typing is lost to them. */
const MEDIA_KEYS = [
  'VolumeUp',
  'VolumeDown',
  'VolumeMute',
  'MediaNextTrack',
  'MediaPreviousTrack',
  'MediaStop',
  'MediaPlayPause',
];
const PUNCTUATION = ')!@#$%^&*(:;=<,_->.?/~`{][|\\}"\'';

/** The key's canonical name, or null when Electron would not know it. */
function keyCode(raw: string): string | null {
  if (/^[a-z0-9]$/i.test(raw)) return raw.toUpperCase();
  if (raw.length === 1 && PUNCTUATION.includes(raw)) return raw;
  const f = /^f([1-9]|1[0-9]|2[0-4])$/i.exec(raw);
  if (f) return `F${f[1]}`;
  const lower = raw.toLowerCase();
  if (ALIASES[lower]) return ALIASES[lower];
  return [...NAMED_KEYS, ...MEDIA_KEYS].find((k) => k.toLowerCase() === lower) ?? null;
}

function standsAlone(key: string): boolean {
  return MEDIA_KEYS.includes(key) || /^F(1[3-9]|2[0-4])$/.test(key);
}

/** How a combination is written in messages: Ctrl+Alt+Shift+A, or Option instead of Alt on a Mac. */
function displayOf(modifiers: Modifier[], key: string, platform: NodeJS.Platform): string {
  const names = modifiers.map((m) => (platform === 'darwin' && m === 'Alt' ? 'Option' : m));
  return [...names, key].join('+');
}

/**
 * Checks an accelerator for use as a global shortcut: Electron's grammar
 * (modifiers, then exactly one key), and at least one modifier, except for
 * F13–F24 and media keys, which no one types with. Shift alone is not enough
 * either: Shift+A would take the capital A from every program.
 */
export function checkAccelerator(raw: string, platform: NodeJS.Platform): AcceleratorCheck {
  const text = raw.trim();
  if (!text) return { ok: false, reason: 'No keys were given.' };
  if (/\+\s*$/.test(text) || text.includes('++')) {
    return { ok: false, reason: `"${text}" is not complete: write the plus key as "Plus".` };
  }
  const parts = text.split('+').map((p) => p.trim());
  if (parts.some((p) => p === ''))
    return { ok: false, reason: `"${text}" has an empty part between plus signs.` };

  const modifiers = new Set<Modifier>();
  let key: string | null = null;
  for (const part of parts) {
    const modifier = modifierFor(part, platform);
    if (modifier) {
      if (key !== null)
        return { ok: false, reason: `In "${text}", the modifier keys must come before ${key}.` };
      if (modifiers.has(modifier)) return { ok: false, reason: `"${text}" names ${modifier} twice.` };
      modifiers.add(modifier);
      continue;
    }
    const code = keyCode(part);
    if (!code) return { ok: false, reason: `"${part}" is not a key DeskPhone knows.` };
    if (key !== null)
      return { ok: false, reason: `"${text}" has more than one key; use one key with modifiers.` };
    key = code;
  }
  if (key === null)
    return { ok: false, reason: `"${text}" has only modifier keys; add a letter or another key.` };

  const ordered = MODIFIER_ORDER.filter((m) => modifiers.has(m));
  const display = displayOf(ordered, key, platform);
  if (!standsAlone(key)) {
    if (ordered.length === 0) {
      return {
        ok: false,
        reason: `${display} alone would stop that key working in every program; add Ctrl, Alt or another modifier.`,
      };
    }
    if (ordered.length === 1 && ordered[0] === 'Shift' && !/^F\d+$/.test(key)) {
      return {
        ok: false,
        reason: `${display} would stop you typing that character everywhere; add Ctrl, Alt or another modifier.`,
      };
    }
  }
  const electron = [...ordered.map((m) => ELECTRON_NAMES[m]), key].join('+');
  return { ok: true, canonical: [...ordered, key].join('+'), display, electron };
}
