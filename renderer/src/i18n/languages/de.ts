// The German catalogue: its own chunk, loaded only when German is the language in use
// (see catalogues.ts).
import type { Catalogue } from '../catalogues';
import app from '../messages/de/app.json';
import call from '../messages/de/call.json';
import dial from '../messages/de/dial.json';
import history from '../messages/de/history.json';
import contacts from '../messages/de/contacts.json';
import settings from '../messages/de/settings.json';
import doctor from '../messages/de/doctor.json';
import common from '../messages/de/common.json';
import status from '../messages/de/status.json';
import engine from '../messages/de/engine.json';
import board from '../messages/de/board.json';
import park from '../messages/de/park.json';
import forwarding from '../messages/de/forwarding.json';
import recording from '../messages/de/recording.json';
import headset from '../messages/de/headset.json';
import screenPop from '../messages/de/screenPop.json';
import notes from '../messages/de/notes.json';
import directory from '../messages/de/directory.json';
import messages from '../messages/de/messages.json';

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
