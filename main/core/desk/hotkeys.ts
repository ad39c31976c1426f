import { HOTKEY_ACTIONS, type DeskSettings, type HotkeyAction } from '../../../contract/desk';
import type { Logger } from '../logger';
import { checkAccelerator } from './accelerator';

// Global hotkeys: answer, hang up, mute... from any program. What the user
// chose is applied as far as possible; each key that cannot be used gets a
// plain reason (malformed, used twice, refused by the system) instead of
// failing the whole save. Re-applying keeps unchanged keys registered and
// releases old ones, so DeskPhone never holds a key the user gave up.

/** The slice of Electron's globalShortcut the registry needs. */
export interface HotkeyPort {
  /** False when the system refused (usually: another program owns the keys). */
  register(accelerator: string, callback: () => void): boolean;
  unregister(accelerator: string): void;
  unregisterAll(): void;
}

export type Hotkeys = DeskSettings['hotkeys'];
export type HotkeyProblems = Partial<Record<HotkeyAction, string>>;

/** Names of the actions in messages ("… is already used for Answer"). */
export const HOTKEY_LABELS: Record<HotkeyAction, string> = {
  answer: 'Answer',
  hangup: 'Hang up',
  toggleMute: 'Mute / unmute',
  toggleHold: 'Hold / resume',
  dialSelection: 'Call the selected number',
  showWindow: 'Show DeskPhone',
};

export class HotkeyRegistry {
  /** Electron accelerator → the action it is registered for, as the system holds it now. */
  private readonly active = new Map<string, HotkeyAction>();
  private currentProblems: HotkeyProblems = {};

  constructor(
    private readonly port: HotkeyPort,
    private readonly platform: NodeJS.Platform,
    private readonly onPress: (action: HotkeyAction) => void,
    private readonly logger?: Logger,
  ) {}

  /** Applies a full set of hotkeys (null = disabled) and returns the problems per action. */
  apply(hotkeys: Hotkeys): HotkeyProblems {
    const problems: HotkeyProblems = {};
    const wanted = new Map<string, HotkeyAction>();
    const claimedBy = new Map<string, HotkeyAction>();

    // Earlier actions win a duplicate: the list order is the order of importance.
    for (const action of HOTKEY_ACTIONS) {
      const raw = hotkeys[action];
      if (raw === null) continue;
      const check = checkAccelerator(raw, this.platform);
      if (!check.ok) {
        problems[action] = check.reason;
        continue;
      }
      const owner = claimedBy.get(check.canonical);
      if (owner) {
        problems[action] = `${check.display} is already used for ${HOTKEY_LABELS[owner]}.`;
        continue;
      }
      claimedBy.set(check.canonical, action);
      wanted.set(check.electron, action);
    }

    // Release what is no longer wanted, or wanted for another action, first:
    // the same keys may be about to be registered for that other action.
    for (const [accelerator, action] of [...this.active]) {
      if (wanted.get(accelerator) === action) continue;
      this.port.unregister(accelerator);
      this.active.delete(accelerator);
    }

    for (const [accelerator, action] of wanted) {
      if (this.active.get(accelerator) === action) continue;
      const display = checkAccelerator(accelerator, this.platform);
      const name = display.ok ? display.display : accelerator;
      let registered: boolean;
      try {
        registered = this.port.register(accelerator, () => this.onPress(action));
      } catch {
        // Electron throws for combinations its parser rejects on this platform.
        problems[action] = `DeskPhone could not use ${name} on this computer; please choose other keys.`;
        continue;
      }
      if (registered) this.active.set(accelerator, action);
      else problems[action] = `The system refused ${name}; another program probably uses it.`;
    }

    this.currentProblems = problems;
    const count = Object.keys(problems).length;
    if (count > 0) this.logger?.warn('Some hotkeys could not be used', { count });
    return { ...problems };
  }

  /** Problems of the last apply(), per action. */
  problems(): HotkeyProblems {
    return { ...this.currentProblems };
  }

  /** Action → Electron accelerator of each hotkey the system holds for us. */
  registered(): Partial<Record<HotkeyAction, string>> {
    const out: Partial<Record<HotkeyAction, string>> = {};
    for (const [accelerator, action] of this.active) out[action] = accelerator;
    return out;
  }

  /** On quit: hotkeys must not outlive the app (the OS would keep them dead for everyone). */
  releaseAll(): void {
    this.port.unregisterAll();
    this.active.clear();
  }
}
