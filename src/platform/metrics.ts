import fp from 'fastify-plugin';
import type pg from 'pg';
import client from 'prom-client';

declare module 'fastify' {
  interface FastifyInstance {
    /** A count an engine keeps (monotonic), read when /metrics is scraped. */
    countMetric(name: string, help: string, labelName: string, read: () => Record<string, number>): void;
  }
}

/**
 * Prometheus metrics at /metrics: per-route request count and latency, pool stats, process
 * defaults. Each app gets its own registry so tests can build several apps in one process.
 */
export const metricsPlugin = fp<{ pool: pg.Pool }>(async (app, opts) => {
  const registry = new client.Registry();
  client.collectDefaultMetrics({ register: registry });
  const labelNames = ['method', 'route', 'status_code'] as const;
  const requests = new client.Counter({ name: 'http_requests_total', help: 'HTTP requests by route and status.', labelNames, registers: [registry] });
  const duration = new client.Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request latency by route.',
    labelNames,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });
  const gauge = (name: string, help: string, read: () => number) =>
    new client.Gauge({ name, help, registers: [registry], collect() { this.set(read()); } });
  gauge('db_pool_connections_total', 'Connections open in the PostgreSQL pool.', () => opts.pool.totalCount);
  gauge('db_pool_connections_idle', 'Idle connections in the PostgreSQL pool.', () => opts.pool.idleCount);
  gauge('db_pool_requests_waiting', 'Queries waiting for a pool connection.', () => opts.pool.waitingCount);

  app.decorate('countMetric', (name: string, help: string, labelName: string, read: () => Record<string, number>) => {
    new client.Counter({
      name, help, labelNames: [labelName], registers: [registry],
      collect() {
        this.reset();
        for (const [label, n] of Object.entries(read())) this.inc({ [labelName]: label }, n);
      },
    });
  });

  app.addHook('onResponse', async (request, reply) => {
    // Unknown routes share one label so a scanner cannot blow up the series count.
    const route = request.is404 ? 'unknown' : (request.routeOptions.url ?? 'unknown');
    const labels = { method: request.method, route, status_code: String(reply.statusCode) };
    requests.inc(labels);
    duration.observe(labels, reply.elapsedTime / 1000);
  });

  app.get('/metrics', { schema: { hide: true }, config: { access: { public: true } } }, async (_request, reply) => {
    void reply.header('content-type', registry.contentType);
    return registry.metrics();
  });
}, { name: 'trove-metrics' });
