// The server nodes: node i on PORT+i with NODE_ID=node-<i>, its pid in node-<i>.pid and its
// output in node-<i>.log (and on the terminal, prefixed, unless --quiet). A node that dies is
// logged, and with --restart started again after 1 s (not after 5 quick deaths in a row).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { root } from '../lib/process.mjs';
import { lineSplitter, pretty, tailLines } from './logs.mjs';
import { nodeLogFile, nodePidFile, rel, serverMain } from './paths.mjs';
import { alive, rmQuiet, sleep } from './processes.mjs';

/** What `state.nodes` holds for each node before it starts. */
export function planNodes(opts, env) {
  return Array.from({ length: opts.nodes }, (_, k) => {
    const index = k + 1;
    const port = opts.port + index;
    const id = `node-${index}`;
    return { index, id, port, url: `http://127.0.0.1:${port}`, env: { ...env, NODE_ID: id, PORT: String(port) }, quickDeaths: 0 };
  });
}

/** The one line --json prints on stdout: the balancer and each node's id, url and pid. */
export function readyLine({ opts, state }) {
  return JSON.stringify({
    balancer: `http://127.0.0.1:${opts.port}`,
    nodes: state.nodes.map((n) => ({ id: n.id, url: n.url, pid: n.child.pid })),
  });
}

/** Starts a node; `logMode` 'w' starts its log afresh, 'a' (a restart) appends. */
export function startNode(ctx, n, logMode) {
  const { opts, state, out, say, warn } = ctx;
  if (state.stopping) return;
  const logFd = fs.openSync(nodeLogFile(n.index), logMode);
  const child = spawn(process.execPath, [serverMain], {
    cwd: root,
    env: n.env,
    // Quiet: straight into the file, nothing passes through this process (it stays cheap under load).
    stdio: opts.quiet ? ['ignore', logFd, logFd] : ['ignore', 'pipe', 'pipe'],
  });
  if (opts.quiet) fs.closeSync(logFd);
  else {
    const file = fs.createWriteStream(nodeLogFile(n.index), { fd: logFd });
    const terminal = lineSplitter((line) => out.write(`${`[${n.id}]`.padEnd(10)} ${pretty(line)}\n`));
    for (const stream of [child.stdout, child.stderr]) {
      stream.setEncoding('utf8');
      stream.on('data', (chunk) => {
        file.write(chunk);
        terminal(chunk);
      });
    }
    child.on('close', () => file.end());
  }
  n.child = child;
  n.startedAt = Date.now();
  n.exited = new Promise((resolve) => child.once('exit', resolve));
  child.on('error', (err) => warn(`${n.id}: ${err.message}`));
  fs.writeFileSync(nodePidFile(n.index), `${child.pid}\n`);
  child.once('exit', (code, signal) => {
    if (n.child === child) rmQuiet(nodePidFile(n.index));
    // Before it was ever ready, the start-up (waitForNode) reports it.
    if (state.stopping || !n.everReady) return;
    const how = signal ? `killed by ${signal}` : `exit code ${code}`;
    warn(`${n.id} (pid ${child.pid}) died: ${how}; the balancer sends its clients to the other nodes`);
    if (!signal) warn(`  last lines of ${rel(nodeLogFile(n.index))}:\n    ${tailLines(nodeLogFile(n.index), 10).join('\n    ')}`);
    if (!opts.restart) return;
    n.quickDeaths = Date.now() - n.startedAt < 10_000 ? n.quickDeaths + 1 : 0;
    if (n.quickDeaths >= 5) {
      warn(`${n.id} died 5 times within 10 s of starting; not restarting it again (see ${rel(nodeLogFile(n.index))})`);
      return;
    }
    n.restartTimer = setTimeout(() => {
      if (state.stopping) return;
      startNode(ctx, n, 'a');
      if (!n.child || n.child === child) return;
      say(`${n.id} restarted (pid ${n.child.pid})`);
      waitForNode(ctx, n, 90_000).then(
        () => {
          say(`${n.id} ready again`);
          if (opts.json) ctx.jsonOut.write(`${readyLine(ctx)}\n`);
        },
        (err) => warn(err.message),
      );
    }, 1000);
  });
}

/** Resolves once the node answers /readyz; rejects with its last log lines if it dies or times out. */
export async function waitForNode(ctx, n, timeoutMs) {
  const child = n.child;
  if (!child) return;
  await waitForHttp(
    ctx,
    `${n.url}/readyz`,
    timeoutMs,
    () => (alive(child) ? null : `it exited (${child.signalCode ?? `code ${child.exitCode}`})`),
    n,
  );
  if (!ctx.state.stopping) n.everReady = true;
}

/** Polls `url` until it answers 2xx; `deadReason()` names why waiting is pointless (the process is gone). */
export async function waitForHttp({ state }, url, timeoutMs, deadReason, node) {
  const deadline = Date.now() + timeoutMs;
  let lastProblem = 'no answer';
  while (Date.now() < deadline) {
    if (state.stopping) return;
    const dead = deadReason();
    if (dead) break;
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
      if (res.ok) return;
      lastProblem = `${res.status} ${(await res.text()).slice(0, 200)}`;
    } catch (err) {
      lastProblem = err.cause?.code ?? err.message;
    }
    await sleep(250);
  }
  if (state.stopping) return;
  const dead = deadReason();
  const what = node ? node.id : url;
  const tail = node
    ? `\n  last lines of ${rel(nodeLogFile(node.index))}:\n    ${tailLines(nodeLogFile(node.index), 15).join('\n    ')}`
    : '';
  throw new Error(`${what} is not ready: ${dead ?? `${url} answered ${lastProblem} after ${timeoutMs / 1000} s`}${tail}`);
}
