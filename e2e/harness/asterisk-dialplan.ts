import type { AsteriskEndpoint } from './asterisk-config';

// The test PBX's dialplan: one extension per situation a phone meets on a real PBX.

/** Dialplan extensions the specs call; the names say what each one does. */
export const EXTENSIONS = {
  echo: '600',
  /** Answers in Opus, re-INVITEs the call to G.711 and plays a 1004 Hz tone (Milliwatt). */
  g711Tone: '601',
  /**
   * Echoes (Opus) until # is pressed, then re-INVITEs to G.711 and sends
   * nothing but silence: an IVR's silent prompt after some talking.
   */
  echoThenSilence: '602',
  /** Logs every digit it receives: "DESKPHONE-DTMF <endpoint> <digit>". */
  dtmfReader: '603',
  busy: '604',
  congestion: '605',
  /** Answers, waits 2 s, then hangs up (Hangup() from the far side). */
  answerThenHangUp: '606',
  /** Rings (180) for a minute without answering, for cancel. */
  ringForever: '607',
  /** Answers in Opus and says nothing: Asterisk cannot make Opus silence, so no RTP is sent at all. */
  quietOpus: '608',
  /** 86 + extension: answers, moves to G.711 (voicemail records no Opus) and leaves a message for it. */
  leaveVoicemailPrefix: '86',
  /** The usual Asterisk voicemail access code: VoiceMailMain (after G.711) for the caller's own mailbox. */
  voicemailMain: '*97',
  /** Call forwarding at the PBX: *72<target> stores DB(CF/<caller>), *73 deletes it; phones' Dial checks it. */
  forwardOn: '*72',
  forwardOff: '*73',
  /** ** + extension: directed pickup of the call ringing at that extension (the board's Pick up). */
  directedPickupPrefix: '**',
  /** 88 + extension: rings it as an outside caller, +44 20 7946 0018 with a name full of URL tricks. */
  outsideCallerPrefix: '88',
} as const;

/** The caller the outsideCallerPrefix extension presents (no ';' or ',': dialplan syntax). */
export const OUTSIDE_CALLER = { number: '+442079460018', name: 'Zoë ../?x=1#@evil.com' } as const;

/**
 * Dialplan lines (after a failed MessageSend) that tell the sender: the
 * sender's extension from MESSAGE(from), then an IMDN "failed" whose
 * message-id is the Call-ID of the MESSAGE, sent from the extension it was for.
 */
export const IMDN_FAILURE_REPORT = ` same => n,Set(SENDER=\${MESSAGE(from)})
 same => n,Set(SENDER=\${CUT(SENDER,@,1)})
 same => n,Set(SENDER=\${CUT(SENDER,:,2)})
 same => n,Set(MESSAGE(body)=<imdn xmlns="urn:ietf:params:xml:ns:imdn"><message-id>\${MESSAGE_DATA(Call-ID)}</message-id><datetime>\${STRFTIME(,GMT,%Y-%m-%dT%H:%M:%SZ)}</datetime><delivery-notification><status><failed/></status></delivery-notification></imdn>)
 same => n,Set(MESSAGE_DATA(Content-Type)=message/imdn+xml)
 same => n,MessageSend(pjsip:\${SENDER},\${EXTEN})
 same => n,Log(NOTICE,DESKPHONE-MESSAGE-REPORT \${SENDER} about \${EXTEN} \${MESSAGE_SEND_STATUS})`;

export function renderDialplan(endpoints: AsteriskEndpoint[]): string {
  const x = EXTENSIONS;
  // The re-INVITE is sent asynchronously: wait until the channel's format has
  // changed, or the tone generator finds the call still in Opus and hangs up.
  const toG711 = (label: string) => `same => n,Set(PJSIP_MEDIA_OFFER(audio)=!all,ulaw,alaw)
 same => n,Set(PJSIP_SEND_SESSION_REFRESH()=invite)
 same => n(${label}),GotoIf($["\${CHANNEL(audionativeformat)}" = "(opus)"]?${label}-wait:${label}-done)
 same => n(${label}-wait),Wait(0.1)
 same => n,Goto(${label})
 same => n(${label}-done),NoOp()`;
  // Each phone's hint gives its lamp (BLF: SUBSCRIBE dialog or presence to the extension).
  // A phone forwarded at the PBX (*72) is never dialled: the call goes to the stored target.
  const phones = endpoints
    .map(
      (e) => `exten => ${e.ext},hint,PJSIP/${e.ext}
exten => ${e.ext},1,GotoIf(\${DB_EXISTS(CF/\${EXTEN})}?forwarded)
 same => n,Dial(PJSIP/${e.ext},30)
 same => n,Hangup()
 same => n(forwarded),Log(NOTICE,DESKPHONE-CF \${EXTEN} to \${DB_RESULT})
 same => n,Goto(phones,\${DB_RESULT},1)`,
    )
    .join('\n');
  // Text messages (SIP MESSAGE) between phones: only known extensions exist
  // here, so a MESSAGE to anything else is refused (404). Asterisk answers 202
  // before this runs, so a colleague's phone that cannot be reached (not
  // registered) is reported afterwards: an RFC 5438 delivery notification
  // back to the sender, about the MESSAGE whose Call-ID it names (the README's
  // "Messages" section gives admins the same lines).
  const messages = endpoints
    .map(
      (e) => `exten => ${e.ext},1,Log(NOTICE,DESKPHONE-MESSAGE \${MESSAGE(from)} to \${EXTEN})
 same => n,MessageSend(pjsip:\${EXTEN},\${MESSAGE(from)})
 same => n,Log(NOTICE,DESKPHONE-MESSAGE-STATUS \${EXTEN} \${MESSAGE_SEND_STATUS})
 same => n,GotoIf($["\${MESSAGE_SEND_STATUS}" = "SUCCESS"]?done)
${IMDN_FAILURE_REPORT}
 same => n(done),Hangup()`,
    )
    .join('\n');
  return `[general]
static = yes
writeprotect = yes

[phones]
; Park (700) and the parked-call slots (701-720, with their hints) of res_parking.conf.
include => parkedcalls

exten => ${x.echo},1,Answer()
 same => n,Echo()

exten => ${x.g711Tone},1,Answer()
 ${toG711('tone')}
 same => n,Milliwatt()

exten => ${x.echoThenSilence},1,Answer()
 same => n,Echo()
 ${toG711('silence')}
 same => n,Wait(120)

exten => ${x.dtmfReader},1,Answer()
 same => n(next),WaitDigit(60)
 same => n,GotoIf($["\${WAITDIGITSTATUS}" != "DTMF"]?done)
 same => n,Log(NOTICE,DESKPHONE-DTMF \${CHANNEL(endpoint)} \${WAITDIGITRESULT})
 same => n,Goto(next)
 same => n(done),Hangup()

exten => ${x.busy},1,Busy(5)

exten => ${x.congestion},1,Congestion(5)

exten => ${x.answerThenHangUp},1,Answer()
 same => n,Wait(2)
 same => n,Hangup()

exten => ${x.quietOpus},1,Answer()
 same => n,Wait(120)

exten => ${x.ringForever},1,Ringing()
 same => n,Wait(60)
 same => n,Hangup()

exten => _${x.leaveVoicemailPrefix}XXXX,1,Answer()
 ${toG711('vm')}
 same => n,VoiceMail(\${EXTEN:${x.leaveVoicemailPrefix.length}}@default,u)
 same => n,Hangup()

exten => ${x.voicemailMain},1,Log(NOTICE,DESKPHONE-VOICEMAILMAIN \${CALLERID(num)})
 same => n,Answer()
 ${toG711('vmm')}
 same => n,VoiceMailMain(\${CALLERID(num)}@default,s)
 same => n,Hangup()

exten => _${x.forwardOn}.,1,Set(DB(CF/\${CALLERID(num)})=\${EXTEN:${x.forwardOn.length}})
 same => n,Log(NOTICE,DESKPHONE-CF-ON \${CALLERID(num)} \${EXTEN:${x.forwardOn.length}})
 same => n,Answer()
 same => n,Wait(1)
 same => n,Hangup()

exten => ${x.forwardOff},1,NoOp(\${DB_DELETE(CF/\${CALLERID(num)})})
 same => n,Log(NOTICE,DESKPHONE-CF-OFF \${CALLERID(num)})
 same => n,Answer()
 same => n,Wait(1)
 same => n,Hangup()

; Directed pickup, as the board's help text suggests: the call ringing at that extension.
exten => _${x.directedPickupPrefix}X.,1,Log(NOTICE,DESKPHONE-PICKUP \${CALLERID(num)} \${EXTEN:${x.directedPickupPrefix.length}})
 same => n,Pickup(\${EXTEN:${x.directedPickupPrefix.length}}@phones)
 same => n,Hangup()

; An outside caller, as a trunk would present one (screen-pop sees the number and name).
exten => _${x.outsideCallerPrefix}XXXX,1,Set(CALLERID(num)=${OUTSIDE_CALLER.number})
 same => n,Set(CALLERID(name)=${OUTSIDE_CALLER.name})
 same => n,Dial(PJSIP/\${EXTEN:${x.outsideCallerPrefix.length}},30)
 same => n,Hangup()

${phones}

[message]
${messages}
`;
}
