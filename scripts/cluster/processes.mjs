// Processes by pid (from /proc, for what an earlier run left) and by ChildProcess handle.
import fs from 'node:fs';
import path from 'node:path';

export function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Polls `check` every 100 ms; true once it holds, false after `timeoutMs`. */
export async function waitUntil(check, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return true;
    if (Date.now() >= deadline) return false;
    await sleep(100);
  }
}

/** A child process we started that has not exited yet. */
export function alive(child) {
  return Boolean(child) && child.exitCode === null && child.signalCode === null;
}

/** A pid that exists and is not a zombie. */
export function isAlive(pid) {
  try {
    process.kill(pid, 0);
  } catch (err) {
    if (err.code !== 'EPERM') return false;
  }
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return process.platform !== 'linux';
  }
}

export function signalQuiet(pid, signal) {
  try {
    process.kill(pid, signal);
  } catch {
    // gone
  }
}

export function procText(pid, file) {
  try {
    return fs.readFileSync(`/proc/${pid}/${file}`, 'utf8').replace(/\0/g, ' ');
  } catch {
    return '';
  }
}

/** Direct children of a process, from /proc (nginx's workers). */
export function childPids(pid) {
  const kids = [];
  let entries;
  try {
    entries = fs.readdirSync('/proc');
  } catch {
    return kids;
  }
  for (const e of entries) {
    if (!/^\d+$/.test(e)) continue;
    const stat = procText(Number(e), 'stat');
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    if (ppid === pid) kids.push(Number(e));
  }
  return kids;
}

export function readPid(file) {
  try {
    const pid = Number.parseInt(fs.readFileSync(file, 'utf8'), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

export function rmQuiet(file) {
  try {
    fs.rmSync(file, { force: true });
  } catch {
    // nothing to remove
  }
}

export function which(name, extraDirs = []) {
  const dirs = [...(process.env.PATH ?? '').split(path.delimiter), ...extraDirs].filter(Boolean);
  for (const dir of dirs) {
    const candidate = path.join(dir, name);
    try {
      fs.accessSync(candidate, fs.constants.X_OK);
      if (fs.statSync(candidate).isFile()) return candidate;
    } catch {
      // not here
    }
  }
  return null;
}

/** `signal`, then SIGKILL after `timeoutMs`; with `withChildren`, its children go too (nginx's workers). */
export async function stopProcess(child, signal, timeoutMs, warn, withChildren = false) {
  const pid = child.pid;
  const kids = withChildren ? childPids(pid) : [];
  const exited = new Promise((resolve) => (alive(child) ? child.once('exit', resolve) : resolve()));
  child.kill(signal);
  const done = await Promise.race([exited.then(() => true), sleep(timeoutMs).then(() => false)]);
  if (!done) {
    warn(`pid ${pid} did not stop in time: SIGKILL`);
    child.kill('SIGKILL');
    await exited;
  }
  // nginx workers leave with their master; make sure of it.
  for (const k of kids) if (isAlive(k)) signalQuiet(k, 'SIGKILL');
}
