import type { ErrorEntry } from './error-entry';

/** Errors of who may do what: roles, members, invitations, keys, approvals, workspaces. */
export const accessErrors = {
  HERALD_ERR_FORBIDDEN: {
    status: 403,
    kind: 'user',
    message: 'Not allowed: {reason}.',
    words: 'Your role in this workspace does not allow this: ask one of its admins.',
  },
  HERALD_ERR_ROLE_TOO_HIGH: {
    status: 403,
    kind: 'user',
    message: 'You cannot give the {role} role: it is above your own ({own}).',
    words: 'You cannot give a role above your own.',
  },
  HERALD_ERR_LAST_OWNER: {
    status: 409,
    kind: 'user',
    message: 'A workspace keeps at least one owner: make another member an owner first.',
    words: 'A workspace keeps at least one owner: make another member an owner first.',
  },
  HERALD_ERR_ALREADY_MEMBER: {
    status: 409,
    kind: 'user',
    message: '{email} is already a member of this workspace.',
    words: 'That person is already a member of this workspace.',
  },
  HERALD_ERR_INVITATION_INVALID: {
    status: 410,
    kind: 'user',
    message: 'This invitation link is not valid any more: it expired, was used, or was withdrawn.',
    words: 'This invitation link has expired or was already used: ask for a new one.',
  },
  HERALD_ERR_INVITATION_NOT_SENT: {
    status: 502,
    kind: 'operational',
    message: 'The invitation could not be emailed, so none was made: {reason}',
    words: 'The invitation email could not be sent: try again shortly.',
  },
  HERALD_ERR_NO_WORKSPACE: {
    status: 403,
    kind: 'user',
    message: 'This sign-in is not a member of any workspace.',
    words: 'You are not a member of any workspace any more: ask an admin to invite you.',
  },
  HERALD_ERR_CONFIRMATION_MISMATCH: {
    status: 422,
    kind: 'user',
    message: 'Type the workspace\'s name exactly ("{name}") to confirm.',
    words: "Type the workspace's name exactly to confirm.",
  },
  HERALD_ERR_WORKSPACE_BUSY: {
    status: 409,
    kind: 'user',
    message:
      'This workspace still has {count} run(s) pending, running or paused: cancel its broadcasts and archive its ' +
      'journeys first.',
    words: 'Something in this workspace is still running: cancel its broadcasts and archive its journeys first.',
  },
  HERALD_ERR_APPROVAL_DECIDED: {
    status: 409,
    kind: 'user',
    message: 'This request was already {status}.',
    words: 'Someone has already decided on this request.',
  },
  HERALD_ERR_APPROVAL_OUTDATED: {
    status: 409,
    kind: 'user',
    message: 'The journey was changed after approval was asked for: reject this request; publishing again asks anew.',
    words: 'It was changed after approval was asked for: reject this request, and ask again.',
  },
  HERALD_ERR_COMMENT_REQUIRED: {
    status: 422,
    kind: 'user',
    message: 'Say why in a comment when rejecting a request.',
    words: 'Say why in a comment when rejecting a request.',
  },
} as const satisfies Record<string, ErrorEntry>;
