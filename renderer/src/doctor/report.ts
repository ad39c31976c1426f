import type { DoctorStep } from '../../../contract/doctor';

// The text behind "Copy report": what a user pastes into a ticket. It names
// the account and server but never a password; any secret passed in is
// masked as well, in case an error message ever echoed one back.

export interface ReportContext {
  sipAddress: string;
  wsUrl: string;
  when: Date;
  /** Strings that must not appear (the password, TURN credentials). */
  secrets?: string[];
}

const LABEL: Record<DoctorStep['status'], string> = { pass: 'PASS', fail: 'FAIL', skipped: 'SKIPPED' };

export function formatReport(steps: DoctorStep[], context: ReportContext): string {
  const lines = [
    'DeskPhone connection doctor',
    `When: ${context.when.toISOString()}`,
    `Account: ${context.sipAddress}`,
    `WebSocket: ${context.wsUrl}`,
    '',
  ];
  for (const step of steps) {
    lines.push(`[${LABEL[step.status]}] ${step.title}`, `  ${step.message}`);
    if (step.detail) lines.push(`  Detail: ${step.detail}`);
    if (step.certificate) {
      const c = step.certificate;
      lines.push(
        `  Certificate: ${c.subject}`,
        `  Issued by: ${c.issuer}`,
        `  Valid until: ${c.validTo}`,
        `  SHA-256: ${c.fingerprint256}`,
      );
    }
  }
  return mask(lines.join('\n') + '\n', context.secrets ?? []);
}

function mask(text: string, secrets: string[]): string {
  let out = text;
  for (const secret of [...secrets].filter(Boolean).sort((a, b) => b.length - a.length)) {
    out = out.split(secret).join('[redacted]');
  }
  return out;
}

/** A one-line summary for the live region: "3 passed, 1 failed, 2 skipped". */
export function summary(steps: DoctorStep[]): string {
  const count = (status: DoctorStep['status']): number => steps.filter((s) => s.status === status).length;
  return `${count('pass')} passed, ${count('fail')} failed, ${count('skipped')} skipped`;
}
