// RFC 4235 bodies as Asterisk 22 writes them, and the junk anyone else might send.
import { describe, expect, it } from 'vitest';
import { DialogInfoTracker, MAX_DIALOG_INFO_BYTES, parseDialogInfo, summarise } from './dialog-info';

const HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n';
function asterisk(version: number, dialog: string): string {
  return `${HEAD}<dialog-info xmlns="urn:ietf:params:xml:ns:dialog-info" version="${version}" state="full" entity="sip:1002@10.213.0.1">\n${dialog}</dialog-info>\n`;
}
const IDLE = ' <dialog id="1002">\n  <state>terminated</state>\n </dialog>\n';
const RINGING =
  ' <dialog id="1002" direction="recipient">\n  <remote>\n   <identity display="Erin &amp; Co">sip:1009@10.213.0.1</identity>\n' +
  '   <target uri="sip:1009@10.213.0.1"/>\n  </remote>\n  <local>\n   <identity display="Bob">sip:1002@10.213.0.1</identity>\n' +
  '   <target uri="sip:1002@10.213.0.1"/>\n  </local>\n  <state>early</state>\n </dialog>\n';
const INUSE = ' <dialog id="1002">\n  <state>confirmed</state>\n </dialog>\n';
const ONHOLD =
  ' <dialog id="1002">\n  <state>confirmed</state>\n  <local>\n   <target uri="sip:1002@10.213.0.1">\n' +
  '    <param pname="+sip.rendering" pvalue="no"/>\n   </target>\n  </local>\n </dialog>\n';

describe('parseDialogInfo', () => {
  it("reads each of Asterisk's states", () => {
    expect(summarise(parseDialogInfo(asterisk(0, IDLE))!.dialogs)).toEqual({ state: 'idle' });
    expect(summarise(parseDialogInfo(asterisk(1, RINGING))!.dialogs)).toEqual({
      state: 'ringing',
      peer: { name: 'Erin ＆ Co', number: '1009' },
    });
    expect(summarise(parseDialogInfo(asterisk(2, INUSE))!.dialogs)).toEqual({ state: 'busy' });
    expect(summarise(parseDialogInfo(asterisk(3, ONHOLD))!.dialogs)).toEqual({ state: 'held' });
  });

  it('reads version, full/partial, direction and namespace prefixes', () => {
    const doc = parseDialogInfo(
      '<d:dialog-info xmlns:d="urn:ietf:params:xml:ns:dialog-info" version="7" state="partial">' +
        '<d:dialog id="a" direction="initiator"><d:state>proceeding</d:state></d:dialog></d:dialog-info>',
    );
    expect(doc).toEqual({
      version: 7,
      full: false,
      dialogs: [{ id: 'a', state: 'proceeding', direction: 'initiator', held: false }],
    });
  });

  it('an anonymous caller has a name but no number; markup and controls in a name are made harmless', () => {
    const anonymous = RINGING.replace(
      'sip:1009@10.213.0.1</identity>',
      'sip:anonymous@anonymous.invalid</identity>',
    );
    expect(summarise(parseDialogInfo(asterisk(1, anonymous))!.dialogs).peer).toEqual({
      name: 'Erin ＆ Co',
      number: '',
    });
    const nasty = RINGING.replace('Erin &amp; Co', '&lt;img src=x onerror=alert(1)&gt;\u202eEvil\u0007');
    const peer = summarise(parseDialogInfo(asterisk(1, nasty))!.dialogs).peer!;
    for (const bad of ['<', '>', '\u202e', '\u0007']) expect(peer.name).not.toContain(bad);
    expect(peer.name).toContain('Evil');
  });

  it('returns null for junk, wrong types and oversize bodies, and never throws', () => {
    for (const junk of [undefined, 42, '', 'hello', '<presence/>', '<dialog-info', '\u0000'.repeat(100)]) {
      expect(parseDialogInfo(junk)).toBeNull();
    }
    expect(parseDialogInfo(asterisk(1, IDLE + ' '.repeat(MAX_DIALOG_INFO_BYTES)))).toBeNull();
    const unclosed = parseDialogInfo('<dialog-info version="1"><dialog id="x"><state>early');
    expect(unclosed === null || unclosed.dialogs.length === 0).toBe(true);
    const many = parseDialogInfo(asterisk(1, INUSE.repeat(10_000).slice(0, 30_000)));
    expect(many?.dialogs.length ?? 0).toBeLessThanOrEqual(32);
  });

  it('ignores an unknown state and a DOCTYPE that tries to define entities', () => {
    const doc = parseDialogInfo(
      '<!DOCTYPE x [<!ENTITY a "boom">]><dialog-info version="1"><dialog id="1"><state>&a;</state></dialog></dialog-info>',
    );
    expect(doc?.dialogs).toEqual([]);
  });
});

describe('summarise', () => {
  it('ringing beats talking, talking beats holding', () => {
    const held = { id: 'h', state: 'confirmed' as const, held: true };
    const talking = { id: 't', state: 'confirmed' as const, held: false };
    const ringing = { id: 'r', state: 'early' as const, direction: 'recipient' as const, held: false };
    expect(summarise([held, talking, ringing]).state).toBe('ringing');
    expect(summarise([held, talking]).state).toBe('busy');
    expect(summarise([held]).state).toBe('held');
    // Calling out (early as initiator) is being in a call, not ringing.
    expect(summarise([{ ...ringing, direction: 'initiator' }]).state).toBe('busy');
  });
});

describe('DialogInfoTracker', () => {
  it('ignores stale versions and applies partial updates by dialog id', () => {
    const tracker = new DialogInfoTracker();
    expect(tracker.summary).toBeUndefined();
    expect(tracker.apply(asterisk(5, RINGING))).toBe(true);
    expect(tracker.summary?.state).toBe('ringing');
    expect(tracker.apply(asterisk(4, IDLE))).toBe(false);
    expect(tracker.apply(asterisk(5, IDLE))).toBe(false);
    expect(tracker.summary?.state).toBe('ringing');
    const partial = (version: number, dialog: string) =>
      asterisk(version, dialog).replace('state="full"', 'state="partial"');
    expect(tracker.apply(partial(6, '<dialog id="second"><state>confirmed</state></dialog>'))).toBe(true);
    expect(tracker.summary?.state).toBe('ringing');
    expect(tracker.apply(partial(7, '<dialog id="1002"><state>terminated</state></dialog>'))).toBe(true);
    expect(tracker.summary?.state).toBe('busy');
    expect(tracker.apply(asterisk(8, IDLE))).toBe(true);
    expect(tracker.summary?.state).toBe('idle');
  });

  it('takes no partial update before a full state, and starts over after reset', () => {
    const tracker = new DialogInfoTracker();
    expect(tracker.apply(asterisk(1, INUSE).replace('state="full"', 'state="partial"'))).toBe(false);
    expect(tracker.summary).toBeUndefined();
    tracker.apply(asterisk(9, INUSE));
    tracker.reset();
    expect(tracker.apply(asterisk(0, ONHOLD))).toBe(true);
    expect(tracker.summary?.state).toBe('held');
  });
});
