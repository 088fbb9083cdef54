import crypto from 'node:crypto';
import type { RequestHandler } from 'express';
import helmet from 'helmet';
import { forbidden } from '../errors';

/**
 * Helmet with a strict policy: scripts only from our own files (no inline script anywhere; the
 * apps' Vite pages and the landing page load theirs from files), nothing may frame us, and HSTS
 * only on requests that really came over HTTPS (req.secure, behind the trusted proxy), so a
 * plain-HTTP demo on a LAN is never pinned to HTTPS.
 */
export function securityHeaders(): RequestHandler[] {
  const hsts = helmet.strictTransportSecurity({ maxAge: 180 * 24 * 3600, includeSubDomains: true });
  return [
    helmet({
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          'default-src': ["'self'"],
          'script-src': ["'self'"],
          // Svelte sets style attributes for dynamic values; styles cannot run code.
          'style-src': ["'self'", "'unsafe-inline'"],
          'img-src': ["'self'", 'data:', 'blob:'],
          'font-src': ["'self'", 'data:'],
          'connect-src': ["'self'"],
          'object-src': ["'none'"],
          'base-uri': ["'self'"],
          'form-action': ["'self'"],
          'frame-ancestors': ["'none'"],
        },
      },
      strictTransportSecurity: false,
      crossOriginEmbedderPolicy: false,
      referrerPolicy: { policy: 'same-origin' },
      xFrameOptions: { action: 'deny' },
    }),
    (req, res, next) => (req.secure ? hsts(req, res, next) : next()),
  ];
}

const LOOPBACK = /^(127\.|::1$|::ffff:127\.)/;

/**
 * /metrics is for the balancer and the operators: callers on this host (the balancer, a local
 * Prometheus agent) or anyone holding METRICS_TOKEN. The peer address is read from the socket,
 * never from X-Forwarded-For, so a request relayed by the balancer from outside still needs the token.
 */
export function metricsAccess(token: string | undefined): RequestHandler {
  const expected = token ? crypto.createHash('sha256').update(token).digest() : null;
  return (req, _res, next) => {
    if (LOOPBACK.test(req.socket.remoteAddress ?? '') && !req.get('x-forwarded-for')) return next();
    const given = /^Bearer (.+)$/i.exec(req.get('authorization') ?? '')?.[1];
    if (expected && given && crypto.timingSafeEqual(expected, crypto.createHash('sha256').update(given).digest())) return next();
    next(forbidden('Metrics are for operators: call from the host or with METRICS_TOKEN.'));
  };
}
