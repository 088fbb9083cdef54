import type { IncomingMessage } from 'node:http';

/** Express's compiled `trust proxy` rule (`app.get('trust proxy fn')`): is the hop at `i` a trusted balancer? */
export type TrustFn = (address: string, i: number) => boolean;

/**
 * The client address of a request Express never sees (the Socket.IO handshake), by the same
 * rule as `req.ip`: walk X-Forwarded-For from the nearest hop while each hop is trusted, so a
 * header from an untrusted peer is ignored and that peer is limited by its own address.
 */
export function clientAddress(req: IncomingMessage, trust: TrustFn): string {
  const hops = [req.socket.remoteAddress ?? 'unknown'];
  const forwarded = req.headers['x-forwarded-for'];
  if (typeof forwarded === 'string') {
    hops.push(
      ...forwarded
        .split(',')
        .map((a) => a.trim())
        .filter(Boolean)
        .reverse(),
    );
  }
  for (let i = 0; i < hops.length - 1; i++) {
    if (!trust(hops[i], i)) return hops[i];
  }
  return hops[hops.length - 1];
}
