import type { PhoneReport } from '../../../contract/desk';
import type { ReportedCall } from './calls';

// Phone reports for the desk unit tests: one builder per situation, so each
// test says what the phone is doing rather than spelling out every field.

export function call(overrides: Partial<ReportedCall> = {}): ReportedCall {
  return {
    id: 'c1',
    direction: 'incoming',
    status: 'incoming',
    remoteName: 'Alice Archer',
    remoteNumber: 'alice',
    muted: false,
    held: false,
    ...overrides,
  };
}

export function report(calls: ReportedCall[] = [], registration: PhoneReport['registration'] = 'registered') {
  return { registration, calls } satisfies PhoneReport;
}

export const ringingAlice = (id = 'c1') => call({ id });

export const activeBob = (overrides: Partial<ReportedCall> = {}) =>
  call({
    id: 'c2',
    direction: 'outgoing',
    status: 'active',
    remoteName: 'Bob',
    remoteNumber: 'bob',
    ...overrides,
  });
