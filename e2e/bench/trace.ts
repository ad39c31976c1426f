import type { BrowserContext, Page } from '@playwright/test';

// BENCH_TRACE=1: a timeline of what happens between a click and the first
// packet, in both pages on one clock (epoch milliseconds from timeOrigin +
// performance.now()): SIP messages sent and received, peer connection calls
// and state changes, getUserMedia. For finding where an Answer's time goes;
// never in a figure.

interface TraceEntry {
  at: number;
  what: string;
}

function install(): void {
  const w = window as unknown as { __benchTrace?: TraceEntry[] };
  if (w.__benchTrace) return;
  const trace: TraceEntry[] = [];
  w.__benchTrace = trace;
  const note = (what: string) => trace.push({ at: performance.timeOrigin + performance.now(), what });
  const firstLine = (data: unknown) => (typeof data === 'string' ? data.slice(0, data.indexOf('\r\n')) : '?');

  const send = WebSocket.prototype.send;
  WebSocket.prototype.send = function (this: WebSocket, data) {
    note(`ws> ${firstLine(data)}`);
    return send.call(this, data);
  };
  const NativeSocket = WebSocket;
  window.WebSocket = new Proxy(NativeSocket, {
    construct(target, args: ConstructorParameters<typeof WebSocket>, newTarget) {
      const socket = Reflect.construct(target, args, newTarget) as WebSocket;
      socket.addEventListener('message', (event: MessageEvent) => {
        note(`ws< ${firstLine(event.data)}`);
        if (/^SIP\/2.0 200 .*\r\n[\s\S]*^CSeq:\s*\d+ INVITE/m.test(String(event.data))) probe();
      });
      return socket;
    },
  });

  let count = 0;
  const proto = RTCPeerConnection.prototype as unknown as Record<string, (...a: unknown[]) => unknown>;
  const ids = new WeakMap<object, number>();
  for (const name of ['createOffer', 'createAnswer', 'setLocalDescription', 'setRemoteDescription']) {
    const original = proto[name]!;
    proto[name] = function (this: RTCPeerConnection, ...args: unknown[]) {
      const id = ids.get(this);
      note(`pc${id} ${name}(`);
      const result = original.apply(this, args) as Promise<unknown>;
      void result.then(
        () => note(`pc${id} ${name})`),
        (e: unknown) => note(`pc${id} ${name} failed ${String(e)}`),
      );
      return result;
    };
  }
  const NativePc = RTCPeerConnection;
  window.RTCPeerConnection = new Proxy(NativePc, {
    construct(target, args: ConstructorParameters<typeof RTCPeerConnection>, newTarget) {
      const pc = Reflect.construct(target, args, newTarget) as RTCPeerConnection;
      const id = ++count;
      ids.set(pc, id);
      note(`pc${id} new`);
      pc.addEventListener('iceconnectionstatechange', () => note(`pc${id} ice ${pc.iceConnectionState}`));
      pc.addEventListener('connectionstatechange', () => note(`pc${id} conn ${pc.connectionState}`));
      pc.addEventListener('icegatheringstatechange', () => note(`pc${id} gather ${pc.iceGatheringState}`));
      pc.addEventListener('track', () => note(`pc${id} track`));
      return pc;
    },
  });
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      trace.push({
        at: performance.timeOrigin + entry.startTime,
        what: `long task ${entry.duration.toFixed(0)} ms`,
      });
    }
  }).observe({ type: 'longtask' });
  // After a click: every gap of 6 ms or more in a 1 ms timer chain is main-thread work (or waiting).
  const probe = () => {
    const until = performance.now() + 300;
    let last = performance.now();
    const tick = () => {
      const now = performance.now();
      if (now - last >= 6)
        trace.push({ at: performance.timeOrigin + last, what: `busy ${(now - last).toFixed(0)} ms` });
      last = now;
      if (now < until) setTimeout(tick, 1);
    };
    setTimeout(tick, 1);
  };
  window.addEventListener('click', probe, true);
  const play = HTMLMediaElement.prototype.play;
  HTMLMediaElement.prototype.play = function (this: HTMLMediaElement) {
    note(`play ${this.dataset.role ?? this.tagName}`);
    return play.call(this);
  };
  const media = navigator.mediaDevices;
  const getUserMedia = media.getUserMedia.bind(media);
  media.getUserMedia = (constraints) => {
    note('getUserMedia(');
    return getUserMedia(constraints).then((s) => {
      note('getUserMedia)');
      return s;
    });
  };
  const replaceTrack = RTCRtpSender.prototype.replaceTrack;
  RTCRtpSender.prototype.replaceTrack = function (this: RTCRtpSender, track) {
    note(`replaceTrack(${track?.kind ?? 'null'})`);
    return replaceTrack.call(this, track);
  };
}

export async function addTrace(target: BrowserContext | Page): Promise<void> {
  await target.addInitScript({ content: `(${install.toString()})();` });
}

/** Both pages' entries since `from` (epoch ms), merged, as lines "+ms side what". */
export async function printTrace(label: string, from: number, pages: Record<string, Page>): Promise<void> {
  const lines: { at: number; line: string }[] = [];
  for (const [side, page] of Object.entries(pages)) {
    const entries = await page.evaluate(
      () => (window as unknown as { __benchTrace?: TraceEntry[] }).__benchTrace?.splice(0) ?? [],
    );
    for (const e of entries) if (e.at >= from - 50) lines.push({ at: e.at, line: `${side} ${e.what}` });
  }
  lines.sort((a, b) => a.at - b.at);
  console.log(
    `${label}\n${lines.map((l) => `  ${(l.at - from).toFixed(1).padStart(7)} ${l.line}`).join('\n')}`,
  );
}
