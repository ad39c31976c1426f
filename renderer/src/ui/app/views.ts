// Views the first screen does not show, each in a chunk of its own that is
// fetched the first time the view opens (Settings, the Recent, Contacts and
// Colleagues tabs), so start-up evaluates only what the window shows. Each
// loader resolves to the component; import() caches the module, so opening a
// view again costs nothing.

export const views = {
  settings: () => import('../settings/SettingsPanel.svelte').then((m) => m.default),
  history: () => import('../history/HistoryView.svelte').then((m) => m.default),
  contacts: () => import('../contacts/ContactsView.svelte').then((m) => m.default),
  board: () => import('../board/BoardView.svelte').then((m) => m.default),
  messages: () => import('../messages/MessagesView.svelte').then((m) => m.default),
  parkSlots: () => import('../park/ParkSlots.svelte').then((m) => m.default),
};
