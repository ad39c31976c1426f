import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { APP_ORIGIN } from '../../../contract/ipc';
import { TestEncryptor } from '../../../e2e/fixtures/test-encryptor';
import { createAppCore } from '../app-core';
import { createMemoryLogger } from '../logger';
import { NoticeBoard } from '../notices';
import { tempDir } from '../test-helpers';
import { CONTACTS_FILE, ContactsStore } from './contacts-store';

// Contacts on a real disk: add, edit, favourite, delete, search, and what a
// damaged file costs (nothing: it is moved aside and the user told).

async function openStore(dir: string) {
  const notices = new NoticeBoard();
  let n = 0;
  const store = await ContactsStore.open(dir, {
    logger: createMemoryLogger(),
    notices,
    now: () => new Date('2026-03-01T10:00:00Z'),
    newId: () => `id${++n}`,
  });
  return { store, notices };
}

describe('contacts', () => {
  it('adds, edits and deletes, and keeps them across restarts', async () => {
    const dir = await tempDir();
    const { store } = await openStore(dir);
    const bob = await store.save({ name: '  Bob Baker ', number: ' bob ', favourite: false });
    expect(bob).toEqual({ id: 'id1', name: 'Bob Baker', number: 'bob', favourite: false, colleague: false });
    await store.save({ name: 'alice Archer', number: '1001', favourite: false });
    await store.save({ ...bob, number: '+1 555 0100', favourite: true, colleague: true });

    const again = (await openStore(dir)).store;
    expect(again.list()).toEqual([
      { id: 'id1', name: 'Bob Baker', number: '+1 555 0100', favourite: true, colleague: true },
      { id: 'id2', name: 'alice Archer', number: '1001', favourite: false, colleague: false },
    ]);
    expect(await again.delete('id1')).toBe(true);
    expect(await again.delete('id1')).toBe(false);
    expect((await openStore(dir)).store.list().map((c) => c.name)).toEqual(['alice Archer']);
    const file = JSON.parse(await readFile(join(dir, CONTACTS_FILE), 'utf8')) as { version: number };
    expect(file.version).toBe(1);
  });

  it('reads a file written before the colleague mark existed', async () => {
    const dir = await tempDir();
    await writeFile(
      join(dir, CONTACTS_FILE),
      '{"version":1,"contacts":[{"id":"a","name":"Bob","number":"1002","favourite":false}]}',
    );
    const { store } = await openStore(dir);
    expect(store.list()).toEqual([
      { id: 'a', name: 'Bob', number: '1002', favourite: false, colleague: false },
    ]);
  });

  it('lists favourites first, then by name, and searches name and number', async () => {
    const { store } = await openStore(await tempDir());
    await store.save({ name: 'Carol', number: '020 7946 0018', favourite: false });
    await store.save({ name: 'alice', number: '1001', favourite: false });
    await store.save({ name: 'Zed', number: '1002', favourite: true });
    expect(store.list().map((c) => c.name)).toEqual(['Zed', 'alice', 'Carol']);
    expect(store.list('ALI').map((c) => c.name)).toEqual(['alice']);
    expect(store.list('+44 20 7946 0018').map((c) => c.name)).toEqual([]);
    expect(store.list('7946-0018').map((c) => c.name)).toEqual(['Carol']);
  });

  it('refuses to update a contact that no longer exists', async () => {
    const { store } = await openStore(await tempDir());
    await expect(store.save({ id: 'gone', name: 'X', number: '1', favourite: false })).rejects.toThrow(
      'That contact no longer exists',
    );
    expect(store.list()).toEqual([]);
  });

  it.each([
    ['not JSON', '{"version":1,"contacts":[{"id":'],
    ['the wrong shape', '{"version":1,"contacts":[{"id":"a","name":"","number":"1","favourite":false}]}'],
    ['a newer version', '{"version":9,"contacts":[]}'],
  ])('moves a file with %s aside, tells the user and starts empty', async (_what, text) => {
    const dir = await tempDir();
    await writeFile(join(dir, CONTACTS_FILE), text);
    const { store, notices } = await openStore(dir);
    expect(store.list()).toEqual([]);
    const [notice] = notices.list();
    expect(notice).toMatchObject({ id: 'contacts-reset', level: 'warning' });
    expect(notice!.message).toContain(`${CONTACTS_FILE}.corrupt-2026-03-01T10-00-00.000Z`);
    const aside = (await readdir(dir)).filter((n) => n.startsWith(`${CONTACTS_FILE}.corrupt-`));
    expect(await readFile(join(dir, aside[0]!), 'utf8')).toBe(text);
    await store.save({ name: 'New', number: '1', favourite: false });
    expect((await openStore(dir)).store.list()).toHaveLength(1);
  });

  it('answers the contacts channels through the router, with plain validation messages', async () => {
    const core = await createAppCore({
      userDataDir: await tempDir(),
      encryptor: new TestEncryptor(),
      platform: 'linux',
      logger: createMemoryLogger(),
    });
    const sender = { frameUrl: `${APP_ORIGIN}/index.html`, isOwnMainFrame: true };
    const call = (channel: string, payload: unknown) => core.router.dispatch(channel, sender, payload);
    const saved = (await call('contacts:save', { name: 'Bob', number: 'bob', favourite: true })) as {
      id: string;
    };
    expect(await call('contacts:list', { query: 'bo' })).toEqual({
      contacts: [{ id: saved.id, name: 'Bob', number: 'bob', favourite: true, colleague: false }],
    });
    await expect(call('contacts:save', { name: ' ', number: 'x', favourite: false })).rejects.toThrow(
      'Give the contact a name.',
    );
    expect(await call('contacts:delete', { id: saved.id })).toEqual({ deleted: true });
    expect(await call('contacts:list', {})).toEqual({ contacts: [] });
  });
});
