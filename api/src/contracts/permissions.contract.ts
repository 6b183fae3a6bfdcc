import { memberRoles } from '@herald/db/enums';

/** A member's role (an API key has one too, never owner). */
export type Role = (typeof memberRoles)[number];

/**
 * What a route needs, declared on every route (`config: { permission }`) and checked by one hook
 * (api/src/plugins/permissions.plugin.ts). The matrix:
 * - `public`: no sign-in (webhooks, sign-in, accepting an invitation, health);
 * - `signed-in`: any member or key of the workspace (who am I, switching workspace);
 * - `read`: viewer and up: reads everything but credentials;
 * - `write`: marketer and up: drafts and publishes journeys and broadcasts, contacts, tags, materials, events;
 * - `manage`: admin and up: channel accounts, employees and group chats, settings, API keys, members,
 *   approvals, the audit trail;
 * - `own`: owner: transfers and deletes the workspace;
 * - `instance`: the instance administrator (a person, never a key): creates workspaces.
 */
export const permissions = ['public', 'signed-in', 'read', 'write', 'manage', 'own', 'instance'] as const;
export type Permission = (typeof permissions)[number];

/** The lowest role a workspace permission takes. */
export const permissionRole = {
  read: 'viewer',
  write: 'marketer',
  manage: 'admin',
  own: 'owner',
} as const satisfies Partial<Record<Permission, Role>>;

/** Roles from the most to the least powerful. */
export const rolesByRank: readonly Role[] = memberRoles;

/** Whether `role` is at least `needed`. */
export const roleAtLeast = (role: Role, needed: Role): boolean =>
  rolesByRank.indexOf(role) <= rolesByRank.indexOf(needed);

/** Whether a caller with this role (and instance administration) holds a permission. */
export function allows(permission: Permission, caller: { role: Role; instanceAdmin: boolean } | null): boolean {
  if (permission === 'public') return true;
  if (!caller) return false;
  if (permission === 'signed-in') return true;
  if (permission === 'instance') return caller.instanceAdmin;
  return roleAtLeast(caller.role, permissionRole[permission]);
}

/** What each role may do, in a marketer's words (the members page and the invitation form). */
export const roleWords: Record<Role, string> = {
  owner: 'Everything an admin can, and transfers or deletes the workspace.',
  admin: 'Channel accounts, employees, settings, API keys, members and approvals, and everything a marketer can.',
  marketer: 'Drafts and publishes journeys and broadcasts, manages contacts and tags.',
  viewer: 'Reads everything except credentials.',
};
