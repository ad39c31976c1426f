import { plainText } from '../../../contract/plain-text';

// The text of a message from the network, made safe to show and to put in a
// notification: each line cleaned like any remote text (no markup, controls
// or bidi tricks), at most a few lines in a row left empty, bounded in size.

/** Characters kept of a message (a 4 KB body is at most this many). */
export const MESSAGE_TEXT_MAX = 4000;
const LINES_MAX = 60;

export function plainMessage(raw: string): string {
  const lines = raw
    .split(/\r\n|\r|\n/)
    .slice(0, LINES_MAX)
    .map((line) => plainText(line, MESSAGE_TEXT_MAX));
  const text = lines
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  return [...text].slice(0, MESSAGE_TEXT_MAX).join('');
}

/** The first line, shortened: for a notification or a conversation's preview. */
export function firstLine(text: string, max = 80): string {
  const line = text.split('\n').find((l) => l.trim()) ?? '';
  const chars = [...line];
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : line;
}
