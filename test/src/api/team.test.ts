import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import nodemailer from 'nodemailer';
import type { FastifyInstance } from 'fastify';
import { createDb, sql, type DbHandle } from '@herald/db';
import { startSandbox, type Sandbox } from '@herald/sandbox';
import { buildApp } from '@herald/api';
import { createApiHarness, type ApiHarness } from './api-harness';
import { accept, asOf, callAs, createKey, sandboxInbox, signIn, tokenOf, type As, type Inbox } from './team-fixture';

// Done when (issue 16), through the public API only: a second workspace and its owner, a marketer
// and a viewer invited by email with their keys, each held to their role; invitations single use,
// 72 hours, hashed at rest; roles and removals that act at once; one sign-in across workspaces;
// keys that expire and are refused on every replica within a second of their revocation.
let h: ApiHarness;
let sandbox: Sandbox;
let inbox: Inbox;
let clock = Date.now();
const admin: () => As = () => ({ cookie: h.ownerCookie });
const beta = { id: '', owner: { cookie: '' } as As, marketer: { cookie: '' } as As, viewer: { cookie: '' } as As };
const keys = { marketer: '', viewer: '' };
const ids = { contact: '', account: '', journey: '', viewerMember: '', marketerMember: '' };

beforeAll(async () => {
  sandbox = await startSandbox({ smtpPort: 0 });
  const transport = nodemailer.createTransport({ host: '127.0.0.1', port: sandbox.smtpPort, ignoreTLS: true });
  h = await createApiHarness(null, {
    mailer: { sendMail: (m) => transport.sendMail({ from: 'herald@test', ...m }) },
    now: () => new Date(clock),
  });
  inbox = sandboxInbox(sandbox);
});
afterAll(async () => {
  await h?.close();
  await sandbox?.close();
});

/** Accepts the newest invitation emailed to an address; the new member's session. */
const acceptMail = async (email: string, password = 'a long enough password') =>
  accept(h.app, tokenOf(inbox(email)!), password, email.split('@')[0]);
const status = async (as: As, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, body?: unknown) => {
  const res = await h.app.inject({
    method,
    url,
    ...asOf(as),
    ...(body === undefined ? {} : { payload: body as object }),
  });
  return [res.statusCode, res.statusCode >= 400 ? res.json().error.code : 'ok'];
};

describe('a second workspace, its people and their keys', () => {
  it('is created by the instance administrator; its owner sets a password from the emailed link', async () => {
    const created = await callAs(h.app, admin(), 'POST', '/api/instance/workspaces', {
      name: 'Beta',
      ownerEmail: 'Owner@Beta.test',
    });
    expect(created.json()).toMatchObject({ name: 'Beta', invited: true, emailed: true, link: null, owners: [] });
    beta.id = created.json().id;
    const token = tokenOf(inbox('owner@beta.test')!);
    const preview = await callAs(h.app, null, 'POST', '/api/invitations/preview', { token });
    expect(preview.json()).toEqual({
      workspaceName: 'Beta',
      email: 'owner@beta.test',
      role: 'owner',
      existingUser: false,
    });
    const short = await h.app.inject({
      method: 'POST',
      url: '/api/invitations/accept',
      payload: { token, name: 'Bea', password: 'short' },
    });
    expect(short.json().error.code).toBe('HERALD_ERR_VALIDATION');
    beta.owner = await accept(h.app, token, 'the owner of beta', 'Bea');
    const me = (await callAs(h.app, beta.owner, 'GET', '/api/auth/me')).json();
    expect(me).toMatchObject({ workspaceId: beta.id, workspaceName: 'Beta', role: 'owner', instanceAdmin: false });
    // Single use: the same link again is refused, in words, and signs nobody in.
    const again = await h.app.inject({
      method: 'POST',
      url: '/api/invitations/accept',
      payload: { token, name: 'Eve', password: 'another long password' },
    });
    expect([again.statusCode, again.json().error.code]).toEqual([410, 'HERALD_ERR_INVITATION_INVALID']);
    expect(again.cookies).toEqual([]);
    // Only the instance administrator makes workspaces.
    expect(await status(beta.owner, 'GET', '/api/instance/workspaces')).toEqual([403, 'HERALD_ERR_FORBIDDEN']);
    const all = (await callAs(h.app, admin(), 'GET', '/api/instance/workspaces')).json().items;
    expect(all.find((w: { id: string }) => w.id === beta.id)).toMatchObject({
      owners: ['owner@beta.test'],
      members: 1,
    });
  });

  it('invites a marketer and a viewer by email, makes them keys, and holds each to their role', async () => {
    for (const [email, role] of [
      ['mia@beta.test', 'marketer'],
      ['vic@beta.test', 'viewer'],
    ] as const)
      await callAs(h.app, beta.owner, 'POST', '/api/invitations', { email, role });
    expect(inbox('mia@beta.test')).toMatch(/#\/invitation\/hi_/);
    beta.marketer = await acceptMail('mia@beta.test');
    beta.viewer = await acceptMail('vic@beta.test');
    keys.marketer = (await createKey(h.app, beta.owner, 'marketer', 'Mia’s scripts')).key;
    keys.viewer = (await createKey(h.app, beta.owner, 'viewer', 'Dashboard')).key;
    const members = (await callAs(h.app, beta.owner, 'GET', '/api/members')).json().items;
    expect(members.map((m: { email: string; role: string }) => [m.email, m.role])).toEqual([
      ['owner@beta.test', 'owner'],
      ['mia@beta.test', 'marketer'],
      ['vic@beta.test', 'viewer'],
    ]);
    ids.marketerMember = members[1].id;
    ids.viewerMember = members[2].id;
    ids.account = (
      await callAs(h.app, beta.owner, 'POST', '/api/channel-accounts', {
        kind: 'wecom',
        name: 'Beta WeCom',
        baseUrl: 'http://127.0.0.1:9',
        settings: { corpId: 'corp-beta', agentId: 1 },
        credentials: { secret: 'beta-secret' },
      })
    ).json().id;
    ids.contact = (
      await callAs(h.app, beta.marketer, 'POST', '/api/contacts', { externalId: 'b-1', name: 'Bo' })
    ).json().id;

    const viewerKey = { key: keys.viewer };
    const marketerKey = { key: keys.marketer };
    // The viewer's writes: refused, by session and by key; their reads answer.
    for (const viewer of [beta.viewer, viewerKey]) {
      expect(await status(viewer, 'POST', '/api/contacts', { externalId: 'v', name: 'V' })).toEqual([
        403,
        'HERALD_ERR_FORBIDDEN',
      ]);
      expect(await status(viewer, 'PATCH', `/api/contacts/${ids.contact}`, { name: 'Vandal' })).toEqual([
        403,
        'HERALD_ERR_FORBIDDEN',
      ]);
      expect(await status(viewer, 'GET', `/api/contacts/${ids.contact}`)).toEqual([200, 'ok']);
    }
    // The marketer's account changes: refused; their contacts: allowed.
    for (const marketer of [beta.marketer, marketerKey]) {
      expect(await status(marketer, 'PATCH', `/api/channel-accounts/${ids.account}`, { name: 'Mine' })).toEqual([
        403,
        'HERALD_ERR_FORBIDDEN',
      ]);
      expect(
        await status(marketer, 'POST', '/api/channel-accounts', {
          kind: 'wecom',
          name: 'Rogue',
          baseUrl: 'http://127.0.0.1:9',
          credentials: { secret: 's' },
        }),
      ).toEqual([403, 'HERALD_ERR_FORBIDDEN']);
      expect(await status(marketer, 'PATCH', `/api/contacts/${ids.contact}`, { name: 'Bo Li' })).toEqual([200, 'ok']);
    }
    const refusal = await h.app.inject({
      method: 'POST',
      url: '/api/tags',
      ...asOf(viewerKey),
      payload: { name: 'x' },
    });
    expect(refusal.json().error.message).toBe('Not allowed: a viewer cannot do this; it needs a marketer or above.');
    // The first workspace's key finds none of Beta's resources.
    expect(await status({ key: h.key }, 'GET', `/api/contacts/${ids.contact}`)).toEqual([404, 'HERALD_ERR_NOT_FOUND']);
    expect(await status({ key: h.key }, 'PATCH', `/api/channel-accounts/${ids.account}`, { name: 'Stolen' })).toEqual([
      404,
      'HERALD_ERR_NOT_FOUND',
    ]);
    expect(await status({ key: h.key }, 'PATCH', `/api/members/${ids.viewerMember}`, { role: 'admin' })).toEqual([
      404,
      'HERALD_ERR_NOT_FOUND',
    ]);
  });

  it('keeps invitation tokens hashed at rest; a link works once and for 72 hours', async () => {
    await callAs(h.app, beta.owner, 'POST', '/api/invitations', { email: 'late@beta.test', role: 'viewer' });
    const token = tokenOf(inbox('late@beta.test')!);
    const [row] = (await h.db.db.execute(
      sql`select token_hash, to_jsonb(i)::text as whole from invitations i where email = 'late@beta.test'`,
    )) as unknown as Array<{ token_hash: string; whole: string }>;
    expect(row!.token_hash).toBe(createHash('sha256').update(token).digest('hex'));
    expect(row!.whole).not.toContain(token.slice(token.indexOf('_', token.indexOf('_') + 1) + 1));
    // A token with the right prefix and a wrong secret is refused like any other.
    const forged = `${token.slice(0, 16)}${'A'.repeat(token.length - 16)}`;
    expect(await status(beta.owner, 'POST', '/api/invitations/preview', { token: forged })).toEqual([
      410,
      'HERALD_ERR_INVITATION_INVALID',
    ]);
    clock += 72 * 3_600_000 + 60_000;
    try {
      const late = await h.app.inject({
        method: 'POST',
        url: '/api/invitations/accept',
        payload: { token, name: 'Late', password: 'a long enough password' },
      });
      expect([late.statusCode, late.json().error.code]).toEqual([410, 'HERALD_ERR_INVITATION_INVALID']);
      // Expired invitations are no longer listed as open.
      const open = (await callAs(h.app, beta.owner, 'GET', '/api/invitations')).json().items;
      expect(open.map((i: { email: string }) => i.email)).not.toContain('late@beta.test');
    } finally {
      clock -= 72 * 3_600_000 + 60_000;
    }
  });

  it('changes roles and removes members at once, and always keeps an owner', async () => {
    // The viewer becomes a marketer: their very next request may write.
    await callAs(h.app, beta.owner, 'PATCH', `/api/members/${ids.viewerMember}`, { role: 'marketer' });
    expect(await status(beta.viewer, 'POST', '/api/tags', { name: 'Promoted' })).toEqual([201, 'ok']);
    // An admin gives no role above their own, and does not touch an owner.
    await callAs(h.app, beta.owner, 'PATCH', `/api/members/${ids.marketerMember}`, { role: 'admin' });
    expect(await status(beta.marketer, 'PATCH', `/api/members/${ids.viewerMember}`, { role: 'owner' })).toEqual([
      403,
      'HERALD_ERR_ROLE_TOO_HIGH',
    ]);
    const ownerId = (await callAs(h.app, beta.owner, 'GET', '/api/auth/me')).json().member.id;
    expect(await status(beta.marketer, 'DELETE', `/api/members/${ownerId}`)).toEqual([403, 'HERALD_ERR_ROLE_TOO_HIGH']);
    // The last owner can neither step down nor leave.
    expect(await status(beta.owner, 'PATCH', `/api/members/${ownerId}`, { role: 'admin' })).toEqual([
      409,
      'HERALD_ERR_LAST_OWNER',
    ]);
    expect(await status(beta.owner, 'DELETE', `/api/members/${ownerId}`)).toEqual([409, 'HERALD_ERR_LAST_OWNER']);
    // Removed: their session ends with the removal, and they are no longer listed.
    await callAs(h.app, beta.owner, 'DELETE', `/api/members/${ids.viewerMember}`);
    expect(await status(beta.viewer, 'GET', '/api/auth/me')).toEqual([401, 'HERALD_ERR_UNAUTHORIZED']);
    const after = (await callAs(h.app, beta.owner, 'GET', '/api/members')).json().items;
    expect(after.map((m: { email: string }) => m.email)).not.toContain('vic@beta.test');
    // Signing in again finds no workspace.
    const back = await h.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: 'vic@beta.test', password: 'a long enough password' },
    });
    expect([back.statusCode, back.json().error.code]).toEqual([403, 'HERALD_ERR_NO_WORKSPACE']);
    // Ownership moves to the admin; the old owner is an admin now.
    await callAs(h.app, beta.owner, 'POST', '/api/workspace/transfer', { memberId: ids.marketerMember });
    expect((await callAs(h.app, beta.owner, 'GET', '/api/auth/me')).json().role).toBe('admin');
    expect((await callAs(h.app, beta.marketer, 'GET', '/api/auth/me')).json().role).toBe('owner');
    await callAs(h.app, beta.marketer, 'POST', '/api/workspace/transfer', { memberId: ownerId });
  });

  it('signs one person in to several workspaces and switches between them', async () => {
    await callAs(h.app, beta.owner, 'POST', '/api/invitations', { email: h.email, role: 'viewer' });
    const token = tokenOf(inbox(h.email)!);
    expect((await callAs(h.app, null, 'POST', '/api/invitations/preview', { token })).json().existingUser).toBe(true);
    // An existing sign-in proves itself with its own password; a wrong one leaves the link usable.
    const wrong = await h.app.inject({
      method: 'POST',
      url: '/api/invitations/accept',
      payload: { token, password: 'nope' },
    });
    expect(wrong.json().error.code).toBe('HERALD_ERR_BAD_CREDENTIALS');
    await callAs(h.app, null, 'POST', '/api/invitations/accept', { token, password: h.password });
    const session = await signIn(h.app, h.email, h.password);
    const mine = (await callAs(h.app, session, 'GET', '/api/auth/workspaces')).json().items;
    expect(mine.map((w: { name: string; role: string }) => [w.name, w.role])).toEqual([
      ['Default workspace', 'owner'],
      ['Beta', 'viewer'],
    ]);
    const switched = await callAs(h.app, session, 'POST', '/api/auth/switch', { workspaceId: beta.id });
    const inBeta = { cookie: switched.cookies.find((c) => c.name === 'herald_session')!.value };
    expect((await callAs(h.app, inBeta, 'GET', '/api/auth/me')).json()).toMatchObject({
      workspaceName: 'Beta',
      role: 'viewer',
      instanceAdmin: true,
    });
    // The viewer's role holds in Beta, whatever they are elsewhere; the old session ended.
    expect(await status(inBeta, 'POST', '/api/tags', { name: 'x' })).toEqual([403, 'HERALD_ERR_FORBIDDEN']);
    expect(await status(session, 'GET', '/api/auth/me')).toEqual([401, 'HERALD_ERR_UNAUTHORIZED']);
    // A workspace they do not belong to is not found.
    expect(await status(inBeta, 'POST', '/api/auth/switch', { workspaceId: h.otherWorkspaceId })).toEqual([
      404,
      'HERALD_ERR_NOT_FOUND',
    ]);
  });
});

describe('API keys', () => {
  let replica: FastifyInstance;
  let replicaDb: DbHandle;
  beforeAll(async () => {
    // A second API replica: its own process state and connections, sharing only PostgreSQL.
    replicaDb = await createDb({ url: h.db.url, max: 2 });
    replica = await buildApp({ ...h.deps, db: replicaDb.db });
  });
  afterAll(async () => {
    await replica?.close();
    await replicaDb?.close();
  });

  it('shows the secret once, then its start, its role, expiry and last use', async () => {
    const created = (
      await callAs(h.app, beta.owner, 'POST', '/api/api-keys', {
        name: 'Nightly export',
        role: 'viewer',
        expiresAt: new Date(clock + 3_600_000).toISOString(),
      })
    ).json();
    expect(created.secret).toMatch(/^hk_[0-9a-f]{12}_/);
    expect(created.preview).toBe(`${created.secret.slice(0, 16)}…`);
    const listed = () =>
      callAs(h.app, beta.owner, 'GET', '/api/api-keys').then((r) => ({ body: r.body, items: r.json().items }));
    const before = await listed();
    expect(before.body).not.toContain(created.secret);
    expect(before.items.find((k: { id: string }) => k.id === created.id)).toMatchObject({
      role: 'viewer',
      lastUsedAt: null,
      createdBy: 'Bea',
    });
    await callAs(h.app, { key: created.secret }, 'GET', '/api/contacts');
    const used = (await listed()).items.find((k: { id: string }) => k.id === created.id);
    expect(used.lastUsedAt).not.toBeNull();
    // Past its expiry it is refused, though it was cached as valid a moment ago.
    clock += 3_600_000 + 1000;
    try {
      expect(await status({ key: created.secret }, 'GET', '/api/contacts')).toEqual([401, 'HERALD_ERR_UNAUTHORIZED']);
    } finally {
      clock -= 3_600_000 + 1000;
    }
    // A key never gets a role above its maker's, nor the owner's.
    expect(await status(beta.owner, 'POST', '/api/api-keys', { name: 'x', role: 'owner' })).toEqual([
      400,
      'HERALD_ERR_VALIDATION',
    ]);
  });

  it('refuses a revoked key on every replica within a second', async () => {
    const key = (await createKey(h.app, beta.owner, 'marketer', 'Soon revoked')).key;
    const { id } = (await callAs(h.app, beta.owner, 'GET', '/api/api-keys')).json().items[0];
    // Both replicas have verified (and cached) the key.
    expect(await status({ key }, 'GET', '/api/contacts')).toEqual([200, 'ok']);
    expect((await replica.inject({ method: 'GET', url: '/api/contacts', ...asOf({ key }) })).statusCode).toBe(200);
    await callAs(h.app, beta.owner, 'POST', `/api/api-keys/${id}/revoke`);
    // This replica refuses it at once; the other once 0.6 s have passed (its cache would keep it 10 s).
    expect(await status({ key }, 'GET', '/api/contacts')).toEqual([401, 'HERALD_ERR_UNAUTHORIZED']);
    clock += 600;
    const late = await replica.inject({ method: 'GET', url: '/api/contacts', ...asOf({ key }) });
    expect([late.statusCode, late.json().error.code]).toEqual([401, 'HERALD_ERR_UNAUTHORIZED']);
    const listed = (await callAs(h.app, beta.owner, 'GET', '/api/api-keys')).json().items[0];
    expect(listed.revokedAt).not.toBeNull();
  });
});
