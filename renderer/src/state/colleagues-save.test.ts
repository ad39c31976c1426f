import { describe, expect, it } from 'vitest';
import { emptyAccount, type AccountSettings } from '../../../contract/account';
import type { SaveAccountRequest, SettingsView } from '../../../contract/ipc';
import { ColleaguesState } from './colleagues.svelte';
import type { ContactsState } from './contacts.svelte';
import type { PhoneState } from './phone.svelte';
import type { SettingsState } from './settings.svelte';

// The board editor saves after each edit; main answers a while later. A
// second edit made before the first save returned must not be built on the
// stale account (that lost the colleague just added, seen under load in e2e).

function slowSettings(account: AccountSettings) {
  const saved: AccountSettings[] = [];
  const settings = {
    view: { account } as unknown as SettingsView,
    saved,
    save(request: SaveAccountRequest): Promise<SettingsView> {
      return new Promise((resolve) =>
        setTimeout(() => {
          saved.push(request.account);
          settings.view = { ...settings.view, account: request.account } as SettingsView;
          resolve(settings.view);
        }, 20),
      );
    },
  };
  return settings;
}

describe('saving the board', () => {
  it('keeps both of two quick edits: the colleague added and the pickup prefix', async () => {
    const settings = slowSettings({ ...emptyAccount(), sipAddress: '1001@pbx.test' });
    const board = new ColleaguesState(
      {} as PhoneState,
      settings as unknown as SettingsState,
      {} as ContactsState,
    );
    const added = board.saveBoard({ colleagues: ['1002'] });
    const prefix = board.saveBoard({ pickupPrefix: '**' });
    await Promise.all([added, prefix]);
    expect(settings.saved.at(-1)).toMatchObject({ colleagues: ['1002'], pickupPrefix: '**' });
  });

  it('a refused save does not block the next one', async () => {
    const settings = slowSettings({ ...emptyAccount(), sipAddress: '1001@pbx.test' });
    const save = settings.save.bind(settings);
    let first = true;
    settings.save = (request) => {
      if (first) {
        first = false;
        return Promise.reject(new Error('The disk is full.'));
      }
      return save(request);
    };
    const board = new ColleaguesState(
      {} as PhoneState,
      settings as unknown as SettingsState,
      {} as ContactsState,
    );
    await expect(board.saveBoard({ colleagues: ['1002'] })).rejects.toThrow('The disk is full.');
    await board.saveBoard({ pickupPrefix: '*8' });
    expect(settings.saved.at(-1)).toMatchObject({ pickupPrefix: '*8' });
  });
});
