// The last SIP messages the doctor's test registration sent and received, for
// the support bundle. A ring buffer, so a long session cannot grow it without
// bound. Messages are kept as SIP.js logs them (with Authorization headers);
// main redacts those before anything is written to disk.

export const SIP_TRACE_LIMIT = 200;

export class SipTrace {
  private readonly lines: string[] = [];

  constructor(private readonly limit = SIP_TRACE_LIMIT) {}

  /** A SIP.js logConnector: keeps only the transport's message dumps. */
  readonly connector = (
    _level: string,
    category: string,
    _label: string | undefined,
    content: string,
  ): void => {
    if (!/transport/i.test(category)) return;
    if (!/^(Sending|Received) WebSocket/.test(content)) return;
    this.add(`${new Date().toISOString()} ${content.trim()}`);
  };

  add(message: string): void {
    this.lines.push(message);
    if (this.lines.length > this.limit) this.lines.splice(0, this.lines.length - this.limit);
  }

  snapshot(): string[] {
    return [...this.lines];
  }
}

/** One trace for the whole window: the doctor fills it, the support export reads it. */
export const doctorSipTrace = new SipTrace();
