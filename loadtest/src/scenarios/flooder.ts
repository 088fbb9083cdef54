import { io } from 'socket.io-client';

/**
 * The flood scenario's attacker, in a child process of its own (in the measuring process it
 * would time its own event loop, not the server's): one anonymous socket from one address sends
 * `count` subscribes as fast as it can; cut off, it reconnects and carries on, as an abuser
 * would. It prints its tally as a JSON line every 250 ms until killed.
 * Usage: node flooder.js URL RESTAURANT_ID COUNT LOCAL_ADDRESS
 */
const [url, restaurantId, countArg, localAddress] = process.argv.slice(2);
const count = Number(countArg);
const t0 = Date.now();
const tally = {
  sent: 0,
  accepted: 0,
  refused: 0,
  connects: 0,
  handshakesRefused: 0,
  /** Since the start, when the server first cut the socket off; null while never. */
  disconnectedAtMs: null as number | null,
  /** Since the start, when every emit had its answer; null until then. */
  answeredAtMs: null as number | null,
};

setInterval(() => process.stdout.write(`${JSON.stringify(tally)}\n`), 250);

function connect(): void {
  const s = io(url, { transports: ['websocket'], forceNew: true, reconnection: false, localAddress } as object);
  const again = () => {
    s.close();
    setTimeout(connect, 100);
  };
  s.on('connect', () => {
    tally.connects++;
    void flood(s);
  });
  s.on('connect_error', () => {
    tally.handshakesRefused++;
    again();
  });
  s.on('disconnect', () => {
    tally.disconnectedAtMs ??= Date.now() - t0;
    again();
  });
}

async function flood(s: ReturnType<typeof io>): Promise<void> {
  while (tally.sent < count && s.connected) {
    // In slices, so the socket writes as it goes.
    for (let i = 0; i < 500 && tally.sent < count; i++) {
      tally.sent++;
      s.emit('subscribe', { restaurantId, scope: 'menu' }, (ack: { ok: boolean }) => {
        if (ack.ok) tally.accepted++;
        else tally.refused++;
        if (tally.accepted + tally.refused === count) tally.answeredAtMs = Date.now() - t0;
      });
    }
    await new Promise((r) => setImmediate(r));
  }
}

connect();
