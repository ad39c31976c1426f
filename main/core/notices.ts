import type { Notice } from '../../contract/ipc';

// Things main wants the user to know once (a settings file that had to be
// moved aside, a password that could not be unlocked). They live in memory:
// the condition that caused them is fixed on disk by the time they exist, so
// they need not survive a restart.

export class NoticeBoard {
  private readonly notices: Notice[] = [];

  /** Adds a notice; a notice with the same id replaces the older one. */
  add(notice: Notice): void {
    const index = this.notices.findIndex((n) => n.id === notice.id);
    if (index >= 0) this.notices.splice(index, 1, { ...notice });
    else this.notices.push({ ...notice });
  }

  list(): Notice[] {
    return this.notices.map((n) => ({ ...n }));
  }

  /** Removes a notice; false when there was none with that id. */
  dismiss(id: string): boolean {
    const index = this.notices.findIndex((n) => n.id === id);
    if (index < 0) return false;
    this.notices.splice(index, 1);
    return true;
  }
}
