// The schemas lazy-contract.ts loads on demand, in one chunk.
export { PhoneCommandSchema } from '../../../contract/desk';
export { HistoryChangedSchema } from '../../../contract/history';
export { DirectoryChangedSchema } from '../../../contract/directory';
export { MessagesChangedSchema } from '../../../contract/messages';
