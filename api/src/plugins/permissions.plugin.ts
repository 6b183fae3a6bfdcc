import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { HeraldError } from '../errors/herald-error';
import { allows, permissionRole, permissions, type Permission } from '../contracts/permissions.contract';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** What the route needs (permissions.contract.ts); every /api, /webhooks and /health route declares one. */
    permission?: Permission;
    /**
     * Whether a successful call is written to the audit trail (default: every non-GET route that is not
     * public or a read).
     */
    audit?: boolean;
  }
}

/** The routes that must declare a permission: everything but the editor's files and the API's own docs. */
const guarded = (url: string): boolean => /^\/(api|webhooks|health|metrics)(\/|$)/.test(url);

const article = (role: string) => (role === 'admin' || role === 'owner' ? 'an' : 'a');

/**
 * The one place roles are enforced. A route declares `config: { permission }`; registering a
 * guarded route without one fails at start (and the OpenAPI document carries each route's as
 * `x-herald-permission`, which a test reads for every route). Each request is checked after the
 * caller is known and the rate limiter has counted it, before its body is read: no caller → 401,
 * a caller without the permission → 403 HERALD_ERR_FORBIDDEN.
 */
export const permissionsPlugin = fp(
  async (app: FastifyInstance) => {
    app.addHook('onRoute', (route) => {
      const permission = route.config?.permission;
      if (permission !== undefined && !permissions.includes(permission))
        throw new Error(`${route.method} ${route.url} declares an unknown permission "${permission}"`);
      if (permission === undefined && guarded(route.url))
        throw new Error(`${route.method} ${route.url} declares no permission: add config: { permission } to the route`);
    });
    app.addHook('preParsing', async (request) => {
      const permission = request.routeOptions.config.permission;
      if (!permission || permission === 'public') return;
      const caller = request.caller;
      if (!caller) throw HeraldError.of('HERALD_ERR_UNAUTHORIZED', { problem: 'Not signed in' });
      if (allows(permission, caller) || permission === 'signed-in') return;
      if (permission === 'instance')
        throw HeraldError.of('HERALD_ERR_FORBIDDEN', {
          reason: 'only the administrator of this Herald (the first sign-in it printed) can do this',
        });
      const needed = permissionRole[permission];
      throw HeraldError.of('HERALD_ERR_FORBIDDEN', {
        reason: `${article(caller.role)} ${caller.role} cannot do this; it needs ${article(needed)} ${needed}${
          needed === 'owner' ? '' : ' or above'
        }`,
      });
    });
  },
  { name: 'herald-permissions', dependencies: ['herald-auth', 'herald-rate-limit'] },
);
