import { crc32, deflateSync } from 'node:zlib';
import type { TrayState } from './tray-model';

// Tray icons drawn in code: a coloured disc per phone state with a white mark
// in it, so the state reads in colour and, for colour-blind users, in shape.
// Rendering them here (a few hundred bytes of PNG each) means no image assets
// to ship, find at run time or keep in step with the states.

export type TrayIconSize = 16 | 32;
export const TRAY_ICON_SIZES: readonly TrayIconSize[] = [16, 32];
export type TrayIcons = Record<TrayIconSize, Buffer>;

type Glyph = 'none' | 'dot' | 'ring' | 'bar' | 'cross' | 'dots' | 'hollow';

interface Look {
  /** [r, g, b] */
  colour: readonly [number, number, number];
  glyph: Glyph;
}

export const TRAY_LOOKS: Record<TrayState, Look> = {
  registered: { colour: [0x2e, 0x9e, 0x44], glyph: 'none' },
  connecting: { colour: [0xe8, 0xa3, 0x17], glyph: 'dots' },
  unregistered: { colour: [0x8a, 0x8f, 0x98], glyph: 'hollow' },
  ringing: { colour: [0x1a, 0x73, 0xe8], glyph: 'dot' },
  'in-call': { colour: [0x00, 0x89, 0x7b], glyph: 'ring' },
  dnd: { colour: [0xd9, 0x30, 0x25], glyph: 'bar' },
  failed: { colour: [0x8e, 0x1b, 0x12], glyph: 'cross' },
};

/** Samples per pixel side: 4×4 gives smooth edges at 16 px. */
const SUPERSAMPLE = 4;
const WHITE = [255, 255, 255] as const;

/** The voicemail mark: an amber disc with a white rim at the top right, over the state disc. */
const MAIL_COLOUR = [0xf5, 0x9e, 0x0b] as const;
const MAIL_CENTRE = [0.62, -0.62] as const;
const MAIL_RADIUS = 0.4;
const MAIL_RIM = 0.12;

/** A PNG (RGBA, 8 bit) of the icon for `state`, `size` pixels square; `voicemail` adds the mark. */
export function renderTrayIcon(state: TrayState, size: TrayIconSize, voicemail = false): Buffer {
  const look = TRAY_LOOKS[state];
  const rgba = Buffer.alloc(size * size * 4);
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let disc = 0;
      let mark = 0;
      let mail = 0;
      let rim = 0;
      for (let sy = 0; sy < SUPERSAMPLE; sy++) {
        for (let sx = 0; sx < SUPERSAMPLE; sx++) {
          // Unit coordinates: the disc has radius 1 around (0, 0), with a small margin.
          const x = (((px + (sx + 0.5) / SUPERSAMPLE) / size) * 2 - 1) / 0.94;
          const y = (((py + (sy + 0.5) / SUPERSAMPLE) / size) * 2 - 1) / 0.94;
          const fromMail = Math.hypot(x - MAIL_CENTRE[0], y - MAIL_CENTRE[1]);
          if (voicemail && fromMail < MAIL_RADIUS) {
            mail++;
            continue;
          }
          if (voicemail && fromMail < MAIL_RADIUS + MAIL_RIM) {
            rim++;
            continue;
          }
          if (x * x + y * y > 1) continue;
          disc++;
          if (inGlyph(look.glyph, x, y)) mark++;
        }
      }
      const samples = SUPERSAMPLE * SUPERSAMPLE;
      const i = (py * size + px) * 4;
      const covered = disc + mail + rim;
      for (let c = 0; c < 3; c++) {
        const sum = (disc - mark) * look.colour[c]! + (mark + rim) * WHITE[c]! + mail * MAIL_COLOUR[c]!;
        rgba[i + c] = covered === 0 ? 0 : Math.round(sum / covered);
      }
      rgba[i + 3] = Math.round((covered / samples) * 255);
    }
  }
  return encodePng(size, size, rgba);
}

const cache = new Map<string, TrayIcons>();

/** Both sizes for a state (16 px for normal screens, 32 px for 2× scaling), rendered once. */
export function trayIcons(state: TrayState, voicemail = false): TrayIcons {
  const key = `${state}:${voicemail}`;
  let icons = cache.get(key);
  if (!icons) {
    icons = { 16: renderTrayIcon(state, 16, voicemail), 32: renderTrayIcon(state, 32, voicemail) };
    cache.set(key, icons);
  }
  return icons;
}

function inGlyph(glyph: Glyph, x: number, y: number): boolean {
  const r = Math.hypot(x, y);
  switch (glyph) {
    case 'none':
      return false;
    case 'dot':
      return r < 0.38;
    case 'ring':
      return r > 0.3 && r < 0.56;
    case 'hollow':
      return r < 0.6;
    case 'bar':
      return Math.abs(y) < 0.17 && Math.abs(x) < 0.6;
    case 'cross':
      return Math.abs(x) < 0.5 && Math.abs(y) < 0.5 && Math.min(Math.abs(x - y), Math.abs(x + y)) < 0.22;
    case 'dots':
      return [-0.5, 0, 0.5].some((cx) => Math.hypot(x - cx, y) < 0.17);
  }
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** A minimal PNG: IHDR, one IDAT, IEND; every row with filter type 0 (none). */
export function encodePng(width: number, height: number, rgba: Buffer): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // colour type: RGBA
  // compression, filter and interlace methods stay 0
  const stride = width * 4;
  const raw = Buffer.alloc((stride + 1) * height);
  for (let y = 0; y < height; y++) rgba.copy(raw, y * (stride + 1) + 1, y * stride, (y + 1) * stride);
  return Buffer.concat([
    PNG_SIGNATURE,
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length, 0);
  const typeAndData = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typeAndData) >>> 0, 0);
  return Buffer.concat([length, typeAndData, crc]);
}
