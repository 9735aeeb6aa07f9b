/**
 * Writes small deterministic PNG files for the benchmark corpus's page bundles (and the
 * chunks the image tests assemble hostile PNGs from). A dozen lines of zlib and CRC32 spare
 * the generator a dependency on an image library's encoder (whose output bytes may change
 * between versions and break the corpus's determinism).
 */
import { deflateSync } from "node:zlib";

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const byte of bytes) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

export const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** One PNG chunk: length, type, data, CRC32 of type and data. */
export function pngChunk(type: string, data: Uint8Array): Buffer {
  const body = Buffer.concat([Buffer.from(type, "latin1"), data]);
  const out = Buffer.alloc(body.length + 8);
  out.writeUInt32BE(data.length, 0);
  body.copy(out, 4);
  out.writeUInt32BE(crc32(body), body.length + 4);
  return out;
}

/** An RGB image of diagonal colour bands; `hue` (0–359) varies it between essays. */
export function bandedPng(width: number, height: number, hue: number): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit depth, truecolour, deflate, no filter method, no interlace
  const rows = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) {
    const row = y * (width * 3 + 1);
    for (let x = 0; x < width; x++) {
      const band = Math.floor((x + y) / 24) % 6;
      const at = row + 1 + x * 3;
      // Colours change every 8 pixels: a photo-sized file (tens of KB), not a 600 KB one.
      rows[at] = (hue + band * 40) % 256;
      rows[at + 1] = (band * 37 + (y >> 3) * 8) % 256;
      rows[at + 2] = (255 - hue + (x >> 3) * 8) % 256;
    }
  }
  return Buffer.concat([PNG_SIGNATURE, pngChunk("IHDR", header), pngChunk("IDAT", deflateSync(rows, { level: 6 })), pngChunk("IEND", new Uint8Array())]);
}
