import { describe, expect, it } from 'vitest';
import type { RecordingRef } from '../../../contract/recording';
import { compactEvents } from './journal-file';
import { applyEvent, emptyHistory, replayJournal, serialise, type JournalEvent } from './journal-format';

const started: JournalEvent = {
  type: 'started',
  id: 'h1',
  direction: 'incoming',
  number: '1002',
  name: 'Bob',
  remoteUri: 'sip:1002@pbx',
  start: 1000,
};
const ref = (bytes: number, file = 'a.webm'): RecordingRef => ({
  file,
  startedAt: 2000,
  bytes,
  path: `/r/${file}`,
});
const ended: JournalEvent = {
  type: 'ended',
  id: 'h1',
  direction: 'incoming',
  number: '1002',
  name: 'Bob',
  remoteUri: 'sip:1002@pbx',
  start: 1000,
  end: 9000,
  duration: 7,
  outcome: 'answered',
};

describe('recordings in the call history journal', () => {
  it('a recording made during the call stays with it when the call ends, and its final size replaces the first', () => {
    const lines = [
      started,
      { type: 'recorded', id: 'h1', recording: ref(0) },
      ended,
      { type: 'recorded', id: 'h1', recording: ref(4096) },
    ] satisfies JournalEvent[];
    const { data, garbage } = replayJournal(lines.map(serialise).join(''));
    expect(garbage).toBe(0);
    expect(data.finished.get('h1')?.recordings).toEqual([ref(4096)]);
  });

  it('a recording of an unknown call is ignored', () => {
    const data = emptyHistory();
    applyEvent(data, { type: 'recorded', id: 'nobody', recording: ref(1) });
    expect(data.finished.size + data.live.size).toBe(0);
  });

  it('compaction keeps the recordings of finished calls and of calls in progress', () => {
    const data = emptyHistory();
    applyEvent(data, started);
    applyEvent(data, { type: 'recorded', id: 'h1', recording: ref(10) });
    applyEvent(data, { ...started, id: 'h2' });
    applyEvent(data, { type: 'recorded', id: 'h2', recording: ref(20, 'b.webm') });
    applyEvent(data, ended);
    const replayed = replayJournal(compactEvents(data, 100).map(serialise).join('')).data;
    expect(replayed.finished.get('h1')?.recordings).toEqual([ref(10)]);
    expect(replayed.live.get('h2')?.recordings).toEqual([ref(20, 'b.webm')]);
  });
});
