import { z } from 'zod';
import { keyRoles, memberRoles } from '@herald/db/enums';
import { create, get, patch, post, remove } from './route.contract';
import { idParams, itemsOf } from './common.contract';

const email = z.string().trim().toLowerCase().max(200).pipe(z.email());
const personName = z.string().trim().min(1).max(120);
/** At least 12 characters: long enough that a guess at 30 sign-ins a minute gets nowhere. */
export const newPassword = z.string().min(12).max(200);

/** Someone's place in the workspace, as a member or an invitation holds it: an email with a role. */
const seat = { email: z.string(), role: z.enum(memberRoles) };

export const memberItem = z.object({
  id: z.string(),
  name: z.string(),
  ...seat,
  /** Whether this is the member calling. */
  you: z.boolean(),
  joinedAt: z.string(),
});
export type MemberItem = z.infer<typeof memberItem>;

export const invitationItem = z.object({
  id: z.string(),
  ...seat,
  invitedBy: z.string().nullable(),
  expiresAt: z.string(),
  createdAt: z.string(),
});
export type InvitationItem = z.infer<typeof invitationItem>;

export const apiKeyItem = z.object({
  id: z.string(),
  name: z.string(),
  /** The key's visible start (`hk_<prefix>_…`); the rest is never shown again. */
  preview: z.string(),
  role: z.enum(keyRoles),
  expiresAt: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
});
export type ApiKeyItem = z.infer<typeof apiKeyItem>;

/** What an invitation link shows before it is accepted. */
export const invitationPreview = z.object({
  workspaceName: z.string(),
  ...seat,
  /** The email already signs in to this Herald: accepting asks for that password instead of a new one. */
  existingUser: z.boolean(),
});

export const teamRoutes = {
  members: get('/api/members', itemsOf(memberItem)),
  setRole: patch('/api/members/:id', memberItem, {
    description: "Changes a member's role. Nobody gives or changes a role above their own; the last owner stays one.",
    params: idParams,
    body: z.object({ role: z.enum(memberRoles) }).strict(),
  }),
  removeMember: remove('/api/members/:id', z.null(), {
    description:
      'Removes a member: their sessions end at once; what they made keeps their name. The last owner cannot be ' +
      'removed.',
    params: idParams,
  }),
  invitations: get('/api/invitations', itemsOf(invitationItem)),
  invite: create(
    '/api/invitations',
    invitationItem.extend({
      /** Whether the link went out by email. */
      emailed: z.boolean(),
      /** The link, shown this once, only when no SMTP server is configured to email it. */
      link: z.string().nullable(),
    }),
    {
      description:
        'Invites an email with a role: the link (single use, 72 hours) goes by email; without an SMTP server it ' +
        'is answered here, once.',
      body: z.object({ email, role: z.enum(memberRoles) }).strict(),
    },
  ),
  withdrawInvitation: remove('/api/invitations/:id', z.null(), { params: idParams }),
  previewInvitation: post('/api/invitations/preview', invitationPreview, {
    description: 'What an invitation link is for (its workspace, email and role), before it is accepted.',
    body: z.object({ token: z.string().max(200) }).strict(),
  }),
  acceptInvitation: post('/api/invitations/accept', z.object({ workspaceId: z.string(), workspaceName: z.string() }), {
    description:
      'Accepts an invitation: a new sign-in sets its name and password (12 characters or more), an existing ' +
      'one gives its password; then it is signed in to the workspace.',
    body: z
      .object({
        token: z.string().max(200),
        /** Your name (a new sign-in only). */
        name: personName.optional(),
        /** A new password, or the password this email already signs in with. */
        password: z.string().min(1).max(200),
      })
      .strict(),
  }),
  apiKeys: get('/api/api-keys', itemsOf(apiKeyItem)),
  createKey: create(
    '/api/api-keys',
    apiKeyItem.extend({
      /** The whole key, shown this once: only its hash is kept. */
      secret: z.string(),
    }),
    {
      description:
        'Creates a key with a role (admin, marketer or viewer; never above your own) and an optional expiry. The ' +
        'answer carries the whole key, shown this once.',
      body: z
        .object({
          name: z.string().trim().min(1).max(120),
          role: z.enum(keyRoles),
          /** When it stops working (absent: never). */
          expiresAt: z.iso.datetime({ offset: true }).optional(),
        })
        .strict(),
    },
  ),
  renameKey: patch('/api/api-keys/:id', apiKeyItem, {
    params: idParams,
    body: z.object({ name: z.string().trim().min(1).max(120) }).strict(),
  }),
  revokeKey: post('/api/api-keys/:id/revoke', apiKeyItem, {
    description:
      'Revokes a key: this replica refuses it at once, every other replica within about a second (they watch ' +
      'revocations in PostgreSQL).',
    params: idParams,
  }),
};
