import { z } from 'zod';
import { memberLocales, memberRoles } from '@herald/db/enums';
import { route, get, patch, post } from './route.contract';
import { noContent } from './common.contract';

/** The editor's language a member chose; null follows the browser's. */
export const memberLocale = z.enum(memberLocales).nullable();

/** Who is calling: the workspace, and the member when signed in (null for an API key). */
export const me = z.object({
  workspaceId: z.string(),
  workspaceName: z.string(),
  member: z.object({ id: z.string(), name: z.string(), email: z.string(), locale: memberLocale }).nullable(),
  /** The caller's role in this workspace (a key's own role). */
  role: z.enum(memberRoles),
  /** Whether the caller administers this Herald (creates workspaces). */
  instanceAdmin: z.boolean(),
});

export const authRoutes = {
  login: post('/api/auth/login', me, {
    body: z.object({ email: z.string().trim().toLowerCase().max(200), password: z.string().max(200) }),
  }),
  logout: route({ method: 'POST', path: '/api/auth/logout', status: 204, response: noContent }),
  me: get('/api/auth/me', me),
  /** The signed-in member's own preferences: today, the editor's language. */
  updateMe: patch('/api/auth/me', me, { body: z.object({ locale: memberLocale }) }),
};
