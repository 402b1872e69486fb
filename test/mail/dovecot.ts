/**
 * A private dovecot IMAP server for the e-mail intake tests (issue #14 item 6): Debian's dovecot-imapd,
 * started in the foreground from a configuration written into a temporary directory (its own base_dir,
 * a free port on 127.0.0.1, a passwd-file user with plaintext login and no TLS, maildir under the
 * directory), so a test depends on the package only, never on the machine's dovecot configuration or
 * service. Stopped by its pid. Messages are put in with real IMAP APPEND through imapflow.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { ImapFlow } from 'imapflow';

const CANDIDATES = ['/usr/sbin/dovecot', '/usr/local/sbin/dovecot', '/opt/homebrew/sbin/dovecot'];

/** The dovecot binary, or null when the package is not installed. */
export function dovecotBinary(): string | null {
  return CANDIDATES.find((p) => fs.existsSync(p)) ?? null;
}

/**
 * Why the IMAP tests skip, or false to run them. In CI (CI=true) they never skip: a missing dovecot
 * fails them (.ci/run installs dovecot-imapd).
 */
export function skipWithoutDovecot(): string | false {
  if (dovecotBinary() || process.env.CI === 'true') return false;
  return 'dovecot is not installed (apt-get install dovecot-imapd); in CI this fails instead';
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

async function greets(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.setTimeout(1000);
    socket.once('data', (d) => {
      socket.destroy();
      resolve(d.toString().startsWith('* OK'));
    });
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
  });
}

export interface Dovecot {
  port: number;
  user: string;
  password: string;
  /** imap://user:password@127.0.0.1:port/<folder> */
  url(folder?: string): string;
  /** An IMAP client logged in as the test user (closed by close()). */
  client(): Promise<ImapFlow>;
  /** Creates `folder` if it is missing. */
  createFolder(folder: string): Promise<void>;
  /** Appends a raw message (IMAP APPEND); returns its UID. */
  append(folder: string, raw: Buffer | string): Promise<number>;
  /** The flags of a message by UID. */
  flags(folder: string, uid: number): Promise<string[]>;
  /** Removes \Seen from every message of the folder (a person marking them unread). */
  markAllUnseen(folder: string): Promise<void>;
  close(): Promise<void>;
}

export async function startDovecot(): Promise<Dovecot> {
  const binary = dovecotBinary();
  if (!binary) throw new Error('dovecot is not installed: apt-get install dovecot-imapd (.ci/run does)');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plaint-dovecot-'));
  fs.chmodSync(dir, 0o755);
  const user = 'intake';
  const password = 'intake-secret-1';
  const port = await freePort();
  // As root, dovecot's own unprivileged accounts run the login and mail processes (it refuses mail as
  // root); as anyone else, that user runs everything.
  const root = process.getuid?.() === 0;
  const me = os.userInfo().username;
  const internalUser = root ? 'dovecot' : me;
  const loginUser = root ? 'dovenull' : me;
  const mailUid = root ? 'dovecot' : String(process.getuid?.());
  const mailGid = root ? 'dovecot' : String(process.getgid?.());
  const mailDir = path.join(dir, 'mail');
  fs.mkdirSync(mailDir);
  fs.mkdirSync(path.join(dir, 'run'));
  fs.mkdirSync(path.join(dir, 'state'));
  if (root) fs.chmodSync(mailDir, 0o777);
  fs.writeFileSync(path.join(dir, 'passwd'), `${user}:{PLAIN}${password}::::::\n`);
  const conf = path.join(dir, 'dovecot.conf');
  fs.writeFileSync(
    conf,
    `base_dir = ${dir}/run
state_dir = ${dir}/state
log_path = ${dir}/dovecot.log
protocols = imap
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
default_internal_user = ${internalUser}
default_login_user = ${loginUser}
first_valid_uid = 1
first_valid_gid = 1
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u ${dir}/passwd
}
userdb {
  driver = static
  args = uid=${mailUid} gid=${mailGid} home=${mailDir}/%u
}
mail_location = maildir:~/Maildir
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = ${port}
  }
  inet_listener imaps {
    port = 0
  }
}
service pop3-login {
  inet_listener pop3 {
    port = 0
  }
}
`,
  );
  const child: ChildProcess = spawn(binary, ['-F', '-c', conf], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (d) => {
    stderr += d;
  });
  const deadline = Date.now() + 20_000;
  while (!(await greets(port))) {
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill('SIGKILL');
      const log = fs.existsSync(path.join(dir, 'dovecot.log')) ? fs.readFileSync(path.join(dir, 'dovecot.log'), 'utf8') : '';
      throw new Error(`dovecot did not start on port ${port}: ${stderr}\n${log}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }

  const clients: ImapFlow[] = [];
  const client = async () => {
    const c = new ImapFlow({ host: '127.0.0.1', port, secure: false, auth: { user, pass: password }, logger: false });
    c.on('error', () => {});
    await c.connect();
    clients.push(c);
    return c;
  };
  let shared: ImapFlow | null = null;
  const one = async () => {
    shared ??= await client();
    return shared;
  };
  return {
    port,
    user,
    password,
    url: (folder = 'INBOX') => `imap://${user}:${password}@127.0.0.1:${port}/${encodeURIComponent(folder)}`,
    client,
    async createFolder(folder) {
      const c = await one();
      const list = await c.list();
      if (!list.some((f) => f.path === folder)) await c.mailboxCreate(folder);
    },
    async append(folder, raw) {
      const r = await (await one()).append(folder, typeof raw === 'string' ? Buffer.from(raw) : raw);
      const uid = r ? r.uid : undefined;
      if (!uid) throw new Error('APPEND gave no UID');
      return uid;
    },
    async flags(folder, uid) {
      const c = await one();
      const lock = await c.getMailboxLock(folder);
      try {
        const m = await c.fetchOne(String(uid), { uid: true, flags: true }, { uid: true });
        const flags = m ? m.flags : undefined;
        return flags ? [...flags] : [];
      } finally {
        lock.release();
      }
    },
    async markAllUnseen(folder) {
      const c = await one();
      const lock = await c.getMailboxLock(folder);
      try {
        await c.messageFlagsRemove('1:*', ['\\Seen']);
      } finally {
        lock.release();
      }
    },
    async close() {
      for (const c of clients) await c.logout().catch(() => c.close());
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
        if (child.exitCode === null) child.kill('SIGKILL');
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
