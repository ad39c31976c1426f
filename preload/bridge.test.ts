import { describe, expect, it } from 'vitest';
import { STARTUP_READS } from '../contract/channels';
import { contract } from '../contract/ipc';
import { createDeskphoneApi } from './bridge';

function recordingInvoke(answer: (channel: string) => Promise<unknown> = async (c) => ({ from: c })) {
  const calls: Array<{ channel: string; request: unknown }> = [];
  return {
    calls,
    invoke: (channel: string, request: unknown) => {
      calls.push({ channel, request });
      return answer(channel);
    },
  };
}
const noEvents = () => () => undefined;

describe('start-up reads in the bridge', () => {
  it('asks main for the start-up reads as the page is created, and hands each answer out once', async () => {
    const raw = recordingInvoke();
    const api = createDeskphoneApi(raw.invoke, noEvents, true);
    expect(raw.calls).toEqual(STARTUP_READS.map((channel) => ({ channel, request: {} })));

    expect(await api.startup('settings:get')).toEqual({ from: 'settings:get' });
    expect(raw.calls).toHaveLength(STARTUP_READS.length);
    // Taken once: asking again asks main again (a retry after an error, fresh settings).
    await api.startup('settings:get');
    expect(raw.calls.at(-1)).toEqual({ channel: 'settings:get', request: {} });
    expect(raw.calls).toHaveLength(STARTUP_READS.length + 1);
  });

  it('asks nothing ahead in a frame that is not the app window', async () => {
    const raw = recordingInvoke();
    const api = createDeskphoneApi(raw.invoke, noEvents, false);
    expect(raw.calls).toEqual([]);
    await api.startup('desk:get');
    expect(raw.calls).toEqual([{ channel: 'desk:get', request: {} }]);
  });

  it("passes main's refusal on to whoever takes the answer, with main's message", async () => {
    const raw = recordingInvoke(async () => {
      throw new Error("Error invoking remote method 'settings:get': Error: The settings file is locked");
    });
    const api = createDeskphoneApi(raw.invoke, noEvents, true);
    await expect(api.startup('settings:get')).rejects.toThrow('The settings file is locked');
  });

  it('only reads that take the empty request are asked for ahead', () => {
    for (const channel of STARTUP_READS) {
      expect(contract[channel].request.safeParse({}).success, channel).toBe(true);
      // Reads only (a getter or a status), never an action.
      expect(channel, channel).toMatch(/:(get|status)$/);
    }
  });
});
