/**
 * The embedded server's backup socket, DATA_DIR/plaint.sock (mode 0600): only one process may open
 * PGlite's files, so `npm run backup` asks the running server to write the backup. A Unix socket
 * reaches only local users allowed by the file mode, and opens no network port. Protocol: HTTP,
 * `POST /backup` with `{"file": "/absolute/path.tar"}`; the answer is `{"file", "bytes"}` or `{"error"}`.
 */
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';

export const SOCKET_FILE = 'plaint.sock';

export function socketPath(dataDir: string): string {
  return path.join(dataDir, SOCKET_FILE);
}

function answers(sock: string): Promise<boolean> {
  return new Promise((resolve) => {
    const c = net.connect(sock);
    c.once('connect', () => {
      c.destroy();
      resolve(true);
    });
    c.once('error', () => resolve(false));
  });
}

export type BackupHandler = (file: string) => Promise<{ file: string; bytes: number }>;

/** Opens the socket; a stale one left by a crash is replaced, a live one means another server runs here. */
export async function startControlSocket(dataDir: string, backup: BackupHandler): Promise<() => Promise<void>> {
  const sock = socketPath(dataDir);
  if (Buffer.byteLength(sock) > 100) throw new Error(`${sock} is too long for a Unix socket (100 bytes at most): use a shorter DATA_DIR`);
  if (fs.existsSync(sock)) {
    if (await answers(sock)) throw new Error(`another Plaint server is running on ${dataDir} (${sock} answers)`);
    fs.rmSync(sock, { force: true });
  }
  const server = http.createServer((req, res) => {
    const reply = (status: number, body: object) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (req.method !== 'POST' || req.url !== '/backup') return reply(404, { error: 'only POST /backup' });
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (d) => (body += d));
    req.on('end', () => {
      let file: unknown;
      try {
        file = (JSON.parse(body) as { file?: unknown }).file;
      } catch {
        /* answered below */
      }
      if (typeof file !== 'string' || !path.isAbsolute(file)) return reply(400, { error: 'expected {"file": "/absolute/path"}' });
      backup(file).then(
        (r) => reply(200, r),
        (e: Error) => reply(500, { error: e.message }),
      );
    });
  });
  server.requestTimeout = 0; // a large database takes a while to dump
  // The umask makes the socket 0600 from the moment it exists; the chmod says so explicitly.
  const umask = process.umask(0o177);
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(sock, () => resolve());
    });
  } finally {
    process.umask(umask);
  }
  fs.chmodSync(sock, 0o600);
  return async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    fs.rmSync(sock, { force: true });
  };
}

/**
 * Asks the server on DATA_DIR for a backup. Null when no server listens (no socket, or a stale one):
 * then the caller may open the files itself.
 */
export function requestServerBackup(dataDir: string, file: string): Promise<{ file: string; bytes: number } | null> {
  const sock = socketPath(dataDir);
  if (!fs.existsSync(sock)) return Promise.resolve(null);
  return new Promise((resolve, reject) => {
    const req = http.request(
      { socketPath: sock, method: 'POST', path: '/backup', headers: { 'content-type': 'application/json' } },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (d) => (body += d));
        res.on('end', () => {
          const r = JSON.parse(body) as { file: string; bytes: number; error?: string };
          if (res.statusCode === 200) resolve(r);
          else reject(new Error(`the server could not write the backup: ${r.error ?? body}`));
        });
      },
    );
    req.on('error', (e: NodeJS.ErrnoException) => (e.code === 'ECONNREFUSED' || e.code === 'ENOENT' ? resolve(null) : reject(e)));
    req.end(JSON.stringify({ file }));
  });
}
