/**
 * #20 "A light console": the web app is sent compressed by content negotiation (brotli, gzip, or as is),
 * hashed files under /assets/ are cached for a year as immutable, index.html (also as the fallback of a
 * client route) is revalidated on each load, and every negotiated reply says `Vary: Accept-Encoding`.
 * The real app (buildApp with a webDir) over a small built-like directory compressed by the build's own
 * function, so no Vite build is needed here.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/http/app.ts';
import { precompressDir } from '../../src/web-precompress.ts';
import { freshDatabase, type TestDatabase } from '../helpers/test-db.ts';

const INDEX = `<!doctype html><html lang="zh-CN"><head><meta charset="UTF-8" /><title>Plaint 投诉处理系统</title>
<script type="module" crossorigin src="/assets/app-abc123.js"></script></head><body><div id="root"></div></body></html>\n`.repeat(4);
const PORTAL = INDEX.replace('投诉处理系统', '投诉门户').replace('app-abc123', 'portal-abc123');
const SCRIPT = `export const greeting = ${JSON.stringify('投诉处理 complaint handling '.repeat(200))};\nconsole.log(greeting);\n`;

let webDir: string;
let database: TestDatabase;
let app: FastifyInstance;

before(async () => {
  webDir = fs.mkdtempSync(path.join(os.tmpdir(), 'plaint-static-'));
  fs.mkdirSync(path.join(webDir, 'assets'));
  fs.writeFileSync(path.join(webDir, 'index.html'), INDEX);
  fs.writeFileSync(path.join(webDir, 'portal.html'), PORTAL);
  fs.writeFileSync(path.join(webDir, 'assets', 'app-abc123.js'), SCRIPT);
  const written = precompressDir(webDir);
  assert.equal(written.files, 3, 'the two pages and the script are compressed');
  database = await freshDatabase();
  app = await buildApp({
    deps: { db: database.db, now: () => new Date(), logKey: Buffer.alloc(32, 0x42) },
    databaseKind: database.kind,
    sessionHours: 1,
    logLevel: 'silent',
    webDir,
  });
});

after(async () => {
  await app?.close();
  await database?.drop();
  fs.rmSync(webDir, { recursive: true, force: true });
});

const get = (url: string, acceptEncoding?: string) =>
  app.inject({ method: 'GET', url, headers: acceptEncoding === undefined ? {} : { 'accept-encoding': acceptEncoding } });

function decode(encoding: string | undefined, body: Buffer): string {
  if (encoding === 'br') return zlib.brotliDecompressSync(body).toString('utf8');
  if (encoding === 'gzip') return zlib.gunzipSync(body).toString('utf8');
  assert.equal(encoding, undefined, `unexpected content-encoding ${encoding}`);
  return body.toString('utf8');
}

function varies(header: string | string[] | number | undefined): boolean {
  return String(header ?? '')
    .split(',')
    .some((v) => v.trim().toLowerCase() === 'accept-encoding');
}

for (const [acceptEncoding, expected] of [
  ['br, gzip, deflate', 'br'],
  ['gzip, deflate', 'gzip'],
  ['identity', undefined],
  [undefined, undefined],
] as const) {
  test(`#20: a hashed asset asked with Accept-Encoding ${acceptEncoding ?? '(none)'} comes ${expected ?? 'uncompressed'}, immutable for a year`, async () => {
    const r = await get('/assets/app-abc123.js', acceptEncoding);
    assert.equal(r.statusCode, 200);
    assert.equal(r.headers['content-encoding'], expected);
    assert.match(String(r.headers['content-type']), /javascript/);
    assert.equal(decode(expected, r.rawPayload), SCRIPT, 'the body decodes to the file');
    if (expected)
      assert.ok(r.rawPayload.length < SCRIPT.length / 3, `compressed: ${r.rawPayload.length} bytes for ${Buffer.byteLength(SCRIPT)}`);
    assert.equal(r.headers['cache-control'], 'public, max-age=31536000, immutable');
    assert.ok(varies(r.headers.vary), `Vary names Accept-Encoding (got ${r.headers.vary})`);
  });
}

// The customer portal is a page of its own (portal.html), which names its form's code so a phone fetches it at once.
for (const [url, page] of [
  ['/', INDEX],
  ['/index.html', INDEX],
  ['/complaints/3f1c2b7e-0000-4000-8000-000000000001', INDEX],
  ['/portal-not-the-portal', INDEX],
  ['/portal', PORTAL],
  ['/portal?code=TS-1', PORTAL],
  ['/portal/track', PORTAL],
] as const) {
  test(`#20: ${url} serves ${page === PORTAL ? 'portal.html' : 'index.html'} compressed and revalidated (no-cache)`, async () => {
    const br = await get(url, 'gzip, br');
    assert.equal(br.statusCode, 200);
    assert.equal(br.headers['content-encoding'], 'br');
    assert.match(String(br.headers['content-type']), /text\/html/);
    assert.equal(decode('br', br.rawPayload), page);
    assert.equal(br.headers['cache-control'], 'no-cache');
    assert.ok(varies(br.headers.vary), `Vary names Accept-Encoding (got ${br.headers.vary})`);

    const plain = await get(url);
    assert.equal(plain.statusCode, 200);
    assert.equal(plain.headers['content-encoding'], undefined);
    assert.equal(plain.body, page);
    assert.equal(plain.headers['cache-control'], 'no-cache');
  });
}

test('#20: an unknown API path is still a JSON 404, not the app', async () => {
  const r = await get('/api/nothing-here', 'br');
  assert.equal(r.statusCode, 404);
  assert.equal(r.json().error.code, 'NOT_FOUND');
});

test('#20: a file added after start-up (a rebuild) is served without a restart, compressed', async () => {
  const later = `export const later = ${JSON.stringify('x'.repeat(5000))};\n`;
  fs.writeFileSync(path.join(webDir, 'assets', 'later-def456.js'), later);
  precompressDir(webDir);
  const r = await get('/assets/later-def456.js', 'br');
  assert.equal(r.statusCode, 200);
  assert.equal(r.headers['content-encoding'], 'br');
  assert.equal(decode('br', r.rawPayload), later);
  assert.equal(r.headers['cache-control'], 'public, max-age=31536000, immutable');
});

test('#20: a large JSON reply of the API goes compressed to a client that accepts it, a small one and a plain client get it as is', async () => {
  // The OpenAPI document is large JSON that needs no login.
  const plain = await get('/api/openapi.json');
  assert.equal(plain.statusCode, 200);
  assert.equal(plain.headers['content-encoding'], undefined);
  assert.ok(plain.rawPayload.length > 4096, 'a large reply');
  assert.ok(varies(plain.headers.vary), 'Vary names Accept-Encoding on the plain reply too');
  for (const [accept, encoding] of [
    ['gzip, deflate, br', 'br'],
    ['gzip', 'gzip'],
    ['br;q=0, gzip', 'gzip'],
  ] as const) {
    const r = await get('/api/openapi.json', accept);
    assert.equal(r.headers['content-encoding'], encoding, accept);
    assert.deepEqual(JSON.parse(decode(encoding, r.rawPayload)), plain.json());
    assert.ok(
      r.rawPayload.length < plain.rawPayload.length / 3,
      `${encoding}: ${r.rawPayload.length} bytes for ${plain.rawPayload.length}`,
    );
    assert.equal(Number(r.headers['content-length']), r.rawPayload.length, 'content-length counts the compressed bytes');
  }
  const small = await get('/api/health', 'br');
  assert.equal(small.statusCode, 200);
  assert.equal(small.headers['content-encoding'], undefined, 'a reply under 1 KB is sent as is');
});
