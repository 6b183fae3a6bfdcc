import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { createTestDatabase, type TestDatabase } from '@herald/db/testing';
import { previewSend } from '@herald/activities';
import { buildApp, ensureDefaultWorkspace, type AppDeps } from '@herald/api';
import { testSecretKey } from '../fixtures/seed';
import { secondWorkspace, signIn } from './team-fixture';

export interface ApiHarness {
  db: TestDatabase;
  app: FastifyInstance;
  deps: AppDeps;
  key: string;
  workspaceId: string;
  otherKey: string;
  email: string;
  password: string;
  /** The first member's session: the workspace's owner and this Herald's instance administrator. */
  ownerCookie: string;
  otherWorkspaceId: string;
  close(): Promise<void>;
}

/**
 * The API on a fresh database, a first workspace (key + member) and a second workspace with an
 * admin key, made through the API as a user would: the instance administrator creates it, its
 * owner accepts the invitation and creates the key.
 */
export async function createApiHarness(
  temporal: AppDeps['temporal'] = null,
  extra: Partial<AppDeps> = {},
): Promise<ApiHarness> {
  const db = await createTestDatabase();
  const login = await ensureDefaultWorkspace(db.db, mkdtempSync(join(tmpdir(), 'herald-')));
  // The mail server is attached once the harness's own second workspace is made (its owner's
  // invitation link is then answered, not emailed): a test's inbox holds only its own mail.
  const { mailer, ...rest } = extra;
  const deps: AppDeps = {
    db: db.db,
    secretKey: testSecretKey,
    temporal,
    probes: { database: async () => 'test', temporal: async () => 'test' },
    previewSend,
    ...rest,
  };
  const app = await buildApp(deps);
  const owner = await signIn(app, login!.email, login!.password);
  const other = await secondWorkspace(app, owner, 'Other', 'owner@other.test');
  if (mailer) deps.mailer = mailer;
  return {
    db,
    app,
    deps,
    key: login!.apiKey,
    email: login!.email,
    password: login!.password,
    workspaceId: login!.workspace,
    otherKey: other.key,
    otherWorkspaceId: other.workspaceId,
    ownerCookie: owner.cookie,
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

/** A channel account as a test adds it: by default at an address nothing answers, with the secret `s`. */
export interface TestAccount {
  kind: 'wecom' | 'wechat_service' | 'chat_platform' | 'email' | 'webhook';
  name: string;
  settings?: Record<string, unknown>;
  baseUrl?: string;
  credentials?: Record<string, string>;
}

/** Adds a channel account through the API as the harness's workspace key; its id (a refusal throws with the answer). */
export async function addAccount(h: ApiHarness, a: TestAccount): Promise<string> {
  const { credentials, ...rest } = a;
  const payload = { baseUrl: 'http://127.0.0.1:9', ...rest, credentials: { secret: 's', ...credentials } };
  const res = await h.app.inject({ method: 'POST', url: '/api/channel-accounts', headers: bearer(h.key), payload });
  if (res.statusCode >= 400) throw new Error(`POST /api/channel-accounts: ${res.statusCode} ${res.body}`);
  return (res.json() as { id: string }).id;
}
