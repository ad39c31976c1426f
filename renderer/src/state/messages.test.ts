import { afterEach, describe, expect, it, vi } from 'vitest';
import type { MessageOutcome } from '../sip/types';
import { NullEngine } from './null-engine';
import { MessagesState, peerOf } from './messages.svelte';

afterEach(() => vi.unstubAllGlobals());

describe('the conversation a target belongs to', () => {
  it('is the extension, or the user part of an address on our own domain', () => {
    expect(peerOf(' 1002 ', 'pbx.example')).toBe('1002');
    expect(peerOf('sip:1002@PBX.example', 'pbx.example')).toBe('1002');
    expect(peerOf('+49 (30) 123-45', 'pbx.example')).toBe('+493012345');
    expect(peerOf('anna@other.example', 'pbx.example')).toBe('anna@other.example');
  });
});

describe('sending a message', () => {
  it('reports it to main first, then what the network answered', async () => {
    const records: unknown[] = [];
    const invoke = vi.fn(async (channel: string, request: unknown) => {
      if (channel === 'messages:record') records.push(request);
      return { conversations: [], messages: [], unread: 0 };
    });
    vi.stubGlobal('window', { deskphone: { invoke, on: () => () => undefined } });
    const engine = new (class extends NullEngine {
      override async sendMessage(): Promise<MessageOutcome> {
        return { delivered: false, reason: 'offline', code: 480 };
      }
    })();
    const state = new MessagesState(engine, () => 'pbx.example');
    await state.send('1002', '  Lunch?  ');
    expect(records).toEqual([
      expect.objectContaining({ kind: 'sent', peer: '1002', text: 'Lunch?' }),
      expect.objectContaining({ kind: 'status', status: 'failed', reason: 'offline', code: 480 }),
    ]);
    expect(state.peer).toBe('1002');
  });
});
