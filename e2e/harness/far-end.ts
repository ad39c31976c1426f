/**
 * The whole machine far end in one call: rtpengine (media relay), Kamailio
 * with a plain-SIP UDP listener and the relay enabled for the far-end user,
 * and baresip registered as that user. Start order matters: rtpengine first
 * (Kamailio's rtpengine module pings it at start-up), Kamailio, then baresip
 * (which registers). Stop order is the reverse.
 */
import { startBaresip, type BaresipHandle } from './baresip';
import { startKamailio, type KamailioHandle } from './kamailio';
import { startRtpengine, type RtpengineHandle } from './rtpengine';

export const FAR_END_USER = 'echo';
export const FAR_END_PASSWORD = 'echo-Pw-4d7e21';

export interface StartFarEndOptions {
  /** The browser users (username -> password), as for startKamailio(). */
  users: Record<string, string>;
  /** The far end's SIP user; default 'echo'. */
  farEndUser?: string;
  farEndPassword?: string;
}

export interface FarEnd {
  kamailio: KamailioHandle;
  rtpengine: RtpengineHandle;
  baresip: BaresipHandle;
  /** Stops baresip, Kamailio and rtpengine (each only if it was started). */
  stop(): Promise<void>;
}

export async function startFarEnd(opts: StartFarEndOptions): Promise<FarEnd> {
  const user = opts.farEndUser ?? FAR_END_USER;
  const password = opts.farEndPassword ?? FAR_END_PASSWORD;
  let rtpengine: RtpengineHandle | undefined;
  let kamailio: KamailioHandle | undefined;
  let baresip: BaresipHandle | undefined;
  const stop = async (): Promise<void> => {
    await baresip?.stop();
    await kamailio?.stop();
    await rtpengine?.stop();
  };
  try {
    rtpengine = await startRtpengine();
    kamailio = await startKamailio({
      users: { ...opts.users, [user]: password },
      udp: true,
      mediaRelay: { ngSocket: rtpengine.ngSocket, users: [user] },
    });
    baresip = await startBaresip({ user, password, registrarPort: kamailio.udpPort! });
  } catch (err) {
    await stop();
    throw err;
  }
  return { kamailio, rtpengine, baresip, stop };
}
