import { t } from '../i18n/i18n.svelte';
import type { Contact, ContactSaveRequest } from '../../../contract/history';

// The Contacts view's state: main keeps contacts.json; this class lists,
// searches and edits through IPC, and reloads after every change so the
// order (favourites first, then by name) is always main's.

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export class ContactsState {
  contacts = $state<Contact[]>([]);
  query = $state('');
  error = $state<string | null>(null);
  loaded = $state(false);
  private generation = 0;

  async load(): Promise<void> {
    const generation = ++this.generation;
    try {
      const { contacts } = await window.deskphone.invoke('contacts:list', { query: this.query || undefined });
      if (generation !== this.generation) return;
      this.contacts = contacts;
      this.error = null;
    } catch (error) {
      if (generation === this.generation) this.error = t('contacts.loadFailed', { reason: messageOf(error) });
    } finally {
      if (generation === this.generation) this.loaded = true;
    }
  }

  search(query: string): Promise<void> {
    this.query = query;
    return this.load();
  }

  /** Throws with main's plain-language message (e.g. "Give the contact a name."). */
  async save(request: ContactSaveRequest): Promise<Contact> {
    const saved = await window.deskphone.invoke('contacts:save', request);
    await this.load();
    return saved;
  }

  async remove(id: string): Promise<void> {
    try {
      await window.deskphone.invoke('contacts:delete', { id });
      await this.load();
    } catch (error) {
      this.error = t('contacts.deleteFailed', { reason: messageOf(error) });
    }
  }

  async toggleFavourite(contact: Contact): Promise<void> {
    try {
      await this.save({ ...contact, favourite: !contact.favourite });
    } catch (error) {
      this.error = t('contacts.changeFailed', { reason: messageOf(error) });
    }
  }
}
