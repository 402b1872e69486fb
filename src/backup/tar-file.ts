/**
 * A minimal tar (ustar) writer and reader for backup files: regular files only, written in order and
 * read back by scanning headers. Any tar tool lists and extracts what this writes (`tar tf backup.tar`).
 * Sizes of 8 GiB and more use the GNU base-256 size field, which GNU tar and bsdtar both read.
 */
import fs from 'node:fs';
import { createHash } from 'node:crypto';

const BLOCK = 512;
const CHUNK = 1 << 20;

function octal(value: number, width: number): string {
  return `${value.toString(8).padStart(width - 1, '0')}\0`;
}

function header(name: string, size: number, mtime: Date): Buffer {
  const nameBytes = Buffer.from(name, 'utf8');
  if (nameBytes.length > 100) throw new Error(`tar entry name too long: ${name}`);
  const h = Buffer.alloc(BLOCK, 0);
  nameBytes.copy(h, 0);
  h.write(octal(0o600, 8), 100, 'ascii');
  h.write(octal(0, 8), 108, 'ascii');
  h.write(octal(0, 8), 116, 'ascii');
  if (size < 8 ** 11) h.write(octal(size, 12), 124, 'ascii');
  else {
    h[124] = 0x80;
    h.writeBigUInt64BE(BigInt(size), 128);
  }
  h.write(octal(Math.floor(mtime.getTime() / 1000), 12), 136, 'ascii');
  h.write('        ', 148, 'ascii');
  h.write('0', 156, 'ascii');
  h.write('ustar\0' + '00', 257, 'binary');
  let sum = 0;
  for (const b of h) sum += b;
  h.write(`${octal(sum, 7)} `, 148, 'ascii');
  return h;
}

function parseSize(h: Buffer): number {
  if (h[124] & 0x80) return Number(h.readBigUInt64BE(128));
  return parseInt(h.toString('ascii', 124, 136).replace(/\0.*$/, '').trim() || '0', 8);
}

export interface TarEntry {
  name: string;
  size: number;
  sha256: string;
}

/** Writes entries to an open file descriptor; `finish` writes the end marker and fsyncs. */
export class TarWriter {
  readonly entries: TarEntry[] = [];
  constructor(private readonly fd: number) {}

  addBuffer(name: string, bytes: Buffer): TarEntry {
    fs.writeSync(this.fd, header(name, bytes.length, new Date()));
    fs.writeSync(this.fd, bytes);
    this.pad(bytes.length);
    return this.record(name, bytes.length, createHash('sha256').update(bytes).digest('hex'));
  }

  /** Copies a file that no one is writing any more (attachments are renamed into place whole). */
  addFile(name: string, sourcePath: string): TarEntry {
    const src = fs.openSync(sourcePath, 'r');
    try {
      const size = fs.fstatSync(src).size;
      fs.writeSync(this.fd, header(name, size, new Date()));
      const hash = createHash('sha256');
      const buf = Buffer.alloc(CHUNK);
      let done = 0;
      while (done < size) {
        const n = fs.readSync(src, buf, 0, Math.min(CHUNK, size - done), null);
        if (n === 0) throw new Error(`${sourcePath} shrank while being copied`);
        fs.writeSync(this.fd, buf, 0, n);
        hash.update(buf.subarray(0, n));
        done += n;
      }
      this.pad(size);
      return this.record(name, size, hash.digest('hex'));
    } finally {
      fs.closeSync(src);
    }
  }

  finish(): void {
    fs.writeSync(this.fd, Buffer.alloc(BLOCK * 2));
    fs.fsyncSync(this.fd);
  }

  private pad(size: number): void {
    const rest = size % BLOCK;
    if (rest) fs.writeSync(this.fd, Buffer.alloc(BLOCK - rest));
  }

  private record(name: string, size: number, sha256: string): TarEntry {
    const e = { name, size, sha256 };
    this.entries.push(e);
    return e;
  }
}

export interface TarMember {
  name: string;
  size: number;
  /** Byte offset of the content in the file. */
  offset: number;
}

/** The members of a tar file, by scanning its headers (contents are not read). */
export function listTar(file: string): TarMember[] {
  const fd = fs.openSync(file, 'r');
  try {
    const total = fs.fstatSync(fd).size;
    const members: TarMember[] = [];
    const h = Buffer.alloc(BLOCK);
    let pos = 0;
    while (pos + BLOCK <= total) {
      fs.readSync(fd, h, 0, BLOCK, pos);
      if (h.every((b) => b === 0)) return members;
      const name = h.toString('utf8', 0, 100).replace(/\0.*$/s, '');
      const size = parseSize(h);
      if (h[156] === 0x30 || h[156] === 0) members.push({ name, size, offset: pos + BLOCK });
      pos += BLOCK + Math.ceil(size / BLOCK) * BLOCK;
    }
    throw new Error(`${file} is truncated: no end-of-archive marker`);
  } finally {
    fs.closeSync(fd);
  }
}

/** Reads a member whole (for the small ones: the manifest, the key, the database dump). */
export function readMember(file: string, m: TarMember): Buffer {
  const fd = fs.openSync(file, 'r');
  try {
    const buf = Buffer.alloc(m.size);
    let done = 0;
    while (done < m.size) {
      const n = fs.readSync(fd, buf, done, m.size - done, m.offset + done);
      if (n === 0) throw new Error(`${file} is truncated in ${m.name}`);
      done += n;
    }
    return buf;
  } finally {
    fs.closeSync(fd);
  }
}

/** Reads a member's content in chunks, handing each to `use`; returns the content's sha256. */
function streamMember(file: string, m: TarMember, use: (chunk: Buffer) => void): string {
  const fd = fs.openSync(file, 'r');
  try {
    const hash = createHash('sha256');
    const buf = Buffer.alloc(CHUNK);
    let done = 0;
    while (done < m.size) {
      const n = fs.readSync(fd, buf, 0, Math.min(CHUNK, m.size - done), m.offset + done);
      if (n === 0) throw new Error(`${file} is truncated in ${m.name}`);
      use(buf.subarray(0, n));
      hash.update(buf.subarray(0, n));
      done += n;
    }
    return hash.digest('hex');
  } finally {
    fs.closeSync(fd);
  }
}

/** Copies a member into a new file (mode given), fsynced; returns the content's sha256. */
export function extractMember(file: string, m: TarMember, target: string, mode: number): string {
  const dst = fs.openSync(target, 'wx', mode);
  try {
    const sha = streamMember(file, m, (chunk) => fs.writeSync(dst, chunk));
    fs.fsyncSync(dst);
    return sha;
  } finally {
    fs.closeSync(dst);
  }
}

/** The sha256 of a member's content, read in chunks. */
export function hashMember(file: string, m: TarMember): string {
  return streamMember(file, m, () => {});
}
