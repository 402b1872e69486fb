/**
 * Writes `file.br` and `file.gz` beside each compressible file of the built web app (#20), so the server
 * sends compressed bytes without compressing on every request: @fastify/static's `preCompressed` picks the
 * sibling the browser's Accept-Encoding allows. Done once at build time, so the slowest settings pay off
 * (brotli quality 11, gzip level 9). node:zlib only: no compression plugin to depend on.
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

/** Text formats compress well; images and fonts the build emits are already compressed. */
const COMPRESSIBLE = /\.(js|mjs|css|html|svg|json|txt|map)$/;
/** Below this a compressed reply saves less than a packet and costs a file lookup. */
const MIN_BYTES = 256;

export function compressBrotli(data: Buffer): Buffer {
  return zlib.brotliCompressSync(data, {
    params: {
      [zlib.constants.BROTLI_PARAM_QUALITY]: zlib.constants.BROTLI_MAX_QUALITY,
      [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT,
      [zlib.constants.BROTLI_PARAM_SIZE_HINT]: data.length,
    },
  });
}

export function compressGzip(data: Buffer): Buffer {
  return zlib.gzipSync(data, { level: zlib.constants.Z_BEST_COMPRESSION });
}

function* files(dir: string): Generator<string> {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* files(p);
    else if (entry.isFile()) yield p;
  }
}

export interface PrecompressResult {
  files: number;
  bytes: number;
  brotliBytes: number;
  gzipBytes: number;
}

/**
 * Compresses every compressible file under `dir` in place (siblings .br and .gz). A compressed copy
 * no smaller than the original is not written: the server then sends the original.
 */
export function precompressDir(dir: string): PrecompressResult {
  const result: PrecompressResult = { files: 0, bytes: 0, brotliBytes: 0, gzipBytes: 0 };
  for (const file of files(dir)) {
    if (!COMPRESSIBLE.test(file)) continue;
    const data = fs.readFileSync(file);
    if (data.length < MIN_BYTES) continue;
    const br = compressBrotli(data);
    const gz = compressGzip(data);
    result.files += 1;
    result.bytes += data.length;
    if (br.length < data.length) {
      fs.writeFileSync(`${file}.br`, br);
      result.brotliBytes += br.length;
    }
    if (gz.length < data.length) {
      fs.writeFileSync(`${file}.gz`, gz);
      result.gzipBytes += gz.length;
    }
  }
  return result;
}
