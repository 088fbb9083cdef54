// PostgreSQL and Redis, as the tests find them: DATABASE_URL and REDIS_URL when set, else the
// local services on 127.0.0.1.
import { hostAndPort, tcpCheck } from './net.mjs';

const SERVICES = [
  {
    name: 'PostgreSQL',
    variable: 'DATABASE_URL',
    url: process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres',
    defaultPort: 5432,
    howToStart:
      'start it (Debian: `pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start`) ' + 'or point DATABASE_URL at one',
  },
  {
    name: 'Redis',
    variable: 'REDIS_URL',
    url: process.env.REDIS_URL || 'redis://127.0.0.1:6379',
    defaultPort: 6379,
    howToStart: 'start it (`redis-server --daemonize yes --bind 127.0.0.1 --save ""`) or point REDIS_URL at one',
  },
];

/** Throws, naming each one that does not answer and how to start it, unless both accept connections. */
export async function checkServices() {
  const problems = [];
  for (const service of SERVICES) {
    let host;
    let port;
    try {
      ({ host, port } = hostAndPort(service.url, service.defaultPort));
    } catch {
      problems.push(`${service.name}: ${service.variable} is not a valid URL`);
      continue;
    }
    const error = await tcpCheck(host, port);
    const source = process.env[service.variable] ? service.variable : 'the default';
    if (error) {
      problems.push(`${service.name} is not reachable at ${host}:${port} (${source}; ${error}): ${service.howToStart}.`);
    } else {
      console.log(`  ${service.name}: ${host}:${port} accepts connections`);
    }
  }
  if (problems.length) {
    throw new Error(`the tests need PostgreSQL and Redis.\n  ${problems.join('\n  ')}`);
  }
}
