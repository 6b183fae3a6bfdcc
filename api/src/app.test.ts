import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from './app';

describe('app shell', () => {
  let app: FastifyInstance;
  let temporalUp = true;
  beforeAll(async () => {
    app = await buildApp({
      db: null as never,
      secretKey: Buffer.alloc(32),
      temporal: null,
      probes: {
        database: async () => 'test database',
        temporal: async () => {
          if (!temporalUp) throw new Error('connection refused');
          return 'test temporal';
        },
      },
    });
  });
  afterAll(async () => {
    await app.close();
  });

  it('reports healthy dependencies with 200 and an unreachable one with 503', async () => {
    const ok = await app.inject({ method: 'GET', url: '/health' });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ status: 'ready', database: { ok: true }, temporal: { ok: true } });
    temporalUp = false;
    const down = await app.inject({ method: 'GET', url: '/health' });
    expect(down.statusCode).toBe(503);
    expect(down.json()).toMatchObject({ status: 'up', temporal: { ok: false, detail: 'connection refused' } });
    temporalUp = true;
  });

  it('is live while it answers, even when it is not ready', async () => {
    temporalUp = false;
    const live = await app.inject({ method: 'GET', url: '/health/live' });
    expect([live.statusCode, live.json()]).toEqual([200, { status: 'up' }]);
    const ready = await app.inject({ method: 'GET', url: '/health/ready' });
    expect([ready.statusCode, ready.json().status]).toEqual([503, 'up']);
    temporalUp = true;
  });

  it('times requests by route pattern in /metrics, and asks for the token when one is set', async () => {
    await app.inject({ method: 'GET', url: '/nope/1' });
    const text = (await app.inject({ method: 'GET', url: '/metrics' })).body;
    expect(text).toMatch(
      /herald_http_request_duration_seconds_count\{method="GET",route="\/health",status="200"\} [1-9]/,
    );
    expect(text).toMatch(/herald_http_request_duration_seconds_count\{method="GET",route="unmatched",status="404"\} 1/);
    const guarded = await buildApp(
      {
        db: null as never,
        secretKey: Buffer.alloc(32),
        temporal: null,
        probes: { database: async () => '', temporal: async () => '' },
      },
      { metricsToken: 'a-token-of-16-chars' },
    );
    try {
      const refused = await guarded.inject({ method: 'GET', url: '/metrics' });
      expect([refused.statusCode, refused.json().error.code]).toEqual([401, 'HERALD_ERR_UNAUTHORIZED']);
      const allowed = await guarded.inject({
        method: 'GET',
        url: '/metrics',
        headers: { authorization: 'Bearer a-token-of-16-chars' },
      });
      expect(allowed.statusCode).toBe(200);
    } finally {
      await guarded.close();
    }
  });

  it('answers unknown routes with a coded 404', async () => {
    const res = await app.inject({ method: 'GET', url: '/nope' });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('HERALD_ERR_ROUTE_NOT_FOUND');
  });

  it('serves an OpenAPI document that lists /health', async () => {
    const res = await app.inject({ method: 'GET', url: '/openapi.json' });
    expect(res.statusCode).toBe(200);
    expect(res.json().paths['/health']).toBeDefined();
  });
});
