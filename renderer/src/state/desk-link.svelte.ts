import type { PhoneReport } from '../../../contract/desk';
import { Ringer } from '../audio/ringer';
import { ringerMode, ringOutputs } from '../audio/ringer-policy';
import type { EngineSnapshot, PhoneEngine } from '../sip/types';
import { runCommand } from './commands';
import type { DeskState } from './desk.svelte';
import type { DevicesState } from './devices.svelte';
import { contractSchemas } from './lazy-contract';
import type { PhoneState } from './phone.svelte';

export function toReport(snapshot: EngineSnapshot): PhoneReport {
  return {
    // The tray has no separate wording for an automatic reconnect: 'Connecting…' is true of it.
    registration:
      snapshot.registration.status === 'reconnecting' ? 'connecting' : snapshot.registration.status,
    offlineReason:
      snapshot.registration.status !== 'registered' && snapshot.registration.message
        ? snapshot.registration.message.slice(0, 256)
        : undefined,
    calls: snapshot.calls.slice(-16).map((call) => ({
      id: call.id,
      direction: call.direction,
      status: call.status,
      remoteName: call.remoteName.slice(0, 256),
      remoteNumber: call.remoteNumber.slice(0, 256),
      muted: call.muted,
      held: call.held,
      remoteUri: call.remoteUri.slice(0, 512),
      startedAt: call.startedAt,
      answeredAt: call.answeredAt,
      endedAt: call.endedAt,
      endReason: call.endReason?.slice(0, 512),
      endCode: call.endCode,
      // Only the final figures go to main (for history): quality changes every
      // second during a call, and a report per second would be wasted IPC.
      quality:
        call.status === 'ended' && call.quality
          ? {
              mos: call.quality.mos,
              jitterMs: call.quality.jitterMs,
              lossPercent: call.quality.lossPercent,
              rttMs: call.quality.rttMs,
              codec: call.quality.codec?.slice(0, 32),
            }
          : undefined,
    })),
    voicemail: snapshot.voicemail
      ? {
          waiting: snapshot.voicemail.waiting,
          newMessages: snapshot.voicemail.newMessages,
          oldMessages: snapshot.voicemail.oldMessages,
        }
      : undefined,
  };
}

/**
 * Joins the phone to the desk: reports state to main (tray, notifications),
 * runs main's commands, rings on the right device and applies availability
 * and device choices to the engine. Returns a function that undoes it all.
 */
export function linkDesk(engine: PhoneEngine, phone: PhoneState, desk: DeskState, devices: DevicesState) {
  const ringer = new Ringer();
  let lastReport = '';
  const stopReporting = engine.subscribe((snapshot) => {
    const report = toReport(snapshot);
    const text = JSON.stringify(report);
    if (text === lastReport) return;
    lastReport = text;
    window.deskphone
      .invoke('phone:report', report)
      .catch((error: unknown) => console.warn('Report to main failed', error));
  });

  // Commands run in the order main sent them, also while the schema chunk loads.
  let commands: Promise<unknown> = Promise.resolve();
  const stopCommands = window.deskphone.on('phone:command', (payload) => {
    commands = commands.then(async () => {
      const parsed = (await contractSchemas()).PhoneCommandSchema.safeParse(payload);
      if (!parsed.success) {
        console.warn('Ignored a malformed command from main');
        return;
      }
      void runCommand(phone, parsed.data);
    });
  });

  const stopWatching = devices.watch(() => undefined);
  const stopEffects = $effect.root(() => {
    $effect(() => {
      const settings = desk.settings;
      engine.setDoNotDisturb(desk.doNotDisturb, settings?.dndResponse ?? 486);
      engine.setAutoAnswerPolicy(settings?.autoAnswer ?? 'off');
      engine.setForwarding?.(settings?.forwarding ?? null);
      engine.setTrust?.({
        autoAnswerFrom: settings?.autoAnswerFrom ?? [],
        transferRequests: settings?.transferRequests ?? 'ask',
        transferAllow: settings?.transferAllow ?? [],
      });
      const audio = settings?.audio;
      const resolved = audio ? devices.resolve(audio) : { microphoneId: '', speakerId: '', ringerId: '' };
      engine.setAudioDevices({
        microphoneId: resolved.microphoneId,
        speakerId: resolved.speakerId,
        cameraId: audio?.cameraId ?? '',
        keepMicrophoneOpen: audio?.instantAnswer ?? false,
      });
      ringer.update(ringerMode(phone.calls, desk.doNotDisturb), {
        ringerSinks: ringOutputs(devices.outputs, resolved.ringerId, audio?.ringOnAllOutputs ?? false),
        callSink: resolved.speakerId,
        volume: audio?.ringVolume ?? 0.8,
      });
    });
  });

  return () => {
    stopReporting();
    stopCommands();
    stopWatching();
    stopEffects();
    ringer.dispose();
  };
}
