import { CALL_NOTE_MAX } from '../../../contract/history';
import { t } from '../i18n/i18n.svelte';

// Notes typed on a call while it is on. Main keeps them with the call's
// history entry ('history:note', by the phone's call id); this class holds
// what is being typed, saves it a moment after the typing stops (and at
// once when the call's screen goes away), and says whether it is saved.

/** Typing pauses longer than this save the note. */
export const SAVE_DELAY_MS = 600;

export type NoteStatus = 'idle' | 'saving' | 'saved' | 'failed';

export class CallNotes {
  drafts = $state<Record<string, string>>({});
  status = $state<Record<string, NoteStatus>>({});
  errors = $state<Record<string, string>>({});
  private readonly timers: Record<string, ReturnType<typeof setTimeout>> = {};
  /** What main has for each call, so an unchanged note is not sent again. */
  private readonly stored: Record<string, string> = {};

  text(callId: string): string {
    return this.drafts[callId] ?? '';
  }

  /** The person typed: keep the text and save it after a pause. */
  edit(callId: string, text: string): void {
    this.drafts[callId] = text.slice(0, CALL_NOTE_MAX);
    clearTimeout(this.timers[callId]);
    this.timers[callId] = setTimeout(() => void this.save(callId), SAVE_DELAY_MS);
  }

  /** Saves now what is typed (the call's screen is closing). */
  flush(callId: string): Promise<void> {
    clearTimeout(this.timers[callId]);
    delete this.timers[callId];
    return this.save(callId);
  }

  private async save(callId: string): Promise<void> {
    const note = this.text(callId).trim();
    if ((this.stored[callId] ?? '') === note) return;
    this.status[callId] = 'saving';
    try {
      const saved = await window.deskphone.invoke('history:note', { callId, note });
      this.stored[callId] = saved.note;
      this.status[callId] = 'saved';
      delete this.errors[callId];
    } catch (error) {
      this.status[callId] = 'failed';
      this.errors[callId] = t('notes.saveFailed', {
        reason: error instanceof Error ? error.message : String(error),
      });
    }
  }
}

export const callNotes = new CallNotes();
