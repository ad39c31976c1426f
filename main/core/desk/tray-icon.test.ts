import { crc32, inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { renderTrayIcon, TRAY_LOOKS, trayIcons, type TrayIconSize } from './tray-icon';
import { TRAY_STATES } from './tray-model';

// Decodes our own PNGs the way an image loader would: signature, chunk CRCs,
// IHDR fields, then the pixels, so the test sees what the tray would show.

interface Decoded {
  width: number;
  height: number;
  bitDepth: number;
  colourType: number;
  chunks: string[];
  pixel(x: number, y: number): [number, number, number, number];
}

function decode(png: Buffer): Decoded {
  expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  const chunks: string[] = [];
  const idat: Buffer[] = [];
  let header: Buffer | null = null;
  for (let at = 8; at < png.length;) {
    const length = png.readUInt32BE(at);
    const type = png.toString('ascii', at + 4, at + 8);
    const data = png.subarray(at + 8, at + 8 + length);
    expect(png.readUInt32BE(at + 8 + length), `${type} CRC`).toBe(
      crc32(png.subarray(at + 4, at + 8 + length)),
    );
    chunks.push(type);
    if (type === 'IHDR') header = data;
    if (type === 'IDAT') idat.push(data);
    at += 12 + length;
  }
  if (!header) throw new Error('no IHDR');
  const width = header.readUInt32BE(0);
  const height = header.readUInt32BE(4);
  const raw = inflateSync(Buffer.concat(idat));
  expect(raw.length).toBe((width * 4 + 1) * height);
  return {
    width,
    height,
    bitDepth: header[8]!,
    colourType: header[9]!,
    chunks,
    pixel(x, y) {
      const row = y * (width * 4 + 1);
      expect(raw[row]).toBe(0); // filter type none
      const i = row + 1 + x * 4;
      return [raw[i]!, raw[i + 1]!, raw[i + 2]!, raw[i + 3]!];
    },
  };
}

describe('tray icons', () => {
  it.each([16, 32] as TrayIconSize[])('renders a valid %i px RGBA PNG for every state', (size) => {
    for (const state of TRAY_STATES) {
      const png = decode(renderTrayIcon(state, size));
      expect(png).toMatchObject({ width: size, height: size, bitDepth: 8, colourType: 6 });
      expect(png.chunks).toEqual(['IHDR', 'IDAT', 'IEND']);
    }
  });

  it('is transparent in the corners and opaque inside the disc', () => {
    const png = decode(renderTrayIcon('registered', 32));
    expect(png.pixel(0, 0)[3]).toBe(0);
    expect(png.pixel(31, 31)[3]).toBe(0);
    expect(png.pixel(16, 4)[3]).toBe(255);
  });

  it('uses a different colour for each state', () => {
    const colours = TRAY_STATES.map((state) => TRAY_LOOKS[state].colour.join(','));
    expect(new Set(colours).size).toBe(TRAY_STATES.length);
    // ...and that colour is what the rim of the disc actually shows.
    for (const state of TRAY_STATES) {
      const rim = decode(renderTrayIcon(state, 32)).pixel(16, 3);
      expect(rim.slice(0, 3), state).toEqual([...TRAY_LOOKS[state].colour]);
    }
  });

  it('marks states with a white shape, not by colour alone', () => {
    const centre = (state: (typeof TRAY_STATES)[number]) => decode(renderTrayIcon(state, 32)).pixel(16, 16);
    expect(centre('ringing').slice(0, 3)).toEqual([255, 255, 255]);
    expect(centre('dnd').slice(0, 3)).toEqual([255, 255, 255]);
    expect(centre('registered').slice(0, 3)).toEqual([...TRAY_LOOKS.registered.colour]);
    const pngs = TRAY_STATES.map((state) => renderTrayIcon(state, 16).toString('base64'));
    expect(new Set(pngs).size).toBe(TRAY_STATES.length);
  });

  it('renders each state once and hands out both sizes', () => {
    const icons = trayIcons('dnd');
    expect(trayIcons('dnd')).toBe(icons);
    expect(decode(icons[16]).width).toBe(16);
    expect(decode(icons[32]).width).toBe(32);
  });
});
