// A valid request for every /api route, for the role matrix (roles.test.ts): each call to a builder
// makes what the request needs through the API as the workspace's owner, fresh when the request
// uses it up (a revoked key, a cancelled broadcast), so the allowed role's call can succeed.
import type { FastifyInstance } from 'fastify';
import { accept, asOf, callAs, createKey, publishableJourney, tokenOf, type As, type Inbox } from './team-fixture';

/** One request: its URL, a JSON body or a raw payload, and what to undo after it succeeded. */
export interface RoleRequest {
  url: string;
  body?: unknown;
  raw?: { payload: Buffer; headers: Record<string, string> };
  /** Undoes what a successful call changed that later calls rely on (a transferred ownership). */
  after?: () => Promise<void>;
  /** Why the allowed role is not called here (its positive control is a test of its own). */
  notCalled?: string;
}

/** What the builders work with. */
export interface RoleContext {
  app: FastifyInstance;
  owner: As;
  ownerMemberId: string;
  marketer: As;
  inbox: Inbox;
  sandboxUrl: string;
  workspaceId: string;
  shared: { contact: string; tag: string; journey: string; published: string; broadcast: string; material: string };
  accounts: { wecom: string; wechat: string };
}

let seq = 0;
const unique = (prefix: string) => `${prefix}-${++seq}-${Date.now().toString(36)}`;
const inAnHour = () => new Date(Date.now() + 3600_000).toISOString();
const png = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

/** A multipart upload of a 1×1 PNG. */
export function pngUpload(): RoleRequest['raw'] {
  const boundary = '----heraldroles';
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${unique('p')}.png"\r\n` +
        'Content-Type: image/png\r\n\r\n',
    ),
    png,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

/** A segment's rule: contacts with the tag. */
const segmentRule = (tagId: string) => ({
  match: 'all',
  groups: [{ match: 'all', conditions: [{ kind: 'tag', tagId }] }],
});

/** Things made as the owner, through the API. */
export function makers(c: Omit<RoleContext, 'shared'>) {
  const post = async (url: string, body?: unknown, as: As = c.owner) =>
    (await callAs(c.app, as, 'POST', url, body)).json();
  const make = {
    contact: async () => (await post('/api/contacts', { externalId: unique('c'), name: 'Someone' })).id as string,
    tag: async () => (await post('/api/tags', { name: unique('Tag') })).id as string,
    journey: async () =>
      (
        await post('/api/journeys', {
          name: unique('J'),
          graph: publishableJourney(c.accounts.wechat, c.accounts.wecom),
        })
      ).id as string,
    published: async () => {
      const id = await make.journey();
      await post(`/api/journeys/${id}/publish`);
      return id;
    },
    broadcast: async (contactId: string) =>
      (
        await post('/api/broadcasts', {
          name: unique('B'),
          channelAccountId: c.accounts.wecom,
          method: 'wecom_agent',
          messages: [{ type: 'text', text: 'Hello' }],
          audience: { kind: 'contacts', contactIds: [contactId] },
          sendType: 'timed',
          sendAt: inAnHour(),
        })
      ).id as string,
    material: async () => {
      const as = asOf(c.owner);
      const raw = pngUpload()!;
      const res = await c.app.inject({
        method: 'POST',
        url: '/api/materials?kind=image',
        ...as,
        headers: { ...as.headers, ...raw.headers },
        payload: raw.payload,
      });
      return res.json().id as string;
    },
    /** A segment of the contacts with a tag. */
    segment: async (tagId: string) =>
      (await post('/api/segments', { name: unique('S'), definition: segmentRule(tagId) })).id as string,
    /** A contact the WeCom account can reach (an external user id), for a test send. */
    reachable: async () =>
      (
        await post('/api/contacts', {
          externalId: unique('c'),
          name: 'Reachable',
          identities: [{ kind: 'wecom_external_userid', value: unique('wm') }],
        })
      ).id as string,
    /** A member invited with a role (by email, read from the sandbox) and signed in. */
    member: async (role: 'owner' | 'admin' | 'marketer' | 'viewer' = 'viewer') => {
      const email = `${unique('m')}@acme.test`;
      await post('/api/invitations', { email, role });
      const session = await accept(c.app, tokenOf(c.inbox(email)!), 'a long enough password');
      const me = (await callAs(c.app, session, 'GET', '/api/auth/me')).json() as { member: { id: string } };
      return { ...session, id: me.member.id };
    },
    /** An approval request: the marketer publishes a journey (the workspace asks for approval of journeys). */
    approval: async () => {
      const id = (
        await post(
          '/api/journeys',
          { name: unique('Asked'), graph: publishableJourney(c.accounts.wechat, c.accounts.wecom) },
          c.marketer,
        )
      ).id as string;
      return (await post(`/api/journeys/${id}/publish`, undefined, c.marketer)).approval.id as string;
    },
  };
  return make;
}

/** The request for each route, by `METHOD /path` as /openapi.json names it. */
export function roleRequests(c: RoleContext): Record<string, () => Promise<RoleRequest>> {
  const make = makers(c);
  const { shared, accounts } = c;
  const send = { channelAccountId: accounts.wecom, method: 'wecom_agent', messages: [{ type: 'text', text: 'Hi' }] };
  const get = (url: string) => async () => ({ url });
  return {
    'GET /api/auth/me': get('/api/auth/me'),
    'PATCH /api/auth/me': async () => ({
      url: '/api/auth/me',
      body: { locale: 'zh-CN' },
      notCalled: 'an API key has no language: member-locale.test.ts sets, keeps and refuses it',
    }),
    'GET /api/auth/workspaces': get('/api/auth/workspaces'),
    'POST /api/auth/switch': async () => ({
      url: '/api/auth/switch',
      body: { workspaceId: c.workspaceId },
      notCalled: "switching ends the caller's session: team.test.ts switches with sessions of its own",
    }),
    'GET /api/instance/workspaces': get('/api/instance/workspaces'),
    'POST /api/instance/workspaces': async () => ({
      url: '/api/instance/workspaces',
      body: { name: unique('Workspace'), ownerEmail: `${unique('o')}@acme.test` },
    }),
    'GET /api/members': get('/api/members'),
    'PATCH /api/members/{id}': async () => ({
      url: `/api/members/${(await make.member()).id}`,
      body: { role: 'marketer' },
    }),
    'DELETE /api/members/{id}': async () => ({ url: `/api/members/${(await make.member()).id}` }),
    'GET /api/invitations': get('/api/invitations'),
    'POST /api/invitations': async () => ({
      url: '/api/invitations',
      body: { email: `${unique('i')}@acme.test`, role: 'viewer' },
    }),
    'DELETE /api/invitations/{id}': async () => {
      const body = { email: `${unique('i')}@acme.test`, role: 'viewer' };
      return { url: `/api/invitations/${(await callAs(c.app, c.owner, 'POST', '/api/invitations', body)).json().id}` };
    },
    'GET /api/api-keys': get('/api/api-keys'),
    'POST /api/api-keys': async () => ({ url: '/api/api-keys', body: { name: unique('Key'), role: 'viewer' } }),
    'PATCH /api/api-keys/{id}': async () => ({
      url: `/api/api-keys/${(await createKey(c.app, c.owner, 'viewer')).id}`,
      body: { name: unique('Renamed') },
    }),
    'POST /api/api-keys/{id}/revoke': async () => ({
      url: `/api/api-keys/${(await createKey(c.app, c.owner, 'viewer')).id}/revoke`,
    }),
    'GET /api/approvals': get('/api/approvals'),
    'POST /api/approvals/{id}/approve': async () => ({
      url: `/api/approvals/${await make.approval()}/approve`,
      body: {},
    }),
    'POST /api/approvals/{id}/reject': async () => ({
      url: `/api/approvals/${await make.approval()}/reject`,
      body: { comment: 'Not this week' },
    }),
    'GET /api/audit': get('/api/audit'),
    'GET /api/audit/export.csv': get('/api/audit/export.csv'),
    'GET /api/workspace/policies': get('/api/workspace/policies'),
    'PUT /api/workspace/policies': async () => ({
      url: '/api/workspace/policies',
      body: { approvals: { journeys: true, broadcastsAbove: null }, auditRetentionDays: 365 },
    }),
    'GET /api/workspace/settings': get('/api/workspace/settings'),
    'PUT /api/workspace/settings': async () => ({ url: '/api/workspace/settings', body: { frequencyCap: null } }),
    'POST /api/workspace/forms-secret': async () => ({ url: '/api/workspace/forms-secret' }),
    'GET /api/workspace/getting-started': get('/api/workspace/getting-started'),
    'POST /api/workspace/transfer': async () => {
      const heir = await make.member('admin');
      return {
        url: '/api/workspace/transfer',
        body: { memberId: heir.id },
        after: async () => {
          await callAs(c.app, heir, 'POST', '/api/workspace/transfer', { memberId: c.ownerMemberId });
        },
      };
    },
    'DELETE /api/workspace': async () => ({
      url: '/api/workspace',
      body: { confirmName: 'Default workspace' },
      notCalled: "the owner's delete would end the matrix's workspace: roles.test.ts deletes a workspace of its own",
    }),
    'GET /api/channel-accounts': get('/api/channel-accounts'),
    'POST /api/channel-accounts': async () => ({
      url: '/api/channel-accounts',
      body: {
        kind: 'wecom',
        name: unique('WeCom'),
        baseUrl: c.sandboxUrl,
        settings: { corpId: 'corp-roles', agentId: 1000002 },
        credentials: { secret: 's' },
      },
    }),
    'PATCH /api/channel-accounts/{id}': async () => ({
      url: `/api/channel-accounts/${accounts.wecom}`,
      body: { name: unique('WeCom renamed') },
    }),
    'POST /api/channel-accounts/test': async () => ({
      url: '/api/channel-accounts/test',
      body: {
        id: accounts.wecom,
        kind: 'wecom',
        baseUrl: c.sandboxUrl,
        settings: { corpId: 'corp-roles', agentId: 1 },
      },
    }),
    'GET /api/channel-accounts/{id}/templates': get(`/api/channel-accounts/${accounts.wechat}/templates`),
    'GET /api/employees': get('/api/employees'),
    'POST /api/employees': async () => ({ url: '/api/employees', body: { wecomUserId: unique('u'), name: 'Wang' } }),
    'POST /api/employees/import': async () => ({
      url: '/api/employees/import',
      body: { employees: [{ wecomUserId: unique('u'), name: 'Li' }] },
    }),
    'POST /api/employees/sync': async () => ({
      url: '/api/employees/sync',
      body: { channelAccountId: accounts.wecom },
    }),
    'GET /api/group-chats': get('/api/group-chats'),
    'POST /api/group-chats': async () => ({ url: '/api/group-chats', body: { chatId: unique('wr'), name: 'Chat' } }),
    'POST /api/group-chats/sync': async () => ({
      url: '/api/group-chats/sync',
      body: { channelAccountId: accounts.wecom },
    }),
    'DELETE /api/group-chats/{id}': async () => {
      const body = { chatId: unique('wr'), name: 'Gone' };
      return { url: `/api/group-chats/${(await callAs(c.app, c.owner, 'POST', '/api/group-chats', body)).json().id}` };
    },
    'GET /api/tags': get('/api/tags'),
    'POST /api/tags': async () => ({ url: '/api/tags', body: { name: unique('Tag') } }),
    'GET /api/contacts': get('/api/contacts'),
    'POST /api/contacts': async () => ({ url: '/api/contacts', body: { externalId: unique('c'), name: 'New' } }),
    'POST /api/contacts/import': async () => ({
      url: '/api/contacts/import',
      body: { contacts: [{ externalId: unique('c'), name: 'Imported' }] },
    }),
    'POST /api/contacts/owners': async () => {
      const body = { wecomUserId: unique('u'), name: 'Owner' };
      const employee = (await callAs(c.app, c.owner, 'POST', '/api/employees', body)).json().id as string;
      return { url: '/api/contacts/owners', body: { contactIds: [shared.contact], employeeIds: [employee] } };
    },
    'POST /api/contacts/sync-wecom': async () => ({
      url: '/api/contacts/sync-wecom',
      body: { channelAccountId: accounts.wecom },
    }),
    'GET /api/contacts/{id}': get(`/api/contacts/${shared.contact}`),
    'PATCH /api/contacts/{id}': async () => ({ url: `/api/contacts/${shared.contact}`, body: { name: 'Renamed' } }),
    'POST /api/contacts/{id}/tags': async () => ({
      url: `/api/contacts/${shared.contact}/tags`,
      body: { tagIds: [shared.tag] },
    }),
    'DELETE /api/contacts/{id}/tags/{tagId}': async () => ({
      url: `/api/contacts/${shared.contact}/tags/${shared.tag}`,
    }),
    'POST /api/contacts/{id}/merge': async () => ({
      url: `/api/contacts/${await make.contact()}/merge`,
      body: { otherId: await make.contact() },
    }),
    'GET /api/contacts/{id}/timeline': get(`/api/contacts/${shared.contact}/timeline`),
    'GET /api/contacts/{id}/template-context': get(`/api/contacts/${shared.contact}/template-context`),
    'GET /api/segments': get('/api/segments'),
    'POST /api/segments': async () => ({
      url: '/api/segments',
      body: { name: unique('S'), definition: segmentRule(shared.tag) },
    }),
    'GET /api/segments/{id}': async () => ({ url: `/api/segments/${await make.segment(shared.tag)}` }),
    'PUT /api/segments/{id}': async () => ({
      url: `/api/segments/${await make.segment(shared.tag)}`,
      body: { name: unique('S'), definition: segmentRule(shared.tag) },
    }),
    'DELETE /api/segments/{id}': async () => ({ url: `/api/segments/${await make.segment(shared.tag)}` }),
    'POST /api/segments/count': async () => ({
      url: '/api/segments/count',
      body: { definition: segmentRule(shared.tag) },
    }),
    'POST /api/test-sends': async () => ({
      url: '/api/test-sends',
      body: { ...send, contactId: await make.reachable() },
    }),
    'GET /api/conversations/{contactId}/scheduled-messages': get(
      `/api/conversations/${shared.contact}/scheduled-messages`,
    ),
    'POST /api/conversations/{contactId}/scheduled-messages': async () => ({
      url: `/api/conversations/${shared.contact}/scheduled-messages`,
      body: { ...send, sendAt: inAnHour() },
    }),
    'POST /api/conversations/{contactId}/scheduled-messages/{id}/cancel': async () => {
      const message = await callAs(c.app, c.owner, 'POST', `/api/conversations/${shared.contact}/scheduled-messages`, {
        ...send,
        sendAt: inAnHour(),
      });
      return { url: `/api/conversations/${shared.contact}/scheduled-messages/${message.json().id}/cancel` };
    },
    'POST /api/events': async () => ({
      url: '/api/events',
      body: { id: unique('e'), type: 'purchase', contact: { externalId: 'buyer' }, properties: {} },
    }),
    'GET /api/materials': get('/api/materials'),
    'POST /api/materials': async () => ({ url: '/api/materials?kind=image', raw: pngUpload() }),
    'GET /api/materials/{id}': get(`/api/materials/${shared.material}`),
    'DELETE /api/materials/{id}': async () => ({ url: `/api/materials/${await make.material()}` }),
    'GET /api/journeys': get('/api/journeys'),
    'POST /api/journeys': async () => ({
      url: '/api/journeys',
      body: { name: unique('J'), graph: publishableJourney(accounts.wechat, accounts.wecom) },
    }),
    'GET /api/journeys/{id}': get(`/api/journeys/${shared.journey}`),
    'PATCH /api/journeys/{id}': async () => ({ url: `/api/journeys/${shared.journey}`, body: { name: unique('J') } }),
    'PUT /api/journeys/{id}/graph': async () => ({
      url: `/api/journeys/${shared.journey}/graph`,
      body: { graph: publishableJourney(accounts.wechat, accounts.wecom) },
    }),
    'POST /api/journeys/{id}/validate': async () => ({ url: `/api/journeys/${shared.journey}/validate` }),
    'POST /api/journeys/{id}/publish': async () => ({ url: `/api/journeys/${await make.journey()}/publish` }),
    'POST /api/journeys/{id}/pause': async () => ({ url: `/api/journeys/${await make.published()}/pause` }),
    'POST /api/journeys/{id}/resume': async () => {
      const id = await make.published();
      await callAs(c.app, c.owner, 'POST', `/api/journeys/${id}/pause`);
      return { url: `/api/journeys/${id}/resume` };
    },
    'POST /api/journeys/{id}/archive': async () => ({ url: `/api/journeys/${await make.journey()}/archive` }),
    'POST /api/journeys/{id}/migrate': async () => ({
      url: `/api/journeys/${shared.published}/migrate`,
      body: { dryRun: true },
    }),
    'GET /api/journeys/{id}/versions': get(`/api/journeys/${shared.published}/versions`),
    'GET /api/journeys/{id}/stats': get(`/api/journeys/${shared.published}/stats`),
    'GET /api/journeys/{id}/report': get(`/api/journeys/${shared.published}/report`),
    'GET /api/journeys/{id}/variants': get(`/api/journeys/${shared.published}/variants`),
    'GET /api/broadcasts': get('/api/broadcasts'),
    'POST /api/broadcasts': async () => ({
      url: '/api/broadcasts',
      body: {
        name: unique('B'),
        ...send,
        audience: { kind: 'contacts', contactIds: [shared.contact] },
        sendType: 'timed',
        sendAt: inAnHour(),
      },
    }),
    'POST /api/broadcasts/preview': async () => ({
      url: '/api/broadcasts/preview',
      body: { channelAccountId: accounts.wecom, method: 'wecom_agent', audience: { kind: 'all' } },
    }),
    'GET /api/broadcasts/{id}': get(`/api/broadcasts/${shared.broadcast}`),
    'PUT /api/broadcasts/{id}': async () => ({
      url: `/api/broadcasts/${await make.broadcast(shared.contact)}`,
      body: { name: unique('Edited') },
    }),
    'POST /api/broadcasts/{id}/pause': async () => ({
      url: `/api/broadcasts/${await make.broadcast(shared.contact)}/pause`,
    }),
    'POST /api/broadcasts/{id}/resume': async () => {
      const id = await make.broadcast(shared.contact);
      await callAs(c.app, c.owner, 'POST', `/api/broadcasts/${id}/pause`);
      return { url: `/api/broadcasts/${id}/resume` };
    },
    'POST /api/broadcasts/{id}/cancel': async () => ({
      url: `/api/broadcasts/${await make.broadcast(shared.contact)}/cancel`,
    }),
    'POST /api/broadcasts/{id}/copy': async () => ({
      url: `/api/broadcasts/${shared.broadcast}/copy`,
      body: { sendType: 'timed', sendAt: inAnHour() },
    }),
    'POST /api/broadcasts/{id}/send': async () => {
      const draft = (await callAs(c.app, c.owner, 'POST', `/api/broadcasts/${shared.broadcast}/copy`, {})).json();
      return { url: `/api/broadcasts/${draft.id}/send`, body: { sendType: 'timed', sendAt: inAnHour() } };
    },
    'GET /api/broadcasts/{id}/recipients': get(`/api/broadcasts/${shared.broadcast}/recipients`),
    'GET /api/broadcasts/{id}/employees': get(`/api/broadcasts/${shared.broadcast}/employees`),
    'GET /api/broadcasts/{id}/variants': get(`/api/broadcasts/${shared.broadcast}/variants`),
    'GET /api/broadcasts/{id}/export.csv': get(`/api/broadcasts/${shared.broadcast}/export.csv`),
    'GET /api/broadcasts/{id}/export.xlsx': get(`/api/broadcasts/${shared.broadcast}/export.xlsx`),
    'POST /api/broadcasts/{id}/export/email': async () => ({
      url: `/api/broadcasts/${shared.broadcast}/export/email`,
      body: { format: 'csv', to: ['boss@acme.test'], subject: 'Results' },
    }),
  };
}
