// Asterisk's `webrtc=yes` endpoints answer 488 unless the offer has DTLS-SRTP,
// the AVPF profile, rtcp-mux, ICE and a codec they know. This audit runs on
// every local description so a regression shows in the log, not as a 488.

export function auditAsteriskCompatibility(sdp: string): string[] {
  const problems: string[] = [];
  const audio = sdp
    .split(/\r?\nm=/)
    .find((section) => section.startsWith('audio') || section.startsWith('m=audio'));
  if (!audio) return ['The offer has no audio stream.'];
  const mLine = audio.split(/\r?\n/)[0] ?? '';
  if (!/UDP\/TLS\/RTP\/SAVPF/.test(mLine))
    problems.push('Audio is not offered with DTLS-SRTP and AVPF (UDP/TLS/RTP/SAVPF).');
  if (!/^a=rtcp-mux\s*$/m.test(audio)) problems.push('rtcp-mux is missing.');
  if (!/^a=fingerprint:/m.test(sdp)) problems.push('No DTLS fingerprint.');
  if (!/^a=ice-ufrag:/m.test(sdp)) problems.push('No ICE credentials.');
  const codecs = [...audio.matchAll(/^a=rtpmap:\d+ ([^/\s]+)\//gm)].map((m) => m[1]!.toUpperCase());
  for (const needed of ['OPUS', 'PCMU', 'PCMA']) {
    if (!codecs.includes(needed))
      problems.push(`Codec ${needed === 'OPUS' ? 'Opus' : needed} is not offered.`);
  }
  return problems;
}
