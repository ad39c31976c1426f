// Shows Electron accelerator text ("CommandOrControl+Alt+Shift+A") the way
// the platform writes shortcuts: "Ctrl+Alt+Shift+A" on Windows and Linux (in
// the language's own key names, "Strg" in German), "⌥⇧⌘A" on macOS. What is
// saved stays the accelerator; only the field shows this.

export type KeyPlatform = 'mac' | 'other';

/** Words for modifier and named keys on Windows/Linux, from the catalogue. */
export interface KeyWords {
  ctrl: string;
  alt: string;
  shift: string;
  super: string;
  space: string;
  enter: string;
  escape: string;
  delete: string;
}

const ENGLISH: KeyWords = {
  ctrl: 'Ctrl',
  alt: 'Alt',
  shift: 'Shift',
  super: 'Super',
  space: 'Space',
  enter: 'Enter',
  escape: 'Esc',
  delete: 'Delete',
};

type Modifier = 'control' | 'alt' | 'shift' | 'command' | 'super';

const MODIFIERS: Record<string, Modifier> = {
  commandorcontrol: 'command',
  cmdorctrl: 'command',
  command: 'command',
  cmd: 'command',
  control: 'control',
  ctrl: 'control',
  alt: 'alt',
  option: 'alt',
  altgr: 'alt',
  shift: 'shift',
  super: 'super',
  meta: 'super',
};

/** Apple's order and symbols: Control, Option, Shift, Command, then the key. */
const MAC_ORDER: Modifier[] = ['control', 'alt', 'shift', 'command'];
const MAC_SYMBOL: Record<Modifier, string> = { control: '⌃', alt: '⌥', shift: '⇧', command: '⌘', super: '⌘' };
const MAC_KEYS: Record<string, string> = {
  space: '␣',
  enter: '↩',
  return: '↩',
  escape: '⎋',
  esc: '⎋',
  delete: '⌦',
  backspace: '⌫',
  up: '↑',
  down: '↓',
  left: '←',
  right: '→',
  tab: '⇥',
};

const OTHER_ORDER: Modifier[] = ['control', 'alt', 'shift', 'super'];

function otherKey(key: string, words: KeyWords): string {
  const lower = key.toLowerCase();
  if (lower === 'space') return words.space;
  if (lower === 'enter' || lower === 'return') return words.enter;
  if (lower === 'escape' || lower === 'esc') return words.escape;
  if (lower === 'delete') return words.delete;
  return key;
}

/**
 * The accelerator as the platform shows it; text that is not an accelerator
 * (empty, or a key alone) comes back as it is.
 */
export function displayAccelerator(
  accelerator: string,
  platform: KeyPlatform,
  words: KeyWords = ENGLISH,
): string {
  const parts = accelerator
    .split('+')
    .map((p) => p.trim())
    .filter(Boolean);
  if (parts.length === 0) return '';
  // "CommandOrControl++" names the plus key: an empty last part after a trailing '+'.
  const key = accelerator.trim().endsWith('++') ? '+' : parts.at(-1)!;
  const mods = new Set<Modifier>();
  for (const part of accelerator.trim().endsWith('++') ? parts : parts.slice(0, -1)) {
    const mod = MODIFIERS[part.toLowerCase()];
    if (!mod) return accelerator;
    // On Windows and Linux CommandOrControl is Ctrl; on macOS it is Command.
    mods.add(mod === 'command' && platform === 'other' ? 'control' : mod);
  }
  if (platform === 'mac') {
    const symbols = MAC_ORDER.filter((m) => mods.has(m) || (m === 'command' && mods.has('super')));
    return symbols.map((m) => MAC_SYMBOL[m]).join('') + (MAC_KEYS[key.toLowerCase()] ?? key.toUpperCase());
  }
  const names: Record<Modifier, string> = {
    control: words.ctrl,
    alt: words.alt,
    shift: words.shift,
    super: words.super,
    command: words.ctrl,
  };
  return [...OTHER_ORDER.filter((m) => mods.has(m)).map((m) => names[m]), otherKey(key, words)].join('+');
}

/**
 * Text typed or pasted into a shortcut field, back to an accelerator: the
 * platform's own words ("Strg+Alt+J", "Ctrl+Alt+J") and Electron's are both
 * understood. Unknown words are left for main to judge.
 */
export function acceleratorFromText(text: string, words: KeyWords = ENGLISH): string {
  const localised: Record<string, string> = {
    [words.ctrl.toLowerCase()]: 'CommandOrControl',
    [words.alt.toLowerCase()]: 'Alt',
    [words.shift.toLowerCase()]: 'Shift',
    [words.super.toLowerCase()]: 'Super',
    [words.space.toLowerCase()]: 'Space',
    [words.enter.toLowerCase()]: 'Enter',
    [words.escape.toLowerCase()]: 'Escape',
    [words.delete.toLowerCase()]: 'Delete',
    ctrl: 'CommandOrControl',
    control: 'CommandOrControl',
    cmd: 'CommandOrControl',
    command: 'CommandOrControl',
    cmdorctrl: 'CommandOrControl',
    commandorcontrol: 'CommandOrControl',
  };
  return text
    .split('+')
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => localised[p.toLowerCase()] ?? p)
    .join('+');
}

/** Where the window runs, for how shortcuts are written. */
export function keyPlatform(
  nav: Pick<Navigator, 'platform'> & { userAgentData?: { platform?: string } },
): KeyPlatform {
  const name = nav.userAgentData?.platform || nav.platform || '';
  return /^mac/i.test(name) ? 'mac' : 'other';
}
