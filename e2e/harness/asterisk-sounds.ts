import { mkdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * The Asterisk build ships no sound files, and app_voicemail gives up on a
 * prompt it cannot play (the invented "person at extension … is unavailable"
 * greeting, the beep). The test PBX gets a data folder of its own: the build's
 * documentation (Asterisk needs it to start) plus short silent prompts under
 * the names voicemail plays, so VoiceMail() reaches the recording and
 * VoiceMailMain() its menu.
 */
const PROMPTS = [
  'beep',
  'vm-intro',
  'vm-theperson',
  'vm-isunavail',
  'vm-isonphone',
  'vm-goodbye',
  'vm-msgsaved',
  'vm-login',
  'vm-password',
  'vm-youhave',
  'vm-INBOX',
  'vm-Old',
  'vm-no',
  'vm-and',
  'vm-messages',
  'vm-message',
  'vm-onefor',
  'vm-opts',
  'vm-instructions',
  'vm-first',
  'vm-last',
  'vm-nomore',
  'vm-deleted',
  'vm-undeleted',
  'vm-received',
  'auth-thankyou',
];
const DIGITS = Array.from({ length: 10 }, (_, d) => `digits/${d}`);

/** `ms` of 8 kHz 16-bit mono silence as a WAV file. */
export function silentWav(ms: number): Buffer {
  const data = Buffer.alloc(Math.round((8000 * ms) / 1000) * 2);
  const header = Buffer.alloc(44);
  header.write('RIFF', 0, 'ascii');
  header.writeUInt32LE(36 + data.length, 4);
  header.write('WAVEfmt ', 8, 'ascii');
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20); // PCM
  header.writeUInt16LE(1, 22); // mono
  header.writeUInt32LE(8000, 24);
  header.writeUInt32LE(16000, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36, 'ascii');
  header.writeUInt32LE(data.length, 40);
  return Buffer.concat([header, data]);
}

/** Builds `dir` as astdatadir: the build's documentation linked in, silent prompts written. */
export async function prepareDataDir(dir: string, buildDataDir: string): Promise<void> {
  await mkdir(join(dir, 'sounds/en/digits'), { recursive: true });
  await symlink(join(buildDataDir, 'documentation'), join(dir, 'documentation'));
  const wav = silentWav(60);
  for (const name of [...PROMPTS, ...DIGITS]) await writeFile(join(dir, 'sounds/en', `${name}.wav`), wav);
}

/** Where Asterisk keeps the new messages of `ext`'s mailbox (context default). */
export function inboxDir(varDir: string, ext: string): string {
  return join(varDir, 'spool/voicemail/default', ext, 'INBOX');
}
