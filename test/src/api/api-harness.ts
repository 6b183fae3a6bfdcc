import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { apiKeys, generateApiKey, workspaces } from '@herald/db';
import { createTestDatabase, type TestDatabase } from '@herald/db/testing';
import { previewSend } from '@herald/activities';
import { buildApp, ensureDefaultWorkspace, type AppDeps } from '@herald/api';
import { testSecretKey } from '../fixtures/seed';

export interface ApiHarness {
  db: TestDatabase;
  app: FastifyInstance;
  deps: AppDeps;
  key: string;
  workspaceId: string;
  otherKey: string;
  email: string;
  password: string;
  close(): Promise<void>;
}

/** The API on a fresh database, a first workspace (key + member) and a second workspace's key. */
export async function createApiHarness(
  temporal: AppDeps['temporal'] = null,
  extra: Partial<AppDeps> = {},
): Promise<ApiHarness> {
  const db = await createTestDatabase();
  const login = await ensureDefaultWorkspace(db.db, mkdtempSync(join(tmpdir(), 'herald-')));
  const [other] = await db.db.insert(workspaces).values({ name: 'Other', slug: 'other' }).returning();
  const otherKey = generateApiKey();
  await db.db
    .insert(apiKeys)
    .values({ workspaceId: other!.id, name: 'other', prefix: otherKey.prefix, keyHash: otherKey.hash });
  const deps: AppDeps = {
    db: db.db,
    secretKey: testSecretKey,
    temporal,
    probes: { database: async () => 'test', temporal: async () => 'test' },
    previewSend,
    ...extra,
  };
  const app = await buildApp(deps);
  return {
    db,
    app,
    deps,
    key: login!.apiKey,
    email: login!.email,
    password: login!.password,
    workspaceId: login!.workspace,
    otherKey: otherKey.key,
    close: async () => {
      await app.close();
      await db.close();
    },
  };
}

/** Authorization header for a key. */
export const bearer = (key: string) => ({ authorization: `Bearer ${key}` });

/** A call to the API as the harness's workspace key, answering the JSON body (tests of setup, not of status codes). */
export async function apiJson(h: ApiHarness, method: 'GET' | 'POST' | 'PUT', url: string, body?: unknown) {
  const res = await h.app.inject({
    method,
    url,
    headers: bearer(h.key),
    ...(body === undefined ? {} : { payload: body as object }),
  });
  return res.json();
}
