import { findDialTarget, type DialOptions, type DialParse } from './dial-links';
import type { ClipboardPort } from './ports';

// "Call the selected number": where the text comes from. On Linux the mouse
// selection comes first, so select-then-press works without copying; then
// the clipboard, so copy-then-press works everywhere.

export type SelectionSource = 'The selected text' | 'The copied text';

export async function readDialTarget(
  clipboard: ClipboardPort,
  options: DialOptions,
): Promise<{ result: DialParse; source: SelectionSource }> {
  const selection = (await clipboard.readSelection()).trim();
  let fromSelection: DialParse | null = null;
  if (selection) {
    fromSelection = findDialTarget(selection, options);
    if (fromSelection.ok) return { result: fromSelection, source: 'The selected text' };
  }
  const fromClipboard = findDialTarget((await clipboard.readText()).trim(), options);
  // When neither has a number, the selection's reason is the one the user expects.
  if (fromClipboard.ok || !fromSelection) return { result: fromClipboard, source: 'The copied text' };
  return { result: fromSelection, source: 'The selected text' };
}
