// The Spanish catalogue: its own chunk, loaded only when Spanish is the language in use
// (see catalogues.ts).
import type { Catalogue } from '../catalogues';
import app from '../messages/es/app.json';
import call from '../messages/es/call.json';
import dial from '../messages/es/dial.json';
import history from '../messages/es/history.json';
import contacts from '../messages/es/contacts.json';
import settings from '../messages/es/settings.json';
import doctor from '../messages/es/doctor.json';
import common from '../messages/es/common.json';
import status from '../messages/es/status.json';
import engine from '../messages/es/engine.json';
import board from '../messages/es/board.json';
import park from '../messages/es/park.json';
import forwarding from '../messages/es/forwarding.json';
import recording from '../messages/es/recording.json';
import headset from '../messages/es/headset.json';
import screenPop from '../messages/es/screenPop.json';
import notes from '../messages/es/notes.json';
import directory from '../messages/es/directory.json';
import messages from '../messages/es/messages.json';

const catalogue: Catalogue = {
  app,
  call,
  dial,
  history,
  contacts,
  settings,
  doctor,
  common,
  status,
  engine,
  board,
  park,
  forwarding,
  recording,
  headset,
  screenPop,
  notes,
  directory,
  messages,
};
export default catalogue;
