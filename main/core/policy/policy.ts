import { emptyAccount, parseSipAddress, type AccountSettings } from '../../../contract/account';
import type { DeskSettings } from '../../../contract/desk';
import {
  getPath,
  MANAGED_MESSAGE,
  policyDefault,
  type Features,
  type PolicyKey,
  type PolicyView,
} from '../../../contract/policy';
import { UserFacingError } from '../errors';
import type { NoticeBoard } from '../notices';
import type { LoadedPolicy } from './policy-file';
import { refuseBadScreenPopTemplate } from '../screen-pop/save-check';

// Applies the administrator's policy on top of the user's settings.
// Precedence: built-in defaults < unlocked policy value < the user's own
// choice < locked policy value. An unlocked value is a managed default: it
// applies while the user's setting still equals the built-in default (so
// new users get it), and a user who changes it keeps the change. A locked
// value always wins, whatever settings.json says.

type Section = 'account' | 'desk';

export class Policy {
  private readonly locks: ReadonlySet<PolicyKey>;

  constructor(private readonly loaded: LoadedPolicy) {
    this.locks = new Set(loaded.locked);
  }

  static none(): Policy {
    return new Policy({ path: null, loaded: false, values: {}, locked: [], problems: [] });
  }

  get managed(): boolean {
    return this.loaded.loaded && (this.locks.size > 0 || Object.keys(this.loaded.values).length > 0);
  }

  get locked(): PolicyKey[] {
    return [...this.locks];
  }

  isLocked(key: PolicyKey): boolean {
    return this.locks.has(key);
  }

  /** The value in force for an app-level key (features, updates, codecs). */
  value<T>(key: PolicyKey): T {
    return (key in this.loaded.values ? this.loaded.values[key] : policyDefault(key)) as T;
  }

  features(): Features {
    return {
      video: this.value<boolean>('features.video'),
      recording: this.value<boolean>('features.recording'),
    };
  }

  view(): PolicyView {
    return {
      path: this.loaded.path,
      loaded: this.loaded.loaded,
      problems: [...this.loaded.problems],
      values: structuredClone(this.loaded.values) as Record<string, unknown>,
      locked: this.locked,
    };
  }

  /** Puts the ignored parts of the policy in front of the user once, as a warning. */
  report(notices: NoticeBoard): void {
    if (this.loaded.problems.length === 0) return;
    notices.add({
      id: 'policy-problems',
      level: 'warning',
      message: `Parts of your administrator's policy could not be used and were ignored; everything else applies. ${this.loaded.problems.join(' ')}`,
    });
  }

  applyAccount(account: AccountSettings): AccountSettings {
    const out = this.apply('account', account);
    const domain = this.value<string | null>('account.domain');
    const parsed = parseSipAddress(out.sipAddress);
    // The user part is the person's own; the domain belongs to the organisation.
    if (domain && parsed && parsed.domain.toLowerCase() !== domain.toLowerCase()) {
      out.sipAddress = `${parsed.user}@${domain}`;
    }
    return out;
  }

  /** The account form's starting values when there is no account yet. */
  accountTemplate(): AccountSettings {
    const template = this.apply('account', emptyAccount());
    const domain = this.value<string | null>('account.domain');
    if (domain) template.sipAddress = `@${domain}`;
    return template;
  }

  applyDesk(desk: DeskSettings): DeskSettings {
    const out = this.apply('desk', desk);
    // An organisation that does not allow recording at all: no mode can bring it back.
    if (!this.value<boolean>('features.recording')) out.recording = { ...out.recording, mode: 'off' };
    return out;
  }

  /**
   * Checks a save against the locks and returns what may be stored (locked
   * keys set to the policy's value). Refuses only when the user really changed
   * a locked field: the form sends back the value it was shown, and that is fine.
   */
  checkAccount(before: AccountSettings | null, next: AccountSettings): AccountSettings {
    const domain = this.value<string | null>('account.domain');
    const parsed = parseSipAddress(next.sipAddress);
    if (domain && parsed && parsed.domain.toLowerCase() !== domain.toLowerCase()) {
      throw new UserFacingError(
        `${MANAGED_MESSAGE} Your SIP address must end in @${domain} (for example ${parsed.user}@${domain}).`,
      );
    }
    this.refuseLockedChanges('account', before ?? this.accountTemplate(), next, ACCOUNT_LABELS);
    return this.applyAccount(next);
  }

  checkDesk(before: DeskSettings, next: DeskSettings): DeskSettings {
    this.refuseLockedChanges('desk', before, next, {});
    // A caller record address must be one that policy lets open (screenPop.*).
    refuseBadScreenPopTemplate(next.screenPop.template, before.screenPop.template, {
      allowedHosts: this.value<string[]>('screenPop.allowedHosts'),
      allowHttp: this.value<boolean>('screenPop.allowHttp'),
    });
    return this.applyDesk(next);
  }

  private refuseLockedChanges<T extends object>(
    section: Section,
    before: T,
    next: T,
    labels: Record<string, string>,
  ): void {
    const changed = this.sectionKeys(section).filter((key) => {
      if (!this.locks.has(key)) return false;
      const path = key.split('.').slice(1);
      const wanted = getPath(next, path);
      return !same(wanted, this.enforced(key)) && !same(wanted, getPath(before, path));
    });
    if (changed.length === 0) return;
    const names = changed.map((key) => labels[key] ?? key).join(', ');
    throw new UserFacingError(`${MANAGED_MESSAGE} It cannot be changed here: ${names}.`);
  }

  /** The value a locked key is held at: the policy's, or the built-in default when only locked. */
  private enforced(key: PolicyKey): unknown {
    return key in this.loaded.values ? this.loaded.values[key] : policyDefault(key);
  }

  private sectionKeys(section: Section): PolicyKey[] {
    const keys = new Set<PolicyKey>([...this.locks, ...(Object.keys(this.loaded.values) as PolicyKey[])]);
    return [...keys].filter((key) => key.startsWith(`${section}.`) && key !== 'account.domain');
  }

  private apply<T extends object>(section: Section, settings: T): T {
    const out = structuredClone(settings);
    for (const key of this.sectionKeys(section)) {
      const path = key.split('.').slice(1);
      if (this.locks.has(key)) {
        setPath(out, path, structuredClone(this.enforced(key)));
      } else if (same(getPath(out, path), policyDefault(key))) {
        setPath(out, path, structuredClone(this.loaded.values[key]));
      }
    }
    return out;
  }
}

/** Field names as the form shows them, for the refusal message. */
const ACCOUNT_LABELS: Record<string, string> = {
  'account.wsUrl': 'WebSocket URL',
  'account.allowInsecureWs': 'Allow insecure connection',
  'account.iceServers': 'ICE servers',
  'account.iceGatheringTimeoutMs': 'ICE gathering limit',
  'account.iceTransportPolicy': 'Relay all media through the TURN server (TURN only)',
  'account.dtmfMode': 'Keypad tones',
  'account.voicemailNumber': 'Voicemail number',
  'account.mwiSubscribe': 'Ask the PBX for voicemail notices',
  'account.parkExtension': 'Park extension',
  'account.parkSlots': 'Park slots',
  'account.pickupPrefix': 'Pickup prefix',
  'account.teamColleagues': 'Team on the colleagues board',
  'account.announceColleagueRinging': "Tell me when a colleague's phone rings",
  'account.lampExpiresS': 'Lamp subscription length',
  'account.displayName': 'Display name',
  'account.authUser': 'Authentication user',
};

function setPath(root: object, path: readonly string[], value: unknown): void {
  let node = root as Record<string, unknown>;
  for (const segment of path.slice(0, -1)) {
    if (typeof node[segment] !== 'object' || node[segment] === null) node[segment] = {};
    node = node[segment] as Record<string, unknown>;
  }
  node[path[path.length - 1]!] = value;
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
