import client from 'prom-client';

/** Prometheus metrics of this node, served at /metrics. */
export const registry = new client.Registry();
client.collectDefaultMetrics({ register: registry });

export const metrics = {
  httpRequests: new client.Counter({
    name: 'dinewire_http_requests_total',
    help: 'HTTP requests by route and status',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [registry],
  }),
  httpDuration: new client.Histogram({
    name: 'dinewire_http_request_duration_seconds',
    help: 'HTTP request duration',
    labelNames: ['method', 'route'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  }),
  eventsBroadcast: new client.Counter({
    name: 'dinewire_events_broadcast_total',
    help: 'Events broadcast after commit, by type',
    labelNames: ['type'] as const,
    registers: [registry],
  }),
  sockets: new client.Gauge({ name: 'dinewire_sockets', help: 'Connected sockets on this node', registers: [registry] }),
  socketRefusals: new client.Counter({
    name: 'dinewire_socket_refusals_total',
    help: 'Socket handshakes and emits refused by the socket limits, by reason',
    labelNames: ['reason'] as const,
    registers: [registry],
  }),
  // A node's own figures, as its cluster report (modules/cluster) last gave them, every 2 s.
  nodeSockets: new client.Gauge({
    name: 'dinewire_node_sockets',
    help: 'Socket.IO sockets connected to this node, at its last report',
    labelNames: ['node'] as const,
    registers: [registry],
  }),
  nodeRssBytes: new client.Gauge({
    name: 'dinewire_node_rss_bytes',
    help: 'Resident memory of this node, at its last report',
    labelNames: ['node'] as const,
    registers: [registry],
  }),
  nodeHeapUsedBytes: new client.Gauge({
    name: 'dinewire_node_heap_used_bytes',
    help: 'V8 heap in use on this node, at its last report',
    labelNames: ['node'] as const,
    registers: [registry],
  }),
  nodeEventLoopLagSeconds: new client.Gauge({
    name: 'dinewire_node_event_loop_lag_p99_seconds',
    help: 'p99 event-loop delay of this node over its last report interval',
    labelNames: ['node'] as const,
    registers: [registry],
  }),
  ordersPlaced: new client.Counter({ name: 'dinewire_orders_placed_total', help: 'Orders placed', registers: [registry] }),
  ordersRefused: new client.Counter({
    name: 'dinewire_orders_refused_total',
    help: 'Orders refused, by error code',
    labelNames: ['code'] as const,
    registers: [registry],
  }),
};
