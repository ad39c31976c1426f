// Intercom and paging calls ask the phone to answer by itself. PBXes mark
// them in different ways; these are the common ones (Asterisk, FreePBX,
// Broadsoft, Polycom and Snom conventions).

export type AutoAnswerPolicy = 'off' | 'on' | 'idle';

export interface AutoAnswerRequest {
  /** Seconds to wait before answering (0 = at once). */
  delaySeconds: number;
  source: 'call-info' | 'alert-info';
}

export function autoAnswerRequest(callInfo: string[], alertInfo: string[]): AutoAnswerRequest | null {
  for (const header of callInfo) {
    const match = /;\s*answer-after\s*=\s*(\d+)/i.exec(header);
    if (match) return { delaySeconds: Math.min(Number(match[1]), 60), source: 'call-info' };
  }
  for (const header of alertInfo) {
    if (/auto[\s_-]?answer|intercom|info\s*=\s*alert-autoanswer|answer-after/i.test(header)) {
      const delay = /answer-after\s*=\s*(\d+)/i.exec(header);
      return { delaySeconds: delay ? Math.min(Number(delay[1]), 60) : 0, source: 'alert-info' };
    }
  }
  return null;
}

/** Whether this phone should pick up by itself, given the user's policy and whether it is busy. */
export function shouldAutoAnswer(
  request: AutoAnswerRequest | null,
  policy: AutoAnswerPolicy,
  busy: boolean,
): boolean {
  if (!request || policy === 'off') return false;
  return policy === 'on' || !busy;
}
