// The balancer: nginx from a generated .data/cluster/nginx/ that includes the same
// deploy/nginx/dinewire.conf as docker compose. Installed with apt-get when missing (as root).
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { run } from '../lib/process.mjs';
import { lineSplitter } from './logs.mjs';
import { nginxDir, rel } from './paths.mjs';
import { rmQuiet, which } from './processes.mjs';

/** The nginx binary, installing the package first when there is none. */
export async function ensureNginx({ opts, say }) {
  const found = which('nginx', ['/usr/sbin', '/usr/local/sbin', '/usr/local/nginx/sbin']);
  if (found) return found;
  if (process.getuid?.() !== 0 || !which('apt-get')) {
    throw new Error('nginx is not installed; install it (Debian/Ubuntu: sudo apt-get install -y nginx) and run again');
  }
  say('nginx is not installed: running `apt-get install -y nginx` (as root)');
  // Debian's package would start a system nginx on port 80; a policy-rc.d that says no keeps
  // it from doing so (only while installing, and only when there is none already).
  const policy = '/usr/sbin/policy-rc.d';
  const ownPolicy = !fs.existsSync(policy);
  if (ownPolicy) {
    say(`  writing ${policy} (exit 101) while installing, so the package starts no service`);
    fs.writeFileSync(policy, '#!/bin/sh\n# written by dinewire scripts/cluster.mjs during apt-get install nginx\nexit 101\n', {
      mode: 0o755,
    });
  }
  const aptOptions = { stdio: opts.json ? ['ignore', 2, 2] : 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } };
  try {
    try {
      await run('apt-get', ['install', '-y', '--no-install-recommends', 'nginx'], aptOptions);
    } catch {
      say('  apt-get install failed; running `apt-get update` and trying again');
      await run('apt-get', ['update'], aptOptions);
      await run('apt-get', ['install', '-y', '--no-install-recommends', 'nginx'], aptOptions);
    }
  } finally {
    if (ownPolicy) rmQuiet(policy);
  }
  const installed = which('nginx', ['/usr/sbin']);
  if (!installed) throw new Error('apt-get installed nginx, but no nginx binary was found');
  say(`  installed ${installed}`);
  return installed;
}

function nginxVersionAtLeast(bin, wanted) {
  // `nginx -v` prints its version on stderr.
  const { stdout = '', stderr = '' } = spawnSync(bin, ['-v'], { encoding: 'utf8' });
  const m = /nginx\/(\d+)\.(\d+)\.(\d+)/.exec(`${stdout}${stderr}`);
  if (!m) return false;
  const v = m.slice(1).map(Number);
  for (let i = 0; i < 3; i++) if (v[i] !== wanted[i]) return v[i] > wanted[i];
  return true;
}

/** Checks the configuration, then runs nginx in the foreground; its exit stops the cluster. */
export async function startNginx({ state, warn, shutdown }, bin) {
  const conf = path.join(nginxDir, 'nginx.conf');
  const args = ['-p', `${nginxDir}/`, '-c', conf];
  if (nginxVersionAtLeast(bin, [1, 19, 5])) args.push('-e', 'stderr'); // early errors to us, not /var/log
  try {
    execFileSync(bin, [...args, '-t', '-q'], { stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (err) {
    throw new Error(`nginx refused the configuration ${rel(conf)}:\n${String(err.stderr ?? err.message).trim()}`, { cause: err });
  }
  const child = spawn(bin, args, { cwd: nginxDir, stdio: ['ignore', 'pipe', 'pipe'] });
  const relay = lineSplitter((line) => warn(`[nginx] ${line}`));
  child.stdout.on('data', relay);
  child.stderr.on('data', relay);
  child.on('error', (err) => warn(`nginx: ${err.message}`));
  child.on('exit', (code, signal) => {
    if (!state.stopping) {
      warn(`nginx exited unexpectedly (${signal ?? `code ${code}`}); see ${rel(path.join(nginxDir, 'error.log'))}`);
      void shutdown('the balancer is gone', 1);
    }
  });
  state.nginx = child;
}
