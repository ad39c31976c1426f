// RFC 3842 bodies as Asterisk and other PBXes send them, and what anyone else might send instead.
import { describe, expect, it } from 'vitest';
import { MAX_SUMMARY_BYTES, parseMessageSummary, sameVoicemail } from './message-summary';

describe('parseMessageSummary', () => {
  it('reads Asterisk\u2019s body: waiting, new/old and the urgent counts', () => {
    const body = 'Messages-Waiting: yes\r\nMessage-Account: sip:*97@10.0.0.1\r\nVoice-Message: 3/1 (1/0)\r\n';
    expect(parseMessageSummary(body)).toEqual({
      waiting: true,
      newMessages: 3,
      oldMessages: 1,
      urgentNew: 1,
      urgentOld: 0,
    });
  });

  it('reads an empty mailbox as nothing waiting, keeping the old count', () => {
    expect(parseMessageSummary('Messages-Waiting: no\r\nVoice-Message: 0/2 (0/0)\r\n')).toEqual({
      waiting: false,
      newMessages: 0,
      oldMessages: 2,
      urgentNew: 0,
      urgentOld: 0,
    });
  });

  it('accepts bare LF, any header case, extra spaces and no urgent part', () => {
    expect(parseMessageSummary('messages-waiting:YES\nvoice-message:  2 / 5  \n')).toMatchObject({
      waiting: true,
      newMessages: 2,
      oldMessages: 5,
      urgentNew: 0,
    });
  });

  it('takes a lamp without counts as waiting, with no number made up', () => {
    expect(parseMessageSummary('Messages-Waiting: yes\r\n')).toEqual({
      waiting: true,
      newMessages: 0,
      oldMessages: 0,
      urgentNew: 0,
      urgentOld: 0,
    });
  });

  it('lets "no" win over stray new counts', () => {
    expect(parseMessageSummary('Messages-Waiting: no\r\nVoice-Message: 4/0\r\n')?.newMessages).toBe(0);
  });

  it('ignores other message classes (fax, e-mail) and uses the first voice line', () => {
    const body = 'Messages-Waiting: yes\r\nFax-Message: 9/9\r\nVoice-Message: 1/0\r\nVoice-Message: 7/7\r\n';
    expect(parseMessageSummary(body)).toMatchObject({ newMessages: 1, oldMessages: 0 });
  });

  it.each([
    ['undefined', undefined],
    ['a number', 42],
    ['an object', { waiting: true }],
    ['an empty body', ''],
    ['no Messages-Waiting line', 'Voice-Message: 3/0\r\n'],
    ['a Messages-Waiting that is neither yes nor no', 'Messages-Waiting: maybe\r\nVoice-Message: 1/0'],
    ['XML instead of a summary', '<?xml version="1.0"?><dialog-info/>'],
    ['binary noise', '\u0000\u0001\u00ff\ufffd::::\r\n\r\n'],
  ])('returns null for %s', (_label, body) => {
    expect(parseMessageSummary(body)).toBeNull();
  });

  it('drops counts that are not plain numbers instead of guessing', () => {
    for (const counts of ['-1/0', '1e9/0', '0x10/0', 'NaN/Infinity', '1/2 (a/b)', '1/2/3', '１/０']) {
      expect(parseMessageSummary(`Messages-Waiting: yes\r\nVoice-Message: ${counts}\r\n`)).toMatchObject({
        newMessages: 0,
        oldMessages: 0,
      });
    }
  });

  it('clamps absurd counts to something a screen can show', () => {
    const parsed = parseMessageSummary(
      'Messages-Waiting: yes\r\nVoice-Message: 999999999/123456789 (99999/1)',
    );
    expect(parsed).toMatchObject({ newMessages: 9999, oldMessages: 9999, urgentNew: 9999, urgentOld: 1 });
  });

  it('refuses an oversized body without reading it', () => {
    const padding = 'X-Filler: ' + 'a'.repeat(MAX_SUMMARY_BYTES);
    expect(parseMessageSummary(`Messages-Waiting: yes\r\n${padding}\r\nVoice-Message: 1/0`)).toBeNull();
  });

  it('reads only the first lines of a body stuffed with headers', () => {
    const body = 'A: b\n'.repeat(100) + 'Messages-Waiting: yes\nVoice-Message: 5/0\n';
    expect(body.length).toBeLessThan(MAX_SUMMARY_BYTES);
    expect(parseMessageSummary(body)).toBeNull();
  });
});

describe('sameVoicemail', () => {
  const one = { waiting: true, newMessages: 1, oldMessages: 0, urgentNew: 0, urgentOld: 0 };
  it('compares every count', () => {
    expect(sameVoicemail(one, { ...one })).toBe(true);
    expect(sameVoicemail(one, { ...one, oldMessages: 1 })).toBe(false);
    expect(sameVoicemail(undefined, one)).toBe(false);
    expect(sameVoicemail(undefined, undefined)).toBe(true);
  });
});
