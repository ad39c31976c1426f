import { afterEach, describe, expect, it, vi } from 'vitest';
import type { HistoryEntry } from '../../../contract/history';
import { callbackTarget, HistoryState, PAGE_SIZE } from './history.svelte';

function entry(n: number): HistoryEntry {
  return {
    id: `h${n}`,
    direction: 'incoming',
    number: `${n}`,
    name: '',
    remoteUri: '',
    start: n,
    end: n,
    duration: 0,
    outcome: 'missed',
  };
}

afterEach(() => vi.unstubAllGlobals());

describe('calling back from Recent', () => {
  it('dials the number on our own domain, and the full address elsewhere', () => {
    expect(
      callbackTarget({ number: 'alice', remoteUri: 'sip:alice@pbx.example.com' }, 'pbx.example.com'),
    ).toBe('alice');
    expect(
      callbackTarget({ number: 'alice', remoteUri: 'sip:alice@PBX.example.com:5061' }, 'pbx.example.com'),
    ).toBe('alice');
    expect(
      callbackTarget({ number: 'bob', remoteUri: 'sip:bob@other.example;transport=ws' }, 'pbx.example.com'),
    ).toBe('bob@other.example');
    expect(callbackTarget({ number: '+4420', remoteUri: '' }, 'pbx.example.com')).toBe('+4420');
  });
});

describe('HistoryState', () => {
  it('loads a page, shows more, and ignores answers to an older search', async () => {
    const all = Array.from({ length: 450 }, (_, i) => entry(450 - i));
    const requests: Array<Record<string, unknown>> = [];
    let release: (() => void) | null = null;
    const invoke = vi.fn(
      async (_channel: string, request: { query?: string; limit: number; offset: number }) => {
        requests.push(request);
        if (request.query === 'slow') await new Promise<void>((resolve) => (release = resolve));
        const found = request.query === 'slow' ? [] : all;
        return {
          entries: found.slice(request.offset, request.offset + request.limit),
          total: found.length,
          missed: 2,
        };
      },
    );
    vi.stubGlobal('window', { deskphone: { invoke, on: () => () => undefined } });

    const history = new HistoryState();
    await history.load();
    expect(history.entries).toHaveLength(PAGE_SIZE);
    expect([history.total, history.missed]).toEqual([450, 2]);
    await history.showMore();
    expect(history.entries).toHaveLength(400);

    const slow = history.search('slow');
    await history.search('');
    release!();
    await slow;
    expect(history.entries).toHaveLength(PAGE_SIZE);
    expect(requests.at(-1)).toEqual({ query: undefined, limit: PAGE_SIZE, offset: 0 });
  });
});
