import { z } from 'zod';
import { memberLocales, memberRoles } from '@herald/db/enums';
import { route } from './route.contract';
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
  login: route({
    method: 'POST',
    path: '/api/auth/login',
    body: z.object({ email: z.string().trim().toLowerCase().max(200), password: z.string().max(200) }),
    status: 200,
    response: me,
  }),
  logout: route({ method: 'POST', path: '/api/auth/logout', status: 204, response: noContent }),
  me: route({ method: 'GET', path: '/api/auth/me', status: 200, response: me }),
  /** The signed-in member's own preferences: today, the editor's language. */
  updateMe: route({
    method: 'PATCH',
    path: '/api/auth/me',
    body: z.object({ locale: memberLocale }),
    status: 200,
    response: me,
  }),
};
