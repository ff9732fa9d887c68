/**
 * A minimal PNG encoder (8-bit RGBA, no interlace) and the two Teams app icons, drawn in code so
 * the repository carries no binary files: a white speech bubble on the accent colour (192×192
 * colour icon) and the same bubble as a white outline on transparency (32×32 outline icon).
 */
import { deflateSync } from 'node:zlib';

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/** Encodes `rgba` (width × height × 4 bytes, rows top to bottom) as a PNG file. */
export function encodePng(width: number, height: number, rgba: Uint8Array): Buffer {
  if (rgba.length !== width * height * 4)
    throw new Error(`encodePng: expected ${width * height * 4} bytes, got ${rgba.length}`);
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // colour type: RGBA
  const raw = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (width * 4 + 1)] = 0; // filter: none
    Buffer.from(rgba.buffer, rgba.byteOffset + y * width * 4, width * 4).copy(raw, y * (width * 4 + 1) + 1);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', new Uint8Array(0)),
  ]);
}

/** Width and height from a PNG's IHDR chunk (for checks). */
export function pngSize(png: Buffer): { width: number; height: number } {
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

type Shape = (x: number, y: number) => boolean;

/** A rounded rectangle plus a tail at its lower left: the speech bubble, in 0..1 coordinates. */
function bubble(x0: number, y0: number, x1: number, y1: number, r: number): Shape {
  return (x, y) => {
    const inRect = x >= x0 && x <= x1 && y >= y0 && y <= y1;
    if (inRect) {
      const cx = Math.min(Math.max(x, x0 + r), x1 - r);
      const cy = Math.min(Math.max(y, y0 + r), y1 - r);
      if ((x - cx) ** 2 + (y - cy) ** 2 <= r * r) return true;
    }
    // Tail: a triangle below the body, pointing down-left.
    const tx0 = x0 + (x1 - x0) * 0.18;
    const tx1 = x0 + (x1 - x0) * 0.42;
    const tyTip = y1 + (y1 - y0) * 0.32;
    if (y > y1 - r && y <= tyTip) {
      const t = (y - (y1 - r)) / (tyTip - (y1 - r));
      const left = tx0 - (tx0 - (x0 + (x1 - x0) * 0.08)) * t;
      const right = tx1 - (tx1 - (x0 + (x1 - x0) * 0.08)) * t;
      if (x >= left && x <= right) return true;
    }
    return false;
  };
}

type Rgba = [number, number, number, number];

/** Paints `layers` (last on top) with 4×4 supersampling for smooth edges. */
function paint(size: number, background: Rgba, layers: Array<{ shape: Shape; color: Rgba }>): Uint8Array {
  const out = new Uint8Array(size * size * 4);
  const ss = 4;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0;
      let g = 0;
      let b = 0;
      let a = 0;
      for (let sy = 0; sy < ss; sy++) {
        for (let sx = 0; sx < ss; sx++) {
          const x = (px + (sx + 0.5) / ss) / size;
          const y = (py + (sy + 0.5) / ss) / size;
          let c = background;
          for (const l of layers) if (l.shape(x, y)) c = l.color;
          // Premultiplied accumulation keeps transparent edges free of dark fringes.
          r += c[0] * c[3];
          g += c[1] * c[3];
          b += c[2] * c[3];
          a += c[3];
        }
      }
      const i = (py * size + px) * 4;
      out[i + 3] = Math.round(a / (ss * ss));
      if (a > 0) {
        out[i] = Math.round(r / a);
        out[i + 1] = Math.round(g / a);
        out[i + 2] = Math.round(b / a);
      }
    }
  }
  return out;
}

const WHITE: Rgba = [255, 255, 255, 255];
const CLEAR: Rgba = [0, 0, 0, 0];

function hexColor(hex: string): Rgba {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!m) throw new Error(`not a #RRGGBB colour: ${hex}`);
  return [parseInt(m[1]!, 16), parseInt(m[2]!, 16), parseInt(m[3]!, 16), 255];
}

function dots(y: number, radius: number, xs: number[]): Shape {
  return (x, yy) => xs.some((cx) => (x - cx) ** 2 + (yy - y) ** 2 <= radius * radius);
}

/** The 192×192 colour icon: a white bubble with three dots on the accent colour. */
export function colorIcon(accent: string): Buffer {
  const bg = hexColor(accent);
  const body = bubble(0.22, 0.26, 0.78, 0.64, 0.1);
  return encodePng(
    192,
    192,
    paint(192, bg, [
      { shape: body, color: WHITE },
      { shape: dots(0.45, 0.045, [0.37, 0.5, 0.63]), color: bg },
    ]),
  );
}

/** The 32×32 outline icon: the bubble as a white line on a transparent background. */
export function outlineIcon(): Buffer {
  const outer = bubble(0.09, 0.14, 0.91, 0.7, 0.16);
  const inner = bubble(0.19, 0.24, 0.81, 0.6, 0.08);
  const ring: Shape = (x, y) => outer(x, y) && !inner(x, y);
  return encodePng(
    32,
    32,
    paint(32, CLEAR, [
      { shape: ring, color: WHITE },
      { shape: dots(0.42, 0.055, [0.35, 0.5, 0.65]), color: WHITE },
    ]),
  );
}
