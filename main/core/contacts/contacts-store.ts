import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { z } from 'zod';
import { ContactSchema, type Contact, type ContactSaveRequest } from '../../../contract/history';
import { moveAside, removeStrayTempFiles, writeFileAtomic } from '../durable-file';
import { isPassingReadError, readPatiently, ReadGuard, saveFailure } from '../file-guard';
import { describeError, UserFacingError } from '../errors';
import { matcher } from '../history/search';
import type { Logger } from '../logger';
import type { NoticeBoard } from '../notices';

// contacts.json in the userData folder: the people the user calls, with a
// favourite flag. Small and edited by hand in the UI, so the whole file is
// rewritten atomically on every change. A file we cannot read is moved
// aside (never deleted) and the user is told where it went.

export const CONTACTS_FILE = 'contacts.json';
const CONTACTS_VERSION = 1;
/** Far more than a desk phone's address book needs; keeps the file small. */
export const MAX_CONTACTS = 2000;

const ContactsFileSchema = z.object({
  version: z.literal(CONTACTS_VERSION),
  contacts: z.array(ContactSchema).max(MAX_CONTACTS),
});

export interface ContactsStoreOptions {
  logger: Logger;
  notices: NoticeBoard;
  now?: () => Date;
  newId?: () => string;
}

export class ContactsStore {
  private contacts: Contact[] = [];
  private queue: Promise<void> = Promise.resolve();

  private readonly guard: ReadGuard;

  private constructor(
    readonly filePath: string,
    private readonly options: ContactsStoreOptions,
  ) {
    this.guard = new ReadGuard('Your contacts file', filePath);
  }

  static async open(dir: string, options: ContactsStoreOptions): Promise<ContactsStore> {
    const store = new ContactsStore(join(dir, CONTACTS_FILE), options);
    await store.load();
    return store;
  }

  /** Favourites first, then by name; filtered by name or number. */
  list(query?: string): Contact[] {
    const matches = matcher(query);
    return this.contacts
      .filter(matches)
      .sort(
        (a, b) =>
          Number(b.favourite) - Number(a.favourite) ||
          a.name.localeCompare(b.name, undefined, { sensitivity: 'base' }) ||
          a.number.localeCompare(b.number),
      )
      .map((c) => ({ ...c }));
  }

  /** Adds a contact (no id) or replaces the one with this id. */
  save(request: ContactSaveRequest): Promise<Contact> {
    return this.change((contacts) => {
      const contact: Contact = {
        id: request.id ?? (this.options.newId ?? newContactId)(),
        name: request.name.trim(),
        number: request.number.trim(),
        favourite: request.favourite,
        colleague: request.colleague ?? false,
      };
      const index = request.id ? contacts.findIndex((c) => c.id === request.id) : -1;
      if (request.id && index < 0) {
        throw new UserFacingError('That contact no longer exists; it may have been deleted. Add it again.');
      }
      if (index >= 0) contacts.splice(index, 1, contact);
      else if (contacts.length >= MAX_CONTACTS) {
        throw new UserFacingError(`DeskPhone keeps at most ${MAX_CONTACTS} contacts. Delete some first.`);
      } else contacts.push(contact);
      return contact;
    });
  }

  /** False when there was no contact with that id. */
  delete(id: string): Promise<boolean> {
    return this.change((contacts) => {
      const index = contacts.findIndex((c) => c.id === id);
      if (index >= 0) contacts.splice(index, 1);
      return index >= 0;
    });
  }

  /**
   * Changes run one at a time on a copy; memory changes only once the file
   * is safely on disk, so a failed save leaves both as they were.
   */
  private change<T>(edit: (contacts: Contact[]) => T): Promise<T> {
    const run = this.queue.then(async () => {
      const next = this.contacts.map((c) => ({ ...c }));
      const result = edit(next);
      const file = ContactsFileSchema.parse({ version: CONTACTS_VERSION, contacts: next });
      this.guard.check();
      try {
        await writeFileAtomic(this.filePath, `${JSON.stringify(file, null, 2)}\n`, { mode: 0o600 });
      } catch (error) {
        this.options.logger.error('Saving contacts failed', { error: describeError(error) });
        throw saveFailure(error, 'your contacts');
      }
      this.contacts = next;
      return result;
    });
    this.queue = run.then(
      () => undefined,
      () => undefined,
    );
    return run;
  }

  private async load(): Promise<void> {
    const { logger } = this.options;
    const stray = await removeStrayTempFiles(this.filePath);
    if (stray.length > 0) logger.warn('Removed temp files left by an interrupted contacts save');
    const read = await readPatiently(this.filePath);
    if (read.kind === 'missing') return;
    if (read.kind === 'unreadable' && !isPassingReadError(read.error)) {
      return this.quarantine(describeError(read.error));
    }
    if (read.kind === 'unreadable') {
      logger.warn('Contacts file unreadable; left untouched', { error: describeError(read.error) });
      this.guard.protect(read.error, this.options.notices, 'contacts-unreadable');
      return;
    }
    let data: unknown;
    try {
      data = JSON.parse(read.text);
    } catch (error) {
      return this.quarantine(`not JSON: ${describeError(error)}`);
    }
    const parsed = ContactsFileSchema.safeParse(data);
    if (!parsed.success) {
      return this.quarantine(parsed.error.issues.map((i) => `${i.path.join('.')}:${i.code}`).join(','));
    }
    this.contacts = parsed.data.contacts;
  }

  private async quarantine(detail: string): Promise<void> {
    const { logger, notices, now = () => new Date() } = this.options;
    const movedTo = await moveAside(this.filePath, now());
    logger.warn('Contacts file unusable; starting empty', { detail, movedTo });
    const where = movedTo
      ? `The old file was kept as ${movedTo}.`
      : `The old file could not be moved and is still at ${this.filePath}; it will be replaced when you save a contact.`;
    notices.add({
      id: 'contacts-reset',
      level: 'warning',
      message: `Your contacts file was damaged, so DeskPhone started with no contacts. ${where}`,
    });
  }
}

function newContactId(): string {
  return `c-${Date.now().toString(36)}-${randomBytes(4).toString('hex')}`;
}
