// The far end's answer is read before Chromium is given it. An answer that
// WebRTC cannot use (a chan_sip peer with rtcp_mux=no, a PBX that answers
// with SDES keys or without ICE) used to end the call ~150 ms after it was
// answered, with ACK, BYE and no word. Now the call still ends (SIP.js sends
// the BYE), but the user is told which piece is missing and which Asterisk
// setting adds it. The SDP comes from the network: it is only scanned
// line by line, within fixed limits.

import { t } from '../i18n/i18n.svelte';
import type { MessageKey } from '../i18n/catalogues';

export type AnswerProblem = 'audio' | 'codec' | 'dtls' | 'sdes' | 'ice' | 'candidates' | 'rtcp-mux';

/** Names only: payload numbers may differ between offer and answer. */
const STATIC_CODECS: Record<string, string> = {
  '0': 'pcmu',
  '3': 'gsm',
  '8': 'pcma',
  '9': 'g722',
  '18': 'g729',
};
/** Formats that carry no voice: an answer with only these has no codec in common. */
const NOT_VOICE = new Set(['telephone-event', 'cn', 'red', 'rtx', 'ulpfec', 'flexfec-03']);
const MAX_SDP_CHARS = 64 * 1024;
const MAX_LINES = 2000;

interface Section {
  media: string;
  port: number;
  proto: string;
  formats: string[];
  lines: string[];
}

interface ParsedSdp {
  session: string[];
  sections: Section[];
}

function parseSdp(sdp: string): ParsedSdp {
  const lines = sdp
    .slice(0, MAX_SDP_CHARS)
    .split(/\r?\n/, MAX_LINES)
    .map((line) => line.trim());
  const parsed: ParsedSdp = { session: [], sections: [] };
  for (const line of lines) {
    const m = /^m=(\S+) (\d+)(?:\/\d+)? (\S+)((?: \S+)*)$/.exec(line);
    if (m) {
      const formats = (m[4] ?? '').split(' ').filter(Boolean).slice(0, 64);
      parsed.sections.push({ media: m[1]!, port: Number(m[2]), proto: m[3]!, formats, lines: [] });
    } else if (line.startsWith('m=')) {
      // An m= line that does not parse is a section we cannot use.
      parsed.sections.push({ media: 'unknown', port: 0, proto: '', formats: [], lines: [] });
    } else if (parsed.sections.length) parsed.sections.at(-1)!.lines.push(line);
    else parsed.session.push(line);
  }
  return parsed;
}

const has = (lines: string[], prefix: string): boolean => lines.some((line) => line.startsWith(prefix));

/** Codec names of a section's formats (lower case), from a=rtpmap or the static payload types. */
function codecNames(section: Section): string[] {
  return section.formats.map((format) => {
    const rtpmap = section.lines.find((line) => line.startsWith(`a=rtpmap:${format} `));
    const name = rtpmap ? /^a=rtpmap:\S+ ([^/\s]+)/.exec(rtpmap)?.[1] : STATIC_CODECS[format];
    return (name ?? `pt${format}`).toLowerCase();
  });
}

const voiceCodecs = (section: Section): string[] => codecNames(section).filter((n) => !NOT_VOICE.has(n));

/**
 * What makes an answer unusable for Chromium's WebRTC, most fundamental
 * first; [] when nothing is wrong. `offer` (our own SDP) lets the codec check
 * compare names; without it only an answer with no voice codec at all fails.
 */
export function checkAnswer(answer: string, offer?: string): AnswerProblem[] {
  const sdp = parseSdp(answer);
  const audio = sdp.sections.find((s) => s.media === 'audio' && s.port > 0);
  if (!audio) return ['audio'];
  const problems: AnswerProblem[] = [];
  const offered = offer ? parseSdp(offer).sections.find((s) => s.media === 'audio') : undefined;
  const voice = voiceCodecs(audio);
  const common = offered ? voice.filter((name) => voiceCodecs(offered).includes(name)) : voice;
  if (common.length === 0) problems.push('codec');
  const both = [...sdp.session, ...audio.lines];
  if (!has(both, 'a=fingerprint:')) problems.push(has(audio.lines, 'a=crypto:') ? 'sdes' : 'dtls');
  if (!has(both, 'a=ice-ufrag:') || !has(both, 'a=ice-pwd:')) problems.push('ice');
  // No trickle ICE over SIP here: an answer without candidates can never connect.
  else if (!sdp.sections.some((s) => has(s.lines, 'a=candidate:'))) problems.push('candidates');
  if (!has(audio.lines, 'a=rtcp-mux')) problems.push('rtcp-mux');
  return problems;
}

const MESSAGE_OF: Record<AnswerProblem, MessageKey> = {
  audio: 'engine.answerNoAudio',
  codec: 'engine.answerNoCodec',
  dtls: 'engine.answerNoDtls',
  sdes: 'engine.answerSdesOnly',
  ice: 'engine.answerNoIce',
  candidates: 'engine.answerNoCandidates',
  'rtcp-mux': 'engine.answerNoRtcpMux',
};

/** The user's words for an answer that cannot be used: each missing piece and the setting that adds it. */
export function describeUnusableAnswer(problems: AnswerProblem[], browserDetail?: string): string {
  const parts = problems.map((problem) => t(MESSAGE_OF[problem]));
  if (browserDetail) parts.push(t('engine.answerBrowserRefused', { detail: browserDetail.slice(0, 300) }));
  return t('engine.answerUnusable', { problems: parts.join(' ') });
}

/** Names the error the call reports when the far end's answer cannot be used; SIP.js ends the call itself. */
export const UNUSABLE_ANSWER = 'UnusableAnswerError';

export function unusableAnswerError(message: string): Error {
  return Object.assign(new Error(message), { name: UNUSABLE_ANSWER });
}

/**
 * Applies a remote description, checking it first when it is the answer to
 * our offer. An unusable answer is never given to Chromium: `report` gets the
 * error (in the user's words) and the promise rejects, so SIP.js sends ACK
 * and BYE. A description Chromium refuses for another reason is reported too.
 */
export async function applyCheckedAnswer(
  pc: RTCPeerConnection | undefined,
  sdp: string,
  apply: () => Promise<void>,
  report: (error: Error) => void,
): Promise<void> {
  if (pc?.signalingState !== 'have-local-offer') return apply();
  const problems = checkAnswer(sdp, pc.localDescription?.sdp);
  if (problems.length) {
    const error = unusableAnswerError(describeUnusableAnswer(problems));
    console.warn(`The far end's answer cannot be used (${problems.join(', ')}).`);
    report(error);
    throw error;
  }
  try {
    await apply();
  } catch (cause) {
    const detail = cause instanceof Error ? cause.message : String(cause);
    const error = unusableAnswerError(describeUnusableAnswer([], detail));
    report(error);
    throw error;
  }
}
