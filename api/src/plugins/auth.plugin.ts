import type {} from '@fastify/cookie';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import {
  activeApiKey,
  apiKeyRevocationMark,
  hashToken,
  safeEqual,
  sessionMember,
  touchApiKey,
  type HeraldDb,
} from '@herald/db';
import { HeraldError } from '../errors/herald-error';
import type { Role } from '../contracts/permissions.contract';

/** Who is calling: a machine with a workspace key, or a signed-in member; with their role there. */
export interface Caller {
  workspaceId: string;
  memberId: string | null;
  /** The API key's id (null for a member). */
  keyId: string | null;
  /** The person signed in (null for a key). */
  userId: string | null;
  role: Role;
  /** Whether this is the instance administrator (a person, never a key). */
  instanceAdmin: boolean;
  /** The member's or the key's name, for the audit trail and approval requests. */
  name: string;
  via: 'api_key' | 'session';
}

declare module 'fastify' {
  interface FastifyRequest {
    caller: Caller | null;
  }
}

export const sessionCookie = 'herald_session';

/** How long a verified key is trusted without asking the database again. */
const keyTrustMs = 10_000;
/** How often, at most, a replica asks the database whether any key was revoked (which empties its cache). */
const revocationCheckMs = 500;

/**
 * Verified API keys, each trusted for 10 s — but never past a revocation: every 500 ms at most (on
 * a request, so an idle replica asks nothing) the replica reads the keys' revocation mark from
 * PostgreSQL, which every replica shares, and drops its whole cache when the mark moved. A revoked
 * key is refused on every replica within half a second plus one request; an expired one at once.
 */
export class ApiKeyCache {
  private readonly entries = new Map<string, { caller: Caller; until: number }>();
  private mark: string | undefined;
  private checkedAt = -Infinity;
  private checking: Promise<void> | undefined;

  constructor(
    private readonly db: HeraldDb,
    private readonly now: () => Date,
  ) {}

  /** The caller a bearer key stands for, or null when it is not a live key. */
  async verify(key: string): Promise<Caller | null> {
    await this.noticeRevocations();
    const at = this.now().getTime();
    const cached = this.entries.get(key);
    if (cached && cached.until > at) return cached.caller;
    const prefix = /^hk_([0-9a-f]{12})_/.exec(key)?.[1];
    if (!prefix) return null;
    const row = await activeApiKey(this.db, { prefix });
    if (!row || !safeEqual(row.keyHash, hashToken(key))) return null;
    if (row.expiresAt && row.expiresAt.getTime() <= at) return null;
    await touchApiKey(this.db, { id: row.id, now: this.now() });
    const caller: Caller = {
      workspaceId: row.workspaceId,
      memberId: null,
      keyId: row.id,
      userId: null,
      role: row.role,
      instanceAdmin: false,
      name: `API key "${row.name}"`,
      via: 'api_key',
    };
    if (this.entries.size > 10_000) this.entries.clear();
    this.entries.set(key, { caller, until: Math.min(at + keyTrustMs, row.expiresAt?.getTime() ?? Infinity) });
    return caller;
  }

  /** Forgets every key at once (this replica revoked one: no need to wait for the mark). */
  clear(): void {
    this.entries.clear();
  }

  private async noticeRevocations(): Promise<void> {
    if (this.now().getTime() - this.checkedAt < revocationCheckMs) return;
    // Requests arriving together share one question.
    this.checking ??= (async () => {
      try {
        const mark = await apiKeyRevocationMark(this.db);
        if (mark !== this.mark) this.entries.clear();
        this.mark = mark;
        this.checkedAt = this.now().getTime();
      } finally {
        this.checking = undefined;
      }
    })();
    await this.checking;
  }
}

declare module 'fastify' {
  interface FastifyInstance {
    /** This replica's verified API keys (routes that revoke a key clear it). */
    apiKeyCache: ApiKeyCache;
  }
}

/** The caller a session stands for: the member signed in. */
export function sessionCaller(member: {
  workspaceId: string;
  memberId: string;
  userId: string;
  role: Role;
  instanceAdmin: boolean;
  name: string;
}): Caller {
  const { workspaceId, memberId, userId, role, instanceAdmin, name } = member;
  return { workspaceId, memberId, keyId: null, userId, role, instanceAdmin, name, via: 'session' };
}

async function fromSession(db: HeraldDb, token: string, now: Date): Promise<Caller | null> {
  const member = await sessionMember(db, { tokenHash: hashToken(token), now });
  return member ? sessionCaller(member) : null;
}

/** Resolves the caller of every /api request (key or session cookie); the permissions plugin checks what it may do. */
export const authPlugin = fp(
  async (app: FastifyInstance, { db, now = () => new Date() }: { db: HeraldDb; now?: () => Date }) => {
    const keys = new ApiKeyCache(db, now);
    app.decorate('apiKeyCache', keys);
    app.decorateRequest('caller', null);
    app.addHook('onRequest', async (request) => {
      if (!request.url.startsWith('/api/')) return;
      const header = request.headers.authorization;
      if (header?.startsWith('Bearer ')) {
        request.caller = await keys.verify(header.slice('Bearer '.length).trim());
        if (!request.caller)
          throw HeraldError.of('HERALD_ERR_UNAUTHORIZED', {
            problem: 'The API key is not valid (or was revoked, or has expired)',
          });
        return;
      }
      const token = request.cookies?.[sessionCookie];
      if (token) request.caller = await fromSession(db, token, now());
    });
  },
  { name: 'herald-auth', dependencies: ['@fastify/cookie'] },
);

/** The caller, or a 401 that says how to authenticate. */
export function requireCaller(request: FastifyRequest): Caller {
  if (!request.caller) throw HeraldError.of('HERALD_ERR_UNAUTHORIZED', { problem: 'Not signed in' });
  return request.caller;
}
