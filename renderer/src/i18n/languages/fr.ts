// The French catalogue: its own chunk, loaded only when French is the language in use
// (see catalogues.ts).
import type { Catalogue } from '../catalogues';
import app from '../messages/fr/app.json';
import call from '../messages/fr/call.json';
import dial from '../messages/fr/dial.json';
import history from '../messages/fr/history.json';
import contacts from '../messages/fr/contacts.json';
import settings from '../messages/fr/settings.json';
import doctor from '../messages/fr/doctor.json';
import common from '../messages/fr/common.json';
import status from '../messages/fr/status.json';
import engine from '../messages/fr/engine.json';
import board from '../messages/fr/board.json';
import park from '../messages/fr/park.json';
import forwarding from '../messages/fr/forwarding.json';
import recording from '../messages/fr/recording.json';
import headset from '../messages/fr/headset.json';
import screenPop from '../messages/fr/screenPop.json';
import notes from '../messages/fr/notes.json';
import directory from '../messages/fr/directory.json';
import messages from '../messages/fr/messages.json';

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
