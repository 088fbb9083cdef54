import http from 'node:http';
import { createAdapter } from '@socket.io/redis-adapter';
import { Redis } from 'ioredis';
import { Server } from 'socket.io';

/**
 * The ceiling for fan-out: bare Socket.IO with the Redis adapter, no database, no auth, no
 * presenters. Screens join rooms by name; `POST /emit` broadcasts given payloads to rooms, stamped
 * with the time of emission (our "commit"). Run: node baseline/server.js <port> <redisUrl>.
 */
const port = Number(process.argv[2] ?? 3900);
const redisUrl = process.argv[3] ?? 'redis://127.0.0.1:6379';

const server = http.createServer((req, res) => {
  if (req.method === 'POST' && req.url === '/emit') {
    let body = '';
    req.on('data', (d) => (body += d));
    req.on('end', () => {
      const { emits } = JSON.parse(body) as { emits: { room: string; event: Record<string, unknown> }[] };
      const at = new Date().toISOString();
      for (const e of emits) io.to(e.room).emit('event', { ...e.event, at });
      res.writeHead(204).end();
    });
    return;
  }
  res.writeHead(404).end();
});
const io = new Server(server, { serveClient: false });
const pub = new Redis(redisUrl);
const sub = pub.duplicate();
io.adapter(createAdapter(pub, sub, { key: 'bench-baseline' }));
io.on('connection', (socket) => {
  socket.on('subscribe', (req: { room: string }, ack?: (r: { ok: true }) => void) => {
    void socket.join(req.room);
    ack?.({ ok: true });
  });
});
server.listen(port, '127.0.0.1', () => process.stdout.write(`ready ${port}\n`));
process.on('SIGTERM', () => process.exit(0));
const gc = (globalThis as { gc?: () => void }).gc;
if (gc) process.on('SIGUSR2', () => gc());
