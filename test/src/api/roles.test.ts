import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import nodemailer from 'nodemailer';
import { sql } from '@herald/db';
import { startSandbox, type Sandbox } from '@herald/sandbox';
import { createApiHarness, type ApiHarness } from './api-harness';
import { asOf, callAs, createKey, inviteMember, sandboxInbox, signIn, type As } from './team-fixture';
import { makers, roleRequests, type RoleContext, type RoleRequest } from './role-requests';
import { devServer, uniqueTaskQueue } from '../temporal/env';

// The role matrix, table-driven over every route of /openapi.json: a route added later without a
// declared permission, without the permission this file expects of it, or without a request in
// role-requests.ts fails here. Each role below what a route needs is refused (403, a code, nothing
// written); each role at or above it succeeds on the same kind of request (the positive control).
type Role = 'viewer' | 'marketer' | 'admin' | 'owner';
type Op = { method: string; path: string; permission: string | undefined };
type Caller = { label: string; role: Role; instanceAdmin: boolean; as: As };

let h: ApiHarness;
let sandbox: Sandbox;
let server: Awaited<ReturnType<typeof devServer>>;
let ops: Op[] = [];
let callers: Caller[] = [];
let ctx: RoleContext;
let columns: Array<{ t: string; updated: boolean }> = [];

const rank: Role[] = ['viewer', 'marketer', 'admin', 'owner'];

/** The issue's matrix, written here apart from the code: what each route should need. */
function expectedPermission(method: string, path: string): string {
  if (!path.startsWith('/api/')) return 'public';
  if (['/api/auth/login', '/api/auth/logout', '/api/invitations/accept', '/api/invitations/preview'].includes(path))
    return 'public';
  if (path.startsWith('/api/auth/')) return 'signed-in';
  if (path.startsWith('/api/instance/')) return 'instance';
  if (path === '/api/workspace/transfer' || (method === 'DELETE' && path === '/api/workspace')) return 'own';
  // Credentials and who did what: keys, invitations (links), the audit trail.
  if (/^\/api\/(api-keys|invitations|audit)(\/|$)/.test(path)) return 'manage';
  // A segment's count reads: it writes nothing.
  if (method === 'GET' || /\/(preview|validate|count)$/.test(path)) return 'read';
  if (/^\/api\/(channel-accounts|employees|group-chats|members|approvals)(\/|$)/.test(path)) return 'manage';
  if (/^\/api\/workspace\/(settings|forms-secret|policies)$/.test(path)) return 'manage';
  return 'write';
}

function allowed(permission: string, c: Caller): boolean {
  if (permission === 'signed-in') return true;
  if (permission === 'instance') return c.instanceAdmin;
  const needed = { read: 'viewer', write: 'marketer', manage: 'admin', own: 'owner' }[permission] as Role;
  return rank.indexOf(c.role) >= rank.indexOf(needed);
}

/** Every table's row count and newest update: a refused request must change neither. */
const snapshot = async (): Promise<string> =>
  JSON.stringify(
    await h.db.db.execute(
      sql.raw(
        `select ${columns
          .map(
            ({ t, updated }) =>
              `(select count(*)${updated ? `::text || max(updated_at)::text` : ''} from "${t}") as "${t}"`,
          )
          .join(', ')}`,
      ),
    ),
  );

async function send(c: Caller | null, method: string, r: RoleRequest) {
  const as = c ? asOf(c.as) : {};
  return h.app.inject({
    method: method as 'GET',
    url: r.url,
    ...as,
    ...(r.raw
      ? { headers: { ...as.headers, ...r.raw.headers }, payload: r.raw.payload }
      : r.body === undefined
        ? {}
        : { payload: r.body as object }),
  });
}

beforeAll(async () => {
  sandbox = await startSandbox({ smtpPort: 0 });
  server = await devServer();
  const transport = nodemailer.createTransport({ host: '127.0.0.1', port: sandbox.smtpPort, ignoreTLS: true });
  h = await createApiHarness(
    { client: server.client, taskQueue: uniqueTaskQueue('roles') },
    { mailer: { sendMail: (m) => transport.sendMail({ from: 'herald@test', ...m }) }, sandboxUrl: sandbox.url },
  );
  const inbox = sandboxInbox(sandbox);
  const owner: As = { cookie: h.ownerCookie };
  const post = async (url: string, body?: unknown) => (await callAs(h.app, owner, 'POST', url, body)).json();
  const accounts = {
    wecom: (
      await post('/api/channel-accounts', {
        kind: 'wecom',
        name: 'Roles WeCom',
        baseUrl: sandbox.url,
        settings: { corpId: 'corp-roles', agentId: 1000002 },
        credentials: { secret: 's' },
      })
    ).id,
    wechat: (
      await post('/api/channel-accounts', {
        kind: 'wechat_service',
        name: 'Roles OA',
        baseUrl: sandbox.url,
        settings: { appId: 'wx-roles' },
        credentials: { secret: 's' },
      })
    ).id,
  };
  const people: Record<'viewer' | 'marketer' | 'admin', As> = {
    viewer: await inviteMember(h.app, owner, 'viewer@acme.test', 'viewer', undefined, inbox),
    marketer: await inviteMember(h.app, owner, 'marketer@acme.test', 'marketer', undefined, inbox),
    admin: await inviteMember(h.app, owner, 'admin@acme.test', 'admin', undefined, inbox),
  };
  // Marketers' journeys wait for approval here, so approve and reject have requests to decide.
  await callAs(h.app, owner, 'PUT', '/api/workspace/policies', {
    approvals: { journeys: true, broadcastsAbove: null },
    auditRetentionDays: 365,
  });
  const ownerMemberId = (await callAs(h.app, owner, 'GET', '/api/auth/me')).json().member.id as string;
  const base = {
    app: h.app,
    owner,
    ownerMemberId,
    marketer: people.marketer,
    inbox,
    sandboxUrl: sandbox.url,
    workspaceId: h.workspaceId,
    accounts,
  };
  const make = makers(base);
  const contact = await make.contact();
  ctx = {
    ...base,
    shared: {
      contact,
      tag: await make.tag(),
      journey: await make.journey(),
      published: await make.published(),
      broadcast: await make.broadcast(contact),
      material: await make.material(),
    },
  };
  callers = [
    { label: 'owner', role: 'owner', instanceAdmin: true, as: owner },
    ...(['admin', 'marketer', 'viewer'] as const).map((role) => ({
      label: role,
      role,
      instanceAdmin: false,
      as: people[role],
    })),
    ...(await Promise.all(
      (['admin', 'marketer', 'viewer'] as const).map(async (role) => ({
        label: `${role} key`,
        role,
        instanceAdmin: false,
        as: { key: (await createKey(h.app, owner, role, `matrix ${role}`)).key } as As,
      })),
    )),
  ];
  const doc = (await h.app.inject({ method: 'GET', url: '/openapi.json' })).json() as {
    paths: Record<string, Record<string, { 'x-herald-permission'?: string }>>;
  };
  ops = Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([m, op]) => ({
      method: m.toUpperCase(),
      path,
      permission: op['x-herald-permission'],
    })),
  );
  columns = (
    (await h.db.db.execute(
      sql`select t.table_name as t, exists (select 1 from information_schema.columns c
            where c.table_name = t.table_name and c.column_name = 'updated_at') as updated
          from information_schema.tables t where t.table_schema = 'public' and t.table_type = 'BASE TABLE'
            and t.table_name not like '%drizzle%' order by 1`,
    )) as unknown as Array<{ t: string; updated: boolean }>
  ).map((r) => r);
}, 120_000);
afterAll(async () => {
  await h?.close();
  await sandbox?.close();
  await server?.close();
});

describe('roles, enforced on every route', () => {
  it('every route in /openapi.json declares the permission the matrix gives it', () => {
    expect(ops.length).toBeGreaterThan(80);
    for (const op of ops) expect(op.permission, `${op.method} ${op.path}`).toBe(expectedPermission(op.method, op.path));
    expect(
      ops
        .filter((o) => o.permission === 'public')
        .map((o) => `${o.method} ${o.path}`)
        .sort(),
    ).toEqual([
      'GET /health',
      'GET /health/live',
      'GET /health/ready',
      'GET /webhooks/wechat/{accountId}',
      'POST /api/auth/login',
      'POST /api/auth/logout',
      'POST /api/invitations/accept',
      'POST /api/invitations/preview',
      'POST /webhooks/forms/{workspaceId}/{formId}',
      'POST /webhooks/receipts/{accountId}',
      'POST /webhooks/wechat/{accountId}',
      'POST /webhooks/wecom/{accountId}',
    ]);
  });

  it('answers 401 with a code to every other route without a key or a session', async () => {
    const requests = roleRequests(ctx);
    for (const op of ops.filter((o) => o.permission !== 'public')) {
      const res = await send(null, op.method, {
        url: op.path.replace(/\{\w+\}/g, '00000000-0000-4000-8000-000000000000'),
      });
      expect([res.statusCode, res.json().error.code], `${op.method} ${op.path}`).toEqual([
        401,
        'HERALD_ERR_UNAUTHORIZED',
      ]);
      expect(
        requests[`${op.method} ${op.path}`],
        `role-requests.ts has no request for ${op.method} ${op.path}`,
      ).toBeDefined();
    }
  });

  it('route × role: refused below the permission (403, nothing written), successful at and above it', async () => {
    const requests = roleRequests(ctx);
    const tally = { refused: 0, succeeded: 0, routes: 0 };
    const notCalled: string[] = [];
    for (const op of ops.filter((o) => o.permission !== 'public')) {
      const name = `${op.method} ${op.path}`;
      const build = requests[name]!;
      tally.routes++;
      const refused = callers.filter((c) => !allowed(op.permission!, c));
      if (refused.length > 0) {
        const request = await build();
        const before = await snapshot();
        for (const c of refused) {
          const res = await send(c, op.method, request);
          const got = [res.statusCode, res.json().error?.code];
          expect(got, `${c.label}: ${name} → ${res.body.slice(0, 200)}`).toEqual([403, 'HERALD_ERR_FORBIDDEN']);
          tally.refused++;
        }
        expect(await snapshot(), `${name}: a refusal wrote something`).toBe(before);
      }
      for (const c of callers.filter((c) => allowed(op.permission!, c))) {
        const request = await build();
        if (request.notCalled) {
          notCalled.push(name);
          break;
        }
        const res = await send(c, op.method, request);
        expect(res.statusCode, `${c.label}: ${name} → ${res.body.slice(0, 300)}`).toBeGreaterThanOrEqual(200);
        expect(res.statusCode, `${c.label}: ${name} → ${res.body.slice(0, 300)}`).toBeLessThan(300);
        await request.after?.();
        tally.succeeded++;
      }
    }
    expect(notCalled.sort()).toEqual(['DELETE /api/workspace', 'PATCH /api/auth/me', 'POST /api/auth/switch']);
    expect(tally.routes).toBeGreaterThan(80);
    console.log(
      `roles: ${tally.routes} routes × ${callers.length} callers:`,
      `${tally.refused} refused, ${tally.succeeded} succeeded`,
    );
  }, 300_000);

  it("deletes a workspace for its owner (DELETE /api/workspace's positive control), never for its admin", async () => {
    const created = (
      await callAs(h.app, { cookie: h.ownerCookie }, 'POST', '/api/instance/workspaces', {
        name: 'Short-lived',
        ownerEmail: 'short@acme.test',
      })
    ).json();
    const link = sandboxInbox(sandbox)('short@acme.test')!;
    const shortOwner = await signInByLink(link);
    const admin = await inviteMember(
      h.app,
      shortOwner,
      'short-admin@acme.test',
      'admin',
      undefined,
      sandboxInbox(sandbox),
    );
    const byAdmin = await send({ label: 'admin', role: 'admin', instanceAdmin: false, as: admin }, 'DELETE', {
      url: '/api/workspace',
      body: { confirmName: 'Short-lived' },
    });
    expect([byAdmin.statusCode, byAdmin.json().error.code]).toEqual([403, 'HERALD_ERR_FORBIDDEN']);
    const wrongName = await callAs(h.app, shortOwner, 'DELETE', '/api/workspace', { confirmName: 'Short' }, [422]);
    expect(wrongName.json().error.code).toBe('HERALD_ERR_CONFIRMATION_MISMATCH');
    await callAs(h.app, shortOwner, 'DELETE', '/api/workspace', { confirmName: 'Short-lived' }, [204]);
    const all = (await callAs(h.app, { cookie: h.ownerCookie }, 'GET', '/api/instance/workspaces')).json().items;
    expect(all.map((w: { id: string }) => w.id)).not.toContain(created.id);
    // Its members' sessions went with it.
    expect((await h.app.inject({ method: 'GET', url: '/api/auth/me', ...asOf(admin) })).statusCode).toBe(401);
  });

  it('lets a viewer see that an account has credentials, never which ones', async () => {
    const viewer = callers.find((c) => c.label === 'viewer')!;
    const admin = callers.find((c) => c.label === 'admin')!;
    const accountOf = async (c: Caller) =>
      ((await send(c, 'GET', { url: '/api/channel-accounts' })).json().items as Array<Record<string, unknown>>).find(
        (a) => a.id === ctx.accounts.wecom,
      )!;
    expect(await accountOf(admin)).toMatchObject({ hasCredentials: true, credentialNames: ['secret'] });
    const seen = await accountOf(viewer);
    expect(seen).toMatchObject({ hasCredentials: true, credentialNames: [] });
    expect(JSON.stringify(seen)).not.toContain('secret');
  });
});

/** Accepts an owner's invitation link as a new sign-in. */
async function signInByLink(link: string): Promise<{ cookie: string }> {
  const token = /#\/invitation\/(\S+)/.exec(link)![1]!;
  await callAs(h.app, null, 'POST', '/api/invitations/accept', {
    token,
    name: 'Short owner',
    password: 'short owner password',
  });
  return signIn(h.app, 'short@acme.test', 'short owner password');
}
