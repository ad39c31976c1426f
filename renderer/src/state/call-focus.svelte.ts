/**
 * Where focus should go once the call screen has drawn the call it concerns:
 * after dialling, to that call's Hang up; after answering, to its heading;
 * after the person picked a ringing call from its notification, to Answer.
 * The component that owns the element takes the wish and clears it.
 */
export type CallFocusTarget = 'hangup' | 'heading' | 'answer';

export class CallFocus {
  wish = $state<{ callId: string; target: CallFocusTarget } | null>(null);

  want(callId: string, target: CallFocusTarget): void {
    this.wish = { callId, target };
  }

  /** Focuses `element` when the wish is for it; returns whether it did. */
  take(callId: string, target: CallFocusTarget, element: HTMLElement | undefined): boolean {
    if (!element || this.wish?.callId !== callId || this.wish.target !== target) return false;
    this.wish = null;
    element.focus();
    return true;
  }
}

export const callFocus = new CallFocus();
