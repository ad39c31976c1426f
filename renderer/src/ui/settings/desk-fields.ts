import type { DeskSettings } from '../../../../contract/desk';

/** What each group of desk settings gets from the desk form: the form, and which keys policy locks. */
export interface DeskFieldProps {
  form: DeskSettings;
  locked: (key: string) => boolean;
  /** The id of the field's "managed" note when `key` is locked. */
  note: (key: string) => string | undefined;
}
