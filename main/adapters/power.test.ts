import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import type { PowerReason } from '../core/power/power-relay';
import { watchPower } from './power';

describe('power adapter', () => {
  it('forwards resume and unlock to the relay, and stops on dispose', () => {
    const monitor = new EventEmitter();
    const seen: PowerReason[] = [];
    const stop = watchPower(monitor, { notify: (reason) => seen.push(reason) > 0 });
    monitor.emit('resume');
    monitor.emit('unlock-screen');
    stop();
    monitor.emit('resume');
    expect(seen).toEqual(['resume', 'unlock-screen']);
    expect(monitor.listenerCount('resume')).toBe(0);
  });
});
