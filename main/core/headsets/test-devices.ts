// HID devices as Electron describes them, for the tests of main's headset
// rules: one real headset model per supported vendor (their makers' USB
// vendor IDs) and a keyboard that must never be granted.

export const JABRA = { deviceId: 'jabra-1', vendorId: 0x0b0e, productId: 0x0412, name: 'Jabra Evolve2 40' };
export const JABRA_2 = { deviceId: 'jabra-2', vendorId: 0x0b0e, productId: 0x24f8, name: 'Jabra Engage 50' };
export const POLY = { deviceId: 'poly-1', vendorId: 0x047f, productId: 0xc056, name: 'Poly Blackwire 3220' };
export const EPOS = { deviceId: 'epos-1', vendorId: 0x1395, productId: 0x0087, name: 'EPOS SC 260' };
export const YEALINK = { deviceId: 'yealink-1', vendorId: 0x6993, productId: 0xb0a2, name: 'Yealink UH36' };
export const KEYBOARD = {
  deviceId: 'kbd-1',
  vendorId: 0x046d,
  productId: 0xc31c,
  name: 'Logitech Keyboard K120',
};
