/**
 * What is typed in the dial field. The field is not on screen while Settings,
 * Recent or Contacts is shown, and a half-typed number must still be there
 * when the user comes back, as on a desk phone.
 */
export class DialDraft {
  text = $state('');
}
