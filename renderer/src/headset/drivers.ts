import type { DriverLoader } from './headset';

/**
 * The vendor code, each driver a chunk of its own: nothing here is fetched
 * until a supported headset is present. Jabra goes through GN's SDK first and
 * falls back to the standard telephony driver (every Jabra headset also has
 * the USB-IF Telephony collection) when the SDK cannot drive it.
 */
export const loadDriver: DriverLoader = async (device, vendor, listener) => {
  if (vendor === 'jabra') {
    try {
      const { openJabraDriver } = await import('./jabra-driver');
      return await openJabraDriver(device, listener);
    } catch (error) {
      console.warn('Jabra SDK unavailable for this headset, using the standard driver:', error);
    }
  }
  const { openTelephonyDriver } = await import('./telephony-driver');
  return openTelephonyDriver(device, listener);
};
