// Members, invitations and keys made the way a user makes them: through the public API.
import type { FastifyInstance, InjectOptions } from 'fastify';
import { followJourney, patchNode } from '@herald/engine/testing';
import type { JourneyGraph } from '@herald/engine';

/** follow (a WeChat official account) → wait a day → WeCom agent message: a journey that publishes. */
export const publishableJourney = (wechatAccountId: string, wecomAccountId: string): JourneyGraph =>
  patchNode(followJourney({ channelAccountId: wecomAccountId }), 'trigger', { channelAccountId: wechatAccountId });

/** Who a request is made as: a session cookie or an API key. */
export type As = { cookie: string } | { key: string };

/** The headers and cookies of a request made as someone. */
export const asOf = (as: As): Pick<InjectOptions, 'headers' | 'cookies'> =>
  'key' in as ? { headers: { authorization: `Bearer ${as.key}` } } : { cookies: { herald_session: as.cookie } };

/** Calls the API as someone; throws with the answer when it is not the status expected. */
export async function callAs(
  app: FastifyInstance,
  as: As | null,
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  url: string,
  body?: unknown,
  expected = [200, 201, 202, 204],
) {
  const res = await app.inject({
    method,
    url,
    ...(as ? asOf(as) : {}),
    ...(body === undefined ? {} : { payload: body as object }),
  });
  if (!expected.includes(res.statusCode))
    throw new Error(`${method} ${url} → ${res.statusCode} ${res.body.slice(0, 300)}`);
  return res;
}

/** Signs in with email and password; the session cookie. */
export async function signIn(app: FastifyInstance, email: string, password: string): Promise<{ cookie: string }> {
  const res = await callAs(app, null, 'POST', '/api/auth/login', { email, password });
  return { cookie: res.cookies.find((c) => c.name === 'herald_session')!.value };
}

/** Accepts an invitation link's token with a name and password; the new member's session. */
export async function accept(
  app: FastifyInstance,
  token: string,
  password: string,
  name = 'New member',
): Promise<{ cookie: string }> {
  const res = await callAs(app, null, 'POST', '/api/invitations/accept', { token, name, password });
  return { cookie: res.cookies.find((c) => c.name === 'herald_session')!.value };
}

/** The token of an invitation link (`…/#/invitation/<token>`). */
export const tokenOf = (link: string): string => /#\/invitation\/([^\s]+)/.exec(link)![1]!;

/** Where invitation emails are read (the sandbox's SMTP): the newest link sent to an address. */
export type Inbox = (email: string) => string | undefined;

/** The inbox of a channel sandbox: what its SMTP server received for an address, newest last. */
export const sandboxInbox =
  (sandbox: { store: { query(f: { channel: 'email'; recipient: string }): Array<{ content: string }> } }): Inbox =>
  (email) =>
    sandbox.store
      .query({ channel: 'email', recipient: email })
      .map((m) => /https?:\/\/\S+#\/invitation\/\S+/.exec(m.content)?.[0])
      .filter((link): link is string => link !== undefined)
      .at(-1);

/** The link of an invitation: in the answer without SMTP, else the newest one in the inbox. */
function linkOf(answer: { link: string | null }, email: string, inbox?: Inbox): string {
  const link = answer.link ?? inbox?.(email);
  if (!link) throw new Error(`no invitation link for ${email}: neither answered nor in the inbox`);
  return link;
}

/**
 * Invites an email with a role (no SMTP: the link comes back in the answer), accepts it, and
 * answers the new member's session.
 */
export async function inviteMember(
  app: FastifyInstance,
  as: As,
  email: string,
  role: 'owner' | 'admin' | 'marketer' | 'viewer',
  password = 'a long enough password',
  inbox?: Inbox,
): Promise<{ cookie: string; memberId: string }> {
  const invited = (await callAs(app, as, 'POST', '/api/invitations', { email, role })).json() as {
    link: string | null;
  };
  const session = await accept(app, tokenOf(linkOf(invited, email, inbox)), password, `${role} ${email.split('@')[0]}`);
  const me = (await callAs(app, session, 'GET', '/api/auth/me')).json() as { member: { id: string } };
  return { ...session, memberId: me.member.id };
}

/** Creates an API key with a role; its secret. */
export async function createKey(
  app: FastifyInstance,
  as: As,
  role: 'admin' | 'marketer' | 'viewer',
  name = `${role} key`,
): Promise<{ key: string; id: string }> {
  const created = (await callAs(app, as, 'POST', '/api/api-keys', { name, role })).json() as {
    secret: string;
    id: string;
  };
  return { key: created.secret, id: created.id };
}

/**
 * A second workspace made by the instance administrator (`admin`'s session), its owner invited and
 * signed in; answers its id, its owner's session and an admin key of it.
 */
export async function secondWorkspace(
  app: FastifyInstance,
  admin: As,
  name: string,
  ownerEmail: string,
  inbox?: Inbox,
): Promise<{ workspaceId: string; owner: { cookie: string }; key: string }> {
  const created = (await callAs(app, admin, 'POST', '/api/instance/workspaces', { name, ownerEmail })).json() as {
    id: string;
    link: string | null;
  };
  const owner = await accept(
    app,
    tokenOf(linkOf(created, ownerEmail, inbox)),
    'the owner password',
    `Owner of ${name}`,
  );
  const { key } = await createKey(app, owner, 'admin', `${name} key`);
  return { workspaceId: created.id, owner, key };
}
