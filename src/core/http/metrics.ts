// Prometheus metrics at /metrics: requests and latency by route, event-loop lag and the Node
// runtime (prom-client's defaults), database queries in flight, durations and pool state, and the
// live sittings' open event streams.
import type { FastifyInstance } from 'fastify';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { DatabaseHandle } from '../db/connect.js';
import type { LiveHub } from '../live.js';
import { strayErrorCount } from '../process-guard.js';

export async function metrics(app: FastifyInstance, opts: { database: DatabaseHandle; live: LiveHub }): Promise<void> {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, eventLoopMonitoringPrecision: 20 });

  const requests = new Counter({
    name: 'http_requests_total',
    help: 'HTTP requests by method, route and status code',
    labelNames: ['method', 'route', 'status_code'] as const,
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request latency by method and route',
    labelNames: ['method', 'route'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  const queryDuration = new Histogram({
    name: 'kenes_db_query_duration_seconds',
    help: 'Database query latency',
    labelNames: ['outcome'] as const,
    buckets: [0.0005, 0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5],
    registers: [registry],
  });
  const { database } = opts;
  new Gauge({
    name: 'kenes_db_queries_in_flight',
    help: 'Database queries started and not yet finished (queued on the embedded database)',
    registers: [registry],
    collect() {
      this.set(database.stats().queriesInFlight);
    },
  });
  new Gauge({
    name: 'kenes_db_pool_connections',
    help: 'PostgreSQL pool connections by state (absent on the embedded database)',
    labelNames: ['state'] as const,
    registers: [registry],
    collect() {
      const s = database.stats();
      if (s.poolTotal === undefined) return;
      this.set({ state: 'total' }, s.poolTotal);
      this.set({ state: 'idle' }, s.poolIdle ?? 0);
      this.set({ state: 'waiting' }, s.poolWaiting ?? 0);
    },
  });
  new Gauge({
    name: 'kenes_stray_errors',
    help: 'Errors that escaped their request (unhandled rejections, uncaught exceptions) since start; the server kept running',
    registers: [registry],
    collect() {
      this.set(strayErrorCount());
    },
  });
  new Gauge({
    name: 'kenes_live_streams',
    help: 'Open server-sent-event streams following live sittings on this instance',
    registers: [registry],
    collect() {
      this.set(opts.live.subscribers());
    },
  });
  new Gauge({
    name: 'kenes_page_cache',
    help: 'The public page cache since start: pages kept and their bytes, hits (answered before routing, so not in http_requests_total), misses and invalidations',
    labelNames: ['measure'] as const,
    registers: [registry],
    collect() {
      if (!app.hasDecorator('pageCache')) return;
      for (const [measure, value] of Object.entries(app.pageCache.stats())) this.set({ measure }, value);
    },
  });
  database.observeQueries((seconds, failed) => queryDuration.observe({ outcome: failed ? 'error' : 'ok' }, seconds));

  app.addHook('onResponse', async (request, reply) => {
    // The route pattern, not the URL: /:lang/about, not /kk/about (bounded label values).
    const route = request.routeOptions.url ?? 'unmatched';
    requests.inc({ method: request.method, route, status_code: String(reply.statusCode) });
    duration.observe({ method: request.method, route }, reply.elapsedTime / 1000);
  });

  app.get('/metrics', { logLevel: 'warn' }, async (_request, reply) => {
    return reply.type(registry.contentType).header('cache-control', 'no-store').send(await registry.metrics());
  });
  app.addHook('onClose', async () => registry.clear());
}
