import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pruneAuditTrail } from '@herald/api';
import { createApiHarness, type ApiHarness } from './api-harness';
import { asOf, callAs, createKey, inviteMember, publishableJourney, type As } from './team-fixture';
import { devServer, uniqueTaskQueue } from '../temporal/env';

// Approvals (a workspace setting) and the audit trail, through the API: a marketer's publish and a
// broadcast above the threshold become requests and nothing starts — no version, no run, no
// workflow — until an admin approves; every write is recorded with who, when, where and what.
let h: ApiHarness;
let server: Awaited<ReturnType<typeof devServer>>;
let clock = Date.now();
let owner: As;
let marketer: As;
let admin: As;
const ids = { wechat: '', wecom: '', a: '', b: '', c: '' };

beforeAll(async () => {
  server = await devServer();
  h = await createApiHarness(
    { client: server.client, taskQueue: uniqueTaskQueue('approvals') },
    { now: () => new Date(clock) },
  );
  owner = { cookie: h.ownerCookie };
  marketer = await inviteMember(h.app, owner, 'mia@acme.test', 'marketer');
  admin = await inviteMember(h.app, owner, 'ada@acme.test', 'admin');
  const account = async (kind: string, name: string, settings: object) =>
    (
      await callAs(h.app, owner, 'POST', '/api/channel-accounts', {
        kind,
        name,
        baseUrl: 'http://127.0.0.1:9',
        settings,
        credentials: { secret: 'the-account-secret' },
      })
    ).json().id as string;
  ids.wechat = await account('wechat_service', 'OA', { appId: 'wx-approvals' });
  ids.wecom = await account('wecom', 'WeCom', { corpId: 'corp-approvals', agentId: 1 });
  for (const k of ['a', 'b', 'c'] as const)
    ids[k] = (
      await callAs(h.app, marketer, 'POST', '/api/contacts', { externalId: k, name: k.toUpperCase() })
    ).json().id;
  await callAs(h.app, admin, 'PUT', '/api/workspace/policies', {
    approvals: { journeys: true, broadcastsAbove: 2 },
    auditRetentionDays: 30,
  });
});
afterAll(async () => {
  await h?.close();
  await server?.close();
});

const broadcastTo = (contactIds: string[], name: string) => ({
  name,
  channelAccountId: ids.wecom,
  method: 'wecom_agent',
  messages: [{ type: 'text', text: 'The November offer' }],
  audience: { kind: 'contacts', contactIds },
  sendType: 'timed',
  sendAt: new Date(clock + 3600_000).toISOString(),
});
const code = async (as: As, url: string, body: unknown = {}) => {
  const res = await h.app.inject({ method: 'POST', url, ...asOf(as), payload: body as object });
  return [res.statusCode, res.json().error?.code ?? 'ok'];
};

describe('approvals', () => {
  it("holds a marketer's publish until an admin approves the draft that was asked about", async () => {
    const journey = (
      await callAs(h.app, marketer, 'POST', '/api/journeys', {
        name: 'Welcome',
        graph: publishableJourney(ids.wechat, ids.wecom),
      })
    ).json().id;
    const held = await callAs(h.app, marketer, 'POST', `/api/journeys/${journey}/publish`);
    expect(held.statusCode).toBe(202);
    const request = held.json().approval;
    expect(request).toMatchObject({ kind: 'journey', status: 'pending', name: 'Welcome', requestedBy: 'marketer mia' });
    // Nothing was published, and asking again asks nothing new.
    expect((await callAs(h.app, marketer, 'GET', `/api/journeys/${journey}`)).json()).toMatchObject({
      status: 'draft',
      versions: [],
    });
    expect((await callAs(h.app, marketer, 'POST', `/api/journeys/${journey}/publish`)).json().approval.id).toBe(
      request.id,
    );
    // The marketer cannot approve their own request.
    expect(await code(marketer, `/api/approvals/${request.id}/approve`)).toEqual([403, 'HERALD_ERR_FORBIDDEN']);
    // The draft changed after the request: approving would publish what nobody reviewed.
    await callAs(h.app, marketer, 'PATCH', `/api/journeys/${journey}`, { name: 'Welcome (edited)' });
    await callAs(h.app, marketer, 'PUT', `/api/journeys/${journey}/graph`, {
      graph: { ...publishableJourney(ids.wechat, ids.wecom), settings: { reentry: { mode: 'always' } } },
    });
    expect(await code(admin, `/api/approvals/${request.id}/approve`)).toEqual([409, 'HERALD_ERR_APPROVAL_OUTDATED']);
    expect(await code(admin, `/api/approvals/${request.id}/reject`, { comment: ' ' })).toEqual([
      422,
      'HERALD_ERR_COMMENT_REQUIRED',
    ]);
    const rejected = await callAs(h.app, admin, 'POST', `/api/approvals/${request.id}/reject`, {
      comment: 'Changed after you asked: ask again',
    });
    expect(rejected.json()).toMatchObject({
      status: 'rejected',
      decidedBy: 'admin ada',
      comment: 'Changed after you asked: ask again',
    });
    expect(await code(admin, `/api/approvals/${request.id}/approve`)).toEqual([409, 'HERALD_ERR_APPROVAL_DECIDED']);
    // Asked again and approved: published as the marketer's version.
    const again = (await callAs(h.app, marketer, 'POST', `/api/journeys/${journey}/publish`)).json().approval;
    expect(again.id).not.toBe(request.id);
    expect(
      (await callAs(h.app, admin, 'POST', `/api/approvals/${again.id}/approve`, { comment: 'Good' })).json(),
    ).toMatchObject({
      status: 'approved',
      decidedBy: 'admin ada',
    });
    const published = (await callAs(h.app, marketer, 'GET', `/api/journeys/${journey}`)).json();
    expect(published).toMatchObject({ status: 'active', versions: [{ version: 1 }] });
    const versions = (await callAs(h.app, marketer, 'GET', `/api/journeys/${journey}/versions`)).json().items;
    expect(versions[0].publishedBy.name).toBe('marketer mia');
    // An admin's own publish does not wait.
    const theirs = (
      await callAs(h.app, admin, 'POST', '/api/journeys', {
        name: 'Admin’s',
        graph: publishableJourney(ids.wechat, ids.wecom),
      })
    ).json().id;
    expect((await callAs(h.app, admin, 'POST', `/api/journeys/${theirs}/publish`)).statusCode).toBe(200);
  });

  it('holds a broadcast to more contacts than the threshold; nothing starts before approval', async () => {
    const small = (await callAs(h.app, marketer, 'POST', '/api/broadcasts', broadcastTo([ids.a, ids.b], 'Two'))).json();
    expect(small.status).toBe('pending');
    const big = (
      await callAs(h.app, marketer, 'POST', '/api/broadcasts', broadcastTo([ids.a, ids.b, ids.c], 'Three'))
    ).json();
    expect(big.status).toBe('awaiting_approval');
    const detail = (await callAs(h.app, marketer, 'GET', `/api/broadcasts/${big.id}`)).json();
    expect(detail.runId).toBeNull();
    // The key of a marketer is held the same way.
    const key = { key: (await createKey(h.app, owner, 'marketer')).key };
    expect(
      (await callAs(h.app, key, 'POST', '/api/broadcasts', broadcastTo([ids.a, ids.b, ids.c], 'By key'))).json().status,
    ).toBe('awaiting_approval');
    const waiting = (await callAs(h.app, marketer, 'GET', '/api/approvals?status=pending')).json().items;
    const request = waiting.find((r: { broadcastId: string }) => r.broadcastId === big.id);
    expect(request).toMatchObject({ kind: 'broadcast', audience: 3, name: 'Three', requestedBy: 'marketer mia' });
    // Held, it cannot be edited around the rule.
    expect(await code(marketer, `/api/broadcasts/${big.id}/resume`)).toEqual([409, 'HERALD_ERR_INVALID_STATE']);
    await callAs(h.app, admin, 'POST', `/api/approvals/${request.id}/approve`, {});
    const approved = (await callAs(h.app, marketer, 'GET', `/api/broadcasts/${big.id}`)).json();
    expect(approved.status).toBe('pending');
    expect(approved.runId).not.toBeNull();
    // Its run's workflow exists now, waiting for the send time.
    const described = await server.client.workflow.getHandle(`run/${approved.runId}`).describe();
    expect(described.status.name).toBe('RUNNING');
    // A rejected broadcast never runs.
    const other = waiting.find((r: { name: string }) => r.name === 'By key');
    await callAs(h.app, admin, 'POST', `/api/approvals/${other.id}/reject`, { comment: 'Not to everyone' });
    const gone = (await callAs(h.app, marketer, 'GET', `/api/broadcasts/${other.broadcastId}`)).json();
    expect([gone.status, gone.runId]).toEqual(['rejected', null]);
  });

  it('holds an edit that grows a pending broadcast past the threshold', async () => {
    const small = (await callAs(h.app, marketer, 'POST', '/api/broadcasts', broadcastTo([ids.a], 'Grows'))).json();
    expect(small.status).toBe('pending');
    await callAs(h.app, marketer, 'PUT', `/api/broadcasts/${small.id}`, {
      audience: { kind: 'contacts', contactIds: [ids.a, ids.b, ids.c] },
    });
    const edited = (await callAs(h.app, marketer, 'GET', `/api/broadcasts/${small.id}`)).json();
    expect(edited.status).toBe('awaiting_approval');
  });
});

describe('the audit trail', () => {
  it('records who changed what, from where, before and after, with secrets redacted', async () => {
    await callAs(h.app, admin, 'PATCH', `/api/channel-accounts/${ids.wecom}`, {
      name: 'WeCom (renamed)',
      credentials: { secret: 'a-new-secret' },
    });
    const key = (await callAs(h.app, admin, 'POST', '/api/api-keys', { name: 'CI', role: 'viewer' })).json();
    const list = await callAs(h.app, admin, 'GET', '/api/audit?limit=500');
    expect(list.body).not.toContain('the-account-secret');
    expect(list.body).not.toContain('a-new-secret');
    expect(list.body).not.toContain(key.secret);
    const items = list.json().items as Array<Record<string, unknown>>;
    const renamed = items.find((i) => i.resource === 'channel-accounts' && i.action === 'update')!;
    expect(renamed).toMatchObject({
      actorKind: 'member',
      actorName: 'admin ada',
      ip: '127.0.0.1',
      resourceId: ids.wecom,
      summary: {
        before: { name: 'WeCom', credentials_encrypted: '[redacted]' },
        after: { name: 'WeCom (renamed)', credentials_encrypted: '[redacted, changed]' },
      },
    });
    expect(items.find((i) => i.resource === 'api-keys' && i.action === 'create')).toMatchObject({
      resourceId: key.id,
      summary: { after: { name: 'CI', role: 'viewer', key_hash: '[redacted]' } },
    });
    const actions = new Set(items.map((i) => `${i.resource} ${i.action}`));
    for (const expected of [
      'members join',
      'invitations create',
      'workspace update',
      'journeys publish',
      'approvals approve',
      'approvals reject',
      'broadcasts create',
      'contacts create',
    ])
      expect(actions, expected).toContain(expected);
    // A key's writes name the key.
    expect(items.find((i) => i.actorKind === 'api_key' && i.resource === 'broadcasts')?.actorName).toBe(
      'API key "marketer key"',
    );
  });

  it('filters, pages and exports as CSV', async () => {
    const byMia = (await callAs(h.app, admin, 'GET', '/api/audit?actor=mia&resource=journeys')).json().items;
    expect(byMia.length).toBeGreaterThan(0);
    expect(
      byMia.every(
        (i: { actorName: string; resource: string }) => i.actorName === 'marketer mia' && i.resource === 'journeys',
      ),
    ).toBe(true);
    const first = (await callAs(h.app, admin, 'GET', '/api/audit?limit=2')).json();
    expect(first.items).toHaveLength(2);
    const second = (await callAs(h.app, admin, 'GET', `/api/audit?limit=2&before=${first.nextBefore}`)).json();
    expect(second.items[0].id).toBeLessThan(first.items[1].id);
    const csv = await callAs(h.app, admin, 'GET', '/api/audit/export.csv?resource=approvals');
    expect(csv.headers['content-type']).toContain('text/csv');
    const lines = csv.body.trim().split('\n');
    expect(lines[0]).toBe('at,actorKind,actorName,ip,resource,resourceId,action,summary');
    expect(lines.slice(1).every((l) => l.includes(',approvals,'))).toBe(true);
    expect(lines.length).toBeGreaterThanOrEqual(4);
    // Viewers and marketers do not read the trail.
    expect((await h.app.inject({ method: 'GET', url: '/api/audit', ...asOf(marketer) })).statusCode).toBe(403);
  });

  it('keeps rows for the workspace’s retention, then housekeeping prunes them', async () => {
    // A key, as sessions last 14 days and the clock moves a month.
    const auditor = { key: (await createKey(h.app, admin, 'admin', 'Auditor')).key };
    const before = (await callAs(h.app, auditor, 'GET', '/api/audit?limit=500')).json().items.length;
    expect(before).toBeGreaterThan(10);
    clock += 31 * 86_400_000;
    await callAs(h.app, auditor, 'POST', '/api/tags', { name: 'After a month' });
    const pruned = await pruneAuditTrail(h.deps);
    expect(pruned).toBe(before);
    const left = (await callAs(h.app, auditor, 'GET', '/api/audit?limit=500')).json().items;
    expect(left.map((i: { resource: string; action: string }) => `${i.resource} ${i.action}`)).toEqual(['tags create']);
  });
});
