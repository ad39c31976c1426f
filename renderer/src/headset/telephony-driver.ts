import type { HeadsetDriver, HeadsetListener, HeadsetSignal } from './headset';
import { fieldValue, OutputReports, reportLayout, type UsageField } from './report-layout';
import { usageOf, type HidDevice, type HidInputReportEvent } from './webhid';

// The USB-IF HID Usage Tables (1.5): Telephony page 0x0B and LED page 0x08,
// which Jabra, Poly, EPOS and Yealink headsets all expose for call control
// (Jabra documents it as its "standardized USB HID commands"; GN's own SDK,
// @gnaudio/jabra-js, is not shipped: see README, Headset call control).
const TELEPHONY = 0x0b;
const LED = 0x08;
export const USAGE = {
  hookSwitch: usageOf(TELEPHONY, 0x20),
  flash: usageOf(TELEPHONY, 0x21),
  redial: usageOf(TELEPHONY, 0x24),
  phoneMute: usageOf(TELEPHONY, 0x2f),
  lineBusy: usageOf(TELEPHONY, 0x97),
  ringer: usageOf(TELEPHONY, 0x9e),
  ledMute: usageOf(LED, 0x09),
  ledOffHook: usageOf(LED, 0x17),
  ledRing: usageOf(LED, 0x18),
  ledHold: usageOf(LED, 0x20),
  ledMicrophone: usageOf(LED, 0x21),
} as const;

/** The outputs each signal is written to, in order of preference; `all`: write every one present. */
const OUTPUTS: Record<HeadsetSignal, { usages: number[]; all: boolean }> = {
  // Some headsets light a ring LED, others sound a ringer: set both when both exist.
  ring: { usages: [USAGE.ledRing, USAGE.ringer], all: true },
  offHook: { usages: [USAGE.ledOffHook], all: false },
  muted: { usages: [USAGE.ledMute, USAGE.ledMicrophone], all: false },
  held: { usages: [USAGE.ledHold], all: false },
};

const BUTTONS = [USAGE.hookSwitch, USAGE.flash, USAGE.redial, USAGE.phoneMute, USAGE.lineBusy];

export class TelephonyDriver implements HeadsetDriver {
  readonly capabilities: ReadonlySet<HeadsetSignal | 'buttons'>;
  private readonly inputs: Map<number, UsageField>;
  private readonly outputs: OutputReports;
  private readonly last = new Map<number, number>();
  /** The hook as the phone and the headset last agreed on it. */
  private hook = false;

  constructor(
    readonly device: HidDevice,
    private readonly listener: HeadsetListener,
  ) {
    this.inputs = reportLayout(device.collections, 'inputReports').fields;
    this.outputs = new OutputReports(reportLayout(device.collections, 'outputReports'));
    const capabilities = new Set<HeadsetSignal | 'buttons'>();
    for (const [signal, { usages }] of Object.entries(OUTPUTS) as [HeadsetSignal, { usages: number[] }][]) {
      if (usages.some((usage) => this.outputs.has(usage))) capabilities.add(signal);
    }
    if (this.inputs.has(USAGE.hookSwitch)) capabilities.add('buttons');
    this.capabilities = capabilities;
  }

  async start(): Promise<void> {
    if (!this.device.opened) await this.device.open();
    this.device.addEventListener('inputreport', this.onInput);
  }

  async set(signal: HeadsetSignal, on: boolean): Promise<void> {
    if (signal === 'offHook') this.hook = on;
    const { usages, all } = OUTPUTS[signal];
    const present = usages.filter((usage) => this.outputs.has(usage));
    for (const usage of all ? present : present.slice(0, 1)) {
      const report = this.outputs.set(usage, on ? 1 : 0);
      if (report) await this.device.sendReport(report.reportId, report.data);
    }
  }

  async close(): Promise<void> {
    this.device.removeEventListener('inputreport', this.onInput);
    if (this.device.opened) await this.device.close().catch(() => undefined);
  }

  private readonly onInput = (event: Event): void => {
    const { reportId, data } = event as HidInputReportEvent;
    for (const usage of BUTTONS) {
      const field = this.inputs.get(usage);
      if (!field || field.reportId !== reportId) continue;
      const value = fieldValue(field, data);
      const previous = this.last.get(usage) ?? 0;
      this.last.set(usage, value);
      // Every report repeats every control: only a change is news.
      if (value !== previous) this.react(usage, field, value, value !== 0);
    }
  };

  // A headset follows the phone's Off-Hook output and then reports that hook
  // state itself: that echo, like a stale report sent before it, is no request.
  private react(usage: number, field: UsageField, value: number, pressed: boolean): void {
    if (usage === USAGE.hookSwitch) {
      // Absolute: the report is the hook's state. Relative: each press flips it.
      const offHook = field.absolute ? value !== 0 : pressed ? !this.hook : this.hook;
      if (offHook === this.hook) return;
      this.hook = offHook;
      this.listener({ type: offHook ? 'offHook' : 'onHook' });
      return;
    }
    if (!pressed) return;
    if (usage === USAGE.phoneMute) this.listener({ type: 'mute' });
    else if (usage === USAGE.flash) this.listener({ type: 'flash' });
    else if (usage === USAGE.redial) this.listener({ type: 'redial' });
    else if (usage === USAGE.lineBusy) this.listener({ type: 'reject' });
  }
}

/** The chunk's entry (headset-state.svelte.ts imports it once a headset is there). */
export async function openTelephonyDriver(
  device: HidDevice,
  listener: HeadsetListener,
): Promise<HeadsetDriver> {
  const driver = new TelephonyDriver(device, listener);
  await driver.start();
  return driver;
}
