import crypto from 'node:crypto';
import path from 'node:path';
import express, { type Express } from 'express';
import type { Redis } from 'ioredis';
import { pinoHttp } from 'pino-http';
import { actorKey, type Services } from './context';
import { appFiles } from './http/appFiles';
import { authenticate } from './http/auth';
import { apiNotFound, errorHandler } from './http/errorHandler';
import { jsonBody } from './http/jsonBody';
import { metricsAccess, securityHeaders } from './http/security';
import { RateLimiter } from './http/ratelimit';
import { serializeError } from './logger';
import { registry, metrics } from './metrics';
import { accountsRoutes } from './modules/accounts/accounts.routes';
import { LoginProtection } from './modules/accounts/loginProtection';
import { SignInCodeThrottle } from './modules/accounts/signInCodeThrottle';
import { SignUpMailThrottle } from './modules/accounts/signUpMailThrottle';
import { clusterRoutes } from './modules/cluster/cluster.routes';
import type { NodeReporter } from './modules/cluster/nodeReports';
import { devicesRoutes } from './modules/devices/devices.routes';
import { PairingProtection } from './modules/devices/pairingProtection';
import { eventsRoutes } from './modules/events/events.routes';
import { expoRoutes } from './modules/expo/expo.routes';
import { hotelRoutes } from './modules/hotel/hotel.routes';
import { RoomChargeThrottle } from './modules/hotel/roomChargeThrottle';
import { inventoryRoutes } from './modules/inventory/inventory.routes';
import { kitchenRoutes } from './modules/kitchen/kitchen.routes';
import { liveRoutes } from './modules/live/live.routes';
import { mediaRouter } from './modules/media/media.routes';
import { menuRoutes } from './modules/menu/menu.routes';
import { restaurantsRoutes } from './modules/restaurants/restaurants.routes';
import { ordersRoutes } from './modules/orders/orders.routes';
import { reservationsRoutes } from './modules/reservations/reservations.routes';
import { waitlistRoutes } from './modules/waitlist/waitlist.routes';
import { recommendationsRoutes } from './modules/recommendations/recommendations.routes';

export interface AppDeps extends Services {
  redis: Redis | null;
  /** Readiness: false once shutdown has begun. */
  isAccepting: () => boolean;
  /** Where the built apps are; missing builds are answered with a clear 503. */
  appsDir?: string;
  /** This node's reports and the cluster's node list (GET /api/v1/cluster/nodes). */
  nodeReporter?: NodeReporter;
}

const BODY_LIMIT = '100kb';

export function createApp(deps: AppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  // X-Forwarded-For is believed only from the configured balancers (TRUST_PROXY; loopback by default).
  app.set('trust proxy', deps.config.trustProxy);

  app.use((req, res, next) => {
    const incoming = req.get('x-request-id');
    res.locals.requestId = incoming && /^[\w.-]{1,100}$/.test(incoming) ? incoming : crypto.randomUUID();
    res.set('X-Request-Id', res.locals.requestId);
    res.set('X-Node-Id', deps.config.nodeId);
    res.set('X-Content-Type-Options', 'nosniff');
    res.set('Referrer-Policy', 'same-origin');
    next();
  });
  app.use(securityHeaders());
  app.use(
    pinoHttp({
      logger: deps.logger,
      genReqId: (_req, res) => (res as express.Response).locals.requestId,
      customLogLevel: (_req, res, err) =>
        err || (res.statusCode >= 500 && res.statusCode !== 503) ? 'error' : res.statusCode >= 400 ? 'info' : 'debug',
      serializers: {
        req: (req: { method: string; url: string }) => ({ method: req.method, url: req.url?.replace(/token=[^&]+/, 'token=…') }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
        err: serializeError,
      },
    }),
  );
  app.use((req, res, next) => {
    const end = metrics.httpDuration.startTimer();
    res.on('finish', () => {
      const route = req.route?.path ? `${req.baseUrl}${req.route.path}` : 'unmatched';
      end({ method: req.method, route });
      metrics.httpRequests.inc({ method: req.method, route, status: String(res.statusCode) });
    });
    next();
  });

  app.get('/healthz', (_req, res) => {
    res.json({ ok: true, node: deps.config.nodeId });
  });
  app.get('/readyz', async (_req, res) => {
    const checks = { accepting: deps.isAccepting(), database: false, redis: deps.redis ? false : (null as boolean | null) };
    try {
      await deps.sequelize.query('SELECT 1');
      checks.database = true;
    } catch {
      checks.database = false;
    }
    if (deps.redis) {
      try {
        checks.redis = deps.redis.status === 'ready' && (await withTimeout(deps.redis.ping(), 1000)) === 'PONG';
      } catch {
        checks.redis = false;
      }
    }
    const ok = checks.accepting && checks.database && checks.redis !== false;
    res.status(ok ? 200 : 503).json({ ok, node: deps.config.nodeId, ...checks });
  });
  app.get('/metrics', metricsAccess(deps.config.metricsToken), async (_req, res) => {
    res.set('Content-Type', registry.contentType);
    res.send(await registry.metrics());
  });

  const limiter = new RateLimiter(deps.config.rateLimitPerMinute, deps.redis);
  const api = express.Router();
  if (deps.config.publicOrigin) {
    const origin = deps.config.publicOrigin;
    api.use((req, res, next) => {
      if (req.get('origin') === origin) {
        res.set('Access-Control-Allow-Origin', origin);
        res.set('Access-Control-Allow-Credentials', 'true');
        res.set('Vary', 'Origin');
        if (req.method === 'OPTIONS') {
          res.set('Access-Control-Allow-Methods', 'GET,POST,PATCH,DELETE');
          res.set('Access-Control-Allow-Headers', 'Authorization,Content-Type,Idempotency-Key');
          return void res.status(204).end();
        }
      }
      next();
    });
  }
  api.use(jsonBody(BODY_LIMIT));
  api.use(authenticate(deps.sessions));
  api.use(async (req, res, next) => {
    await limiter.hit(actorKey(res.locals.actor, req.ip ?? 'unknown'));
    next();
  });
  accountsRoutes(api, deps, {
    protection: LoginProtection.forRate(deps.redis, deps.config.rateLimitPerMinute),
    signUpMail: SignUpMailThrottle.forRate(deps.redis, deps.config.rateLimitPerMinute),
    // Always on: each code asked for sends an SMS or email to a person, whatever the load test does.
    signInCode: new SignInCodeThrottle(deps.redis),
  });
  restaurantsRoutes(api, deps);
  menuRoutes(api, deps);
  // One throttle for both: a room's attempts count the same whether for an order or a deposit.
  const roomCharges = new RoomChargeThrottle(deps.redis);
  ordersRoutes(api, deps, roomCharges);
  reservationsRoutes(api, deps, roomCharges);
  waitlistRoutes(api, deps, roomCharges);
  recommendationsRoutes(api, deps);
  hotelRoutes(api, deps);
  kitchenRoutes(api, deps);
  expoRoutes(api, deps);
  inventoryRoutes(api, deps);
  liveRoutes(api, deps);
  eventsRoutes(api, deps);
  devicesRoutes(api, deps, { pairing: PairingProtection.forRate(deps.redis, deps.config.rateLimitPerMinute) });
  if (deps.nodeReporter)
    clusterRoutes(api, deps.nodeReporter, { sequelize: deps.sequelize, redis: deps.redis, nodeId: deps.config.nodeId });
  api.use(apiNotFound);
  app.use('/api/v1', api);

  app.use('/media', mediaRouter());
  const appsDir = deps.appsDir ?? path.resolve(__dirname, '../..');
  for (const name of ['kiosk', 'dashboard']) {
    app.use(`/${name}`, appFiles(name, path.join(appsDir, name, 'dist')));
  }
  app.get('/', (_req, res) => {
    res.type('html').send(landingPage(deps.config.nodeId));
  });
  app.get('/landing.css', (_req, res) => {
    res.type('css').set('Cache-Control', 'public, max-age=3600').send(LANDING_CSS);
  });
  app.use(apiNotFound);
  app.use(errorHandler(deps.logger));
  return app;
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  return Promise.race([p, new Promise<T>((_, reject) => setTimeout(() => reject(new Error('timeout')), ms).unref())]);
}

// A file, not an inline <style>, so the page needs nothing beyond the content security policy's 'self'.
const LANDING_CSS = `body{font:18px/1.5 system-ui,sans-serif;margin:0;min-height:100vh;display:grid;place-items:center;background:#0f172a;color:#f8fafc}
main{max-width:36rem;padding:2rem}h1{font-size:2.5rem;margin:0 0 .25rem}p{color:#cbd5e1}
a{display:block;margin:1rem 0;padding:1.25rem 1.5rem;border-radius:14px;background:#1e293b;color:#f8fafc;text-decoration:none;font-size:1.3rem}
a:hover,a:focus-visible{background:#334155;outline:3px solid #38bdf8}small{color:#64748b}`;

function landingPage(nodeId: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>Dinewire</title><link rel="stylesheet" href="/landing.css"></head>
<body><main><h1>Dinewire</h1><p>Ordering, kitchen and reservations for the hotel's restaurants.</p>
<a href="/kiosk/">Guest kiosk &amp; phone ordering · 點餐 · 点餐 →</a>
<a href="/dashboard/">Staff: kitchen, host stand &amp; manager dashboard →</a>
<small>node ${nodeId.replace(/[<>&"]/g, '')}</small></main></body></html>`;
}
