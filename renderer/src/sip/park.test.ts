import { describe, expect, it } from 'vitest';
import { detectParkedSlot, lampExtension, slotStateOf, slotViews, type SlotState } from './park';

const before = (entries: Record<string, SlotState>) => new Map(Object.entries(entries));

describe('park slot lamps', () => {
  it('reads the extension from whatever form the lamp target takes', () => {
    expect(lampExtension('701')).toBe('701');
    expect(lampExtension('sip:701@pbx.example.com')).toBe('701');
    expect(lampExtension('<sips:0701@pbx;user=phone>')).toBe('0701');
  });

  it('maps lamp states to free, occupied and unknown', () => {
    expect(slotStateOf('idle')).toBe('free');
    expect(slotStateOf('busy')).toBe('occupied');
    expect(slotStateOf('held')).toBe('occupied');
    expect(slotStateOf('unavailable')).toBe('unknown');
    expect(slotStateOf(undefined)).toBe('unknown');
  });

  it('lists the configured slots in order, unknown until their lamp reports', () => {
    const views = slotViews(
      ['701', '702', '703'],
      [
        { target: 'sip:702@pbx', state: 'busy', peer: { name: 'Bob', number: '1002' } },
        { target: '701', state: 'idle', peer: { name: 'ignored while free', number: '1' } },
        { target: '799', state: 'busy' },
      ],
    );
    expect(views).toEqual([
      { slot: '701', state: 'free' },
      { slot: '702', state: 'occupied', parked: { name: 'Bob', number: '1002' } },
      { slot: '703', state: 'unknown' },
    ]);
  });
});

describe('detectParkedSlot', () => {
  const free = before({ '701': 'free', '702': 'free', '703': 'free' });

  it('finds the one slot that lit after Park', () => {
    const now = slotViews(['701', '702', '703'], [{ target: '701', state: 'busy' }]);
    expect(detectParkedSlot(free, now)).toEqual({ kind: 'slot', slot: '701' });
  });

  it('ignores a slot that was already occupied before the park', () => {
    const was = before({ '701': 'occupied', '702': 'free' });
    const now = slotViews(
      ['701', '702'],
      [
        { target: '701', state: 'busy' },
        { target: '702', state: 'busy' },
      ],
    );
    expect(detectParkedSlot(was, now)).toEqual({ kind: 'slot', slot: '702' });
  });

  it('counts a slot whose lamp had not reported yet as newly lit', () => {
    const now = slotViews(['701'], [{ target: '701', state: 'busy' }]);
    expect(detectParkedSlot(new Map(), now)).toEqual({ kind: 'slot', slot: '701' });
  });

  it('prefers the slot that names the parked party when two lit at once', () => {
    const now = slotViews(
      ['701', '702'],
      [
        { target: '701', state: 'busy', peer: { name: 'Dave', number: '1004' } },
        { target: '702', state: 'busy', peer: { name: 'Bob', number: '1002' } },
      ],
    );
    expect(detectParkedSlot(free, now, '1002')).toEqual({ kind: 'slot', slot: '702' });
  });

  it('leaves out a slot that names someone else', () => {
    const now = slotViews(
      ['701', '702'],
      [
        { target: '701', state: 'busy', peer: { name: 'Dave', number: '1004' } },
        { target: '702', state: 'busy' },
      ],
    );
    expect(detectParkedSlot(free, now, '1002')).toEqual({ kind: 'slot', slot: '702' });
  });

  it('says ambiguous rather than guess when two anonymous slots lit', () => {
    const now = slotViews(
      ['701', '702', '703'],
      [
        { target: '701', state: 'busy' },
        { target: '703', state: 'busy' },
      ],
    );
    expect(detectParkedSlot(free, now, '1002')).toEqual({ kind: 'ambiguous', slots: ['701', '703'] });
  });

  it('finds nothing while no slot has lit', () => {
    const now = slotViews(['701', '702'], [{ target: '701', state: 'idle' }]);
    expect(detectParkedSlot(free, now)).toEqual({ kind: 'none' });
  });
});
