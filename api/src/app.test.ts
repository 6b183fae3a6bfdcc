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
    expect(ok.json()).toMatchObject({ status: 'ok', database: { ok: true }, temporal: { ok: true } });
    temporalUp = false;
    const down = await app.inject({ method: 'GET', url: '/health' });
    expect(down.statusCode).toBe(503);
    expect(down.json()).toMatchObject({ status: 'degraded', temporal: { ok: false, detail: 'connection refused' } });
    temporalUp = true;
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
