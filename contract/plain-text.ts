// Text a remote party chose (a caller's display name, a number, a PAI) made
// safe for every place it is shown: the window, the tray tooltip and native
// notifications (libnotify renders markup on KDE, dunst and xfce). One
// function, used by main and by the renderer, so no place is forgotten.

/**
 * C0/C1 controls, and the Unicode format characters that reorder or hide
 * text (bidi embeddings, overrides and isolates, zero-width characters): a
 * caller could otherwise make "Bank" read as something else, turn a number
 * around, or smuggle a line break.
 */
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/g;
/** Anything that looks like a markup tag. */
const TAG = /<[^<>]{0,200}>/g;

/** A line of remote text, safe to show: no markup, controls or reordering, one line, at most `max` characters. */
export function plainText(raw: string | undefined, max = 64): string {
  const text = (raw ?? '')
    .replace(UNSAFE, ' ')
    .replace(TAG, ' ')
    // What is left of markup becomes harmless look-alikes.
    .replace(/</g, '‹')
    .replace(/>/g, '›')
    .replace(/&/g, '＆')
    .replace(/\s+/g, ' ')
    .trim();
  return [...text].slice(0, max).join('').trim();
}

/** A number or SIP user part from the network: only characters a dial string can hold. */
export function plainNumber(raw: string | undefined, max = 64): string {
  return (raw ?? '').replace(/[^0-9A-Za-z+*#._@-]/g, '').slice(0, max);
}
