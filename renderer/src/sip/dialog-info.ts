import { plainName, plainNumber } from './remote-party';
import { element, elements, stripXmlNoise, textOf } from './xml-lite';

// RFC 4235 application/dialog-info+xml, as a lamp needs it: is the watched
// phone ringing (and who calls), in a call, holding one, or free. Untrusted:
// the body is capped, read with a tolerant parser, and every name in it is
// cleaned before it can reach the screen.
//
// What Asterisk 22 sends (res_pjsip_dialog_info_body_generator.c with
// ast_sip_presence_exten_state_to_str in res_pjsip/presence_xml.c): always
// state="full", one <dialog id="<exten>">, and
//   NOT_INUSE        <state>terminated</state>
//   UNAVAILABLE      <state>terminated</state>   (the same: dialog-info cannot tell them apart)
//   RINGING          direction="recipient", <state>early</state>, <remote><identity display="caller name">sip:<caller number>@…
//   INUSE / BUSY     <state>confirmed</state>
//   ONHOLD           <state>confirmed</state> + <local><target><param pname="+sip.rendering" pvalue="no"/>
//   INUSE|RINGING    <state>confirmed</state> (early with notify_early_inuse_ringing)

/** A body bigger than this is not a lamp's state. */
export const MAX_DIALOG_INFO_BYTES = 32 * 1024;
const MAX_DIALOGS = 32;

export type DialogState = 'trying' | 'proceeding' | 'early' | 'confirmed' | 'terminated';
const STATES: readonly DialogState[] = ['trying', 'proceeding', 'early', 'confirmed', 'terminated'];

export interface DialogEntry {
  id: string;
  state: DialogState;
  direction?: 'initiator' | 'recipient';
  /** The watched phone does not render this dialog's media: a call it holds. */
  held: boolean;
  /** The other party of this dialog, cleaned for display. */
  remote?: { name: string; number: string };
}

export interface DialogInfoDocument {
  /** null when the body has no usable version (then it is applied without ordering). */
  version: number | null;
  full: boolean;
  dialogs: DialogEntry[];
}

/** What one watched phone is doing, by its dialogs. */
export interface DialogSummary {
  state: 'idle' | 'ringing' | 'busy' | 'held';
  peer?: { name: string; number: string };
}

function remoteParty(inner: string): DialogEntry['remote'] {
  const remote = element(inner, 'remote');
  const identity = remote && element(remote.inner, 'identity');
  if (!identity) return undefined;
  const uri = textOf(identity.inner);
  const user = /^(?:sips?:|tel:)?([^@;>]*)/i.exec(uri)?.[1] ?? '';
  // Asterisk writes "invalid" / "anonymous" when it has no number to give.
  const number = /^(invalid|anonymous|unknown)$/i.test(user) ? '' : plainNumber(user);
  const name = plainName(identity.attrs['display']) || number;
  return name ? { name, number } : undefined;
}

function isHeld(inner: string): boolean {
  const local = element(inner, 'local');
  if (!local) return false;
  return elements(local.inner, 'param', 16).some(
    (param) =>
      (param.attrs['pname'] ?? '').toLowerCase() === '+sip.rendering' &&
      (param.attrs['pvalue'] ?? '').toLowerCase() === 'no',
  );
}

/** Reads a dialog-info body; null when it is not one (too big, no dialog-info element, junk). */
export function parseDialogInfo(body: unknown): DialogInfoDocument | null {
  if (typeof body !== 'string' || body.length === 0 || body.length > MAX_DIALOG_INFO_BYTES) return null;
  const xml = stripXmlNoise(body);
  const root = element(xml, 'dialog-info');
  if (!root) return null;
  const versionText = root.attrs['version'] ?? '';
  const version = /^\d{1,10}$/.test(versionText) ? Number(versionText) : null;
  const dialogs: DialogEntry[] = [];
  for (const dialog of elements(root.inner, 'dialog', MAX_DIALOGS)) {
    const stateText = textOf(element(dialog.inner, 'state')?.inner ?? '').toLowerCase();
    const state = STATES.find((known) => known === stateText);
    if (!state) continue;
    const direction = (dialog.attrs['direction'] ?? '').toLowerCase();
    const remote = remoteParty(dialog.inner);
    dialogs.push({
      id: (dialog.attrs['id'] ?? '').slice(0, 128),
      state,
      ...(direction === 'initiator' || direction === 'recipient' ? { direction } : {}),
      held: isHeld(dialog.inner),
      ...(remote ? { remote } : {}),
    });
  }
  return { version, full: (root.attrs['state'] ?? 'full').toLowerCase() !== 'partial', dialogs };
}

/** The most telling dialog wins: ringing here, then talking, then holding. */
export function summarise(dialogs: readonly DialogEntry[]): DialogSummary {
  const live = dialogs.filter((dialog) => dialog.state !== 'terminated');
  const ringing = live.find((dialog) => dialog.state === 'early' && dialog.direction === 'recipient');
  if (ringing) return { state: 'ringing', ...(ringing.remote ? { peer: ringing.remote } : {}) };
  const talking = live.find((dialog) => !dialog.held);
  if (talking) return { state: 'busy', ...(talking.remote ? { peer: talking.remote } : {}) };
  const holding = live[0];
  if (holding) return { state: 'held', ...(holding.remote ? { peer: holding.remote } : {}) };
  return { state: 'idle' };
}

/**
 * The dialogs of one subscription, kept across NOTIFYs: full documents
 * replace, partial ones update by dialog id, and a document older than the
 * last one applied (RFC 4235 §4.1 version ordering) is ignored.
 */
export class DialogInfoTracker {
  private version: number | null = null;
  private readonly dialogs = new Map<string, DialogEntry>();
  private known = false;

  /** Applies a NOTIFY body; returns false when it was junk or stale. */
  apply(body: unknown): boolean {
    const doc = parseDialogInfo(body);
    if (!doc) return false;
    if (doc.version !== null && this.version !== null && doc.version <= this.version) return false;
    // A partial update before any full state has nothing to update.
    if (!doc.full && !this.known) return false;
    if (doc.version !== null) this.version = doc.version;
    if (doc.full) this.dialogs.clear();
    for (const dialog of doc.dialogs) {
      if (dialog.state === 'terminated') this.dialogs.delete(dialog.id);
      else this.dialogs.set(dialog.id, dialog);
      if (this.dialogs.size >= MAX_DIALOGS) break;
    }
    this.known = true;
    return true;
  }

  /** A new subscription starts a new version sequence. */
  reset(): void {
    this.version = null;
    this.dialogs.clear();
    this.known = false;
  }

  /** undefined until a full state arrived. */
  get summary(): DialogSummary | undefined {
    return this.known ? summarise([...this.dialogs.values()]) : undefined;
  }
}
