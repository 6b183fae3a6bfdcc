import type {} from '@fastify/cookie';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { activeApiKey, hashToken, safeEqual, sessionMember, type HeraldDb } from '@herald/db';
import { HeraldError } from '../errors/herald-error';

/** Who is calling: a machine with a workspace key, or a signed-in member. */
export interface Caller {
  workspaceId: string;
  memberId: string | null;
  via: 'api_key' | 'session';
}

declare module 'fastify' {
  interface FastifyRequest {
    caller: Caller | null;
  }
}

export const sessionCookie = 'herald_session';

/** Verified keys, for 10 s: a revoked key stops working within that time. */
const keyCache = new Map<string, { caller: Caller; until: number }>();

async function fromApiKey(db: HeraldDb, header: string): Promise<Caller | null> {
  const key = header.slice('Bearer '.length).trim();
  const cached = keyCache.get(key);
  if (cached && cached.until > Date.now()) return cached.caller;
  const prefix = /^hk_([0-9a-f]{12})_/.exec(key)?.[1];
  if (!prefix) return null;
  const row = await activeApiKey(db, { prefix });
  if (!row || !safeEqual(row.keyHash, hashToken(key))) return null;
  const caller: Caller = { workspaceId: row.workspaceId, memberId: null, via: 'api_key' };
  if (keyCache.size > 10_000) keyCache.clear();
  keyCache.set(key, { caller, until: Date.now() + 10_000 });
  return caller;
}

async function fromSession(db: HeraldDb, token: string): Promise<Caller | null> {
  const member = await sessionMember(db, { tokenHash: hashToken(token), now: new Date() });
  return member ? { ...member, via: 'session' } : null;
}

/** Resolves the caller of every /api request (key or session cookie); routes call requireCaller. */
export const authPlugin = fp(
  async (app: FastifyInstance, { db }: { db: HeraldDb }) => {
    app.decorateRequest('caller', null);
    app.addHook('onRequest', async (request) => {
      if (!request.url.startsWith('/api/')) return;
      const header = request.headers.authorization;
      if (header?.startsWith('Bearer ')) {
        request.caller = await fromApiKey(db, header);
        if (!request.caller)
          throw HeraldError.of('HERALD_ERR_UNAUTHORIZED', { problem: 'The API key is not valid (or was revoked)' });
        return;
      }
      const token = request.cookies?.[sessionCookie];
      if (token) request.caller = await fromSession(db, token);
    });
  },
  { name: 'herald-auth', dependencies: ['@fastify/cookie'] },
);

/** The caller, or a 401 that says how to authenticate. */
export function requireCaller(request: FastifyRequest): Caller {
  if (!request.caller) throw HeraldError.of('HERALD_ERR_UNAUTHORIZED', { problem: 'Not signed in' });
  return request.caller;
}
