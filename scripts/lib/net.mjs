// Small TCP probes: is a port free, does something answer, does a Redis answer PING.
import net from 'node:net';

/** Null when host:port accepts a connection, else why not (an error code). */
export function tcpCheck(host, port, timeoutMs = 2000) {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const done = (problem) => {
      socket.destroy();
      resolve(problem);
    };
    socket.setTimeout(timeoutMs, () => done('timed out'));
    socket.once('connect', () => done(null));
    socket.once('error', (err) => done(err.code ?? err.message));
  });
}

/** Host and port of a service URL, with the scheme's usual port when it names none. */
export function hostAndPort(url, defaultPort) {
  const u = new URL(url);
  return { host: u.hostname.replace(/^\[|\]$/g, '') || '127.0.0.1', port: Number(u.port) || defaultPort };
}

export function assertPortFree(port, what) {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', (err) =>
      reject(
        new Error(
          `port ${port} (${what}) is ${err.code === 'EADDRINUSE' ? 'already in use' : `not usable: ${err.code}`}; choose another with --port`,
        ),
      ),
    );
    server.listen({ port, host: '0.0.0.0', exclusive: true }, () => server.close(() => resolve()));
  });
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** True when a Redis without a password answers PING on 127.0.0.1:port. */
export function redisPing(port, timeoutMs = 1000) {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    let text = '';
    const done = (ok) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.on('data', (d) => {
      text += d;
      if (text.includes('\r\n')) done(text.startsWith('+PONG'));
    });
    socket.once('error', () => done(false));
  });
}

export function redactUrl(url) {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(unparseable URL)';
  }
}
