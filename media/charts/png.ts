// A PNG writer for resvg's RGBA pixels, tuned for charts, about three times faster than resvg's
// own asPng (which tries filters on every row and deflates at the default level) for the same
// pixels in a file of about the same size: flat colours compress well at the fastest deflate
// level, and a row equal to the one above it (half the rows of a bar chart) is written as
// all zeros with the "Up" filter, found by a native compare instead of a per-byte loop.
import { constants, crc32, deflateSync } from "node:zlib";

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function chunk(type: string, data: Buffer): Buffer {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, "latin1");
  data.copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

/** 8-bit RGBA, non-premultiplied, rows top to bottom (what resvg's `pixels` holds). */
export function encodePng(rgba: Buffer, width: number, height: number): Buffer {
  const stride = width * 4;
  if (rgba.length !== stride * height) throw new Error(`encodePng: ${rgba.length} bytes for ${width}x${height} RGBA`);
  const rows = scratchRows((stride + 1) * height);
  for (let y = 0; y < height; y++) {
    const [at, from] = [y * (stride + 1), y * stride];
    const sameAsAbove = y > 0 && rgba.compare(rgba, from, from + stride, from - stride, from) === 0;
    rows[at] = sameAsAbove ? 2 : 0;
    if (sameAsAbove) rows.fill(0, at + 1, at + 1 + stride);
    else rgba.copy(rows, at + 1, from, from + stride);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 6, 0, 0, 0], 8);
  const data = deflateSync(rows, { level: 1, strategy: constants.Z_DEFAULT_STRATEGY });
  return Buffer.concat([SIGNATURE, chunk("IHDR", header), chunk("IDAT", data), chunk("IEND", Buffer.alloc(0))]);
}

/**
 * The filtered rows are written into one buffer kept for the process and compressed before
 * encodePng returns (it never yields), instead of megabytes allocated per picture: a fresh large
 * Buffer costs page faults and, as external memory, can start a full garbage collection.
 */
let scratch = Buffer.alloc(0);
function scratchRows(bytes: number): Buffer {
  if (scratch.length < bytes) scratch = Buffer.allocUnsafe(bytes);
  return scratch.subarray(0, bytes);
}
