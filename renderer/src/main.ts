// First: asks main for the saved account before anything below is evaluated.
import { accountAtLoad } from './state/account-at-load';
import { SipPhoneEngine } from './sip/engine';
import { doctor } from './doctor/doctor-state.svelte';
import { doctorSipTrace } from './doctor/register-check';
import { AppearanceState } from './state/appearance.svelte';
import { i18n } from './i18n/i18n.svelte';
import { DeskState } from './state/desk.svelte';
import { linkDesk } from './state/desk-link.svelte';
import { DevicesState } from './state/devices.svelte';
import { appHeadset } from './headset/app-headset.svelte';
import { PhoneState } from './state/phone.svelte';
import { recordings } from './recording/recording.svelte';
import { SettingsState } from './state/settings.svelte';
import { connectSavedAccount, readyToDraw, warmUpWhenIdle } from './state/startup';
import { markFirstRegistration, markStartup, reached, withStartupMarks } from './state/startup-marks';
import { contractSchemas } from './state/lazy-contract';
import { preloadLaterModules } from './state/later-modules';
import './ui/app/app.css';

markStartup('script-start');

// Main can see why a WebSocket failed (HTTP status, TLS reason); the renderer
// only ever sees code 1006, so failures are explained by main's probe.
const engine = new SipPhoneEngine(async (wsUrl) => {
  const result = await window.deskphone.invoke('connection:probe', { wsUrl });
  return result.outcome === 'ok' ? null : { message: result.message, detail: result.detail };
}, withStartupMarks(doctorSipTrace.connector));
markFirstRegistration(engine);
// The support bundle carries the phone's own SIP messages (above) and its call statistics.
doctor.statsSource = () => engine.statsSnapshot();

const phone = new PhoneState(engine);
const settings = new SettingsState();
const desk = new DeskState();
const devices = new DevicesState();
// What the phone does with a call is linked before it can receive one.
desk.follow();
linkDesk(engine, phone, desk, devices);
recordings.link(engine, desk);
// The saved account registers first. What only the screen needs (theme, the
// device list's names) starts when the screen is drawn; the language is set
// as soon as the desk settings are in, for messages made before that.
const appearance = new AppearanceState(desk);
const languageReady = () => {
  appearance.applyLanguage();
  return i18n.ready();
};
const connecting = connectSavedAccount(settings, phone, desk, accountAtLoad, languageReady);
void connecting.finally(() => appearance.applyLanguage());

// Read-only hooks for diagnostics and the end-to-end suite: RTP counters and
// per-call timings, never credentials.
Object.defineProperty(window, '__deskphoneDiagnostics', {
  value: Object.freeze({
    snapshot: () => engine.snapshot(),
    inboundAudioBytes: (callId: string) => engine.inboundAudioBytes(callId),
    inboundAudioEnergy: (callId: string) => engine.inboundAudioEnergy(callId),
    inboundVideoFrames: (callId: string) => engine.inboundVideoFrames(callId),
    timings: (callId: string) => engine.timings(callId),
    localSdp: (callId: string) => engine.localSdp(callId),
  }),
});

window.addEventListener('beforeunload', () => void engine.stop());

// Signs that the network is back or has changed: retry the PBX at once rather
// than waiting out the reconnection delay, and repair the audio of live calls.
window.addEventListener('online', () => engine.networkChanged('online'));
window.deskphone.on('power:resumed', () => engine.networkChanged('resume'));

// The first screen's modules compile once the phone is registered, not before.
void reached('registered').then(() => preloadLaterModules());

const target = document.getElementById('app');
if (!target) throw new Error('The page has no #app element.');
// Drawn once the REGISTER is on its way: the first render does not hold it back.
void readyToDraw(engine, connecting)
  .then(() => {
    appearance.follow();
    void devices.refresh();
    void connecting.finally(() => settings.resumeAfterReload());
    // Drawn in the chosen language, not first in English: its messages are usually in already.
    return Promise.all([import('./ui/app/first-screen'), i18n.ready()]);
  })
  .then(([{ mountFirstScreen }]) => {
    mountFirstScreen(target, { phone, settings, desk, devices, connecting });
    markStartup('first-render');
    // Headset buttons and lights (WebHID), off the start-up path; the driver
    // itself is a further chunk, fetched only once a supported headset is there.
    return import('./headset/headset-state.svelte');
  })
  .then(({ HeadsetState }) => {
    appHeadset.current = new HeadsetState(phone, desk);
    appHeadset.current.follow();
  });

// Once registered and idle, load what the first command or history change needs.
void reached('registered').then(() => warmUpWhenIdle(() => void contractSchemas()));
