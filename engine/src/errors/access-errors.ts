import { operationalError, userError, type ErrorEntry } from './error-entry';

/** Errors of who may do what: roles, members, invitations, keys, approvals, workspaces. */
export const accessErrors = {
  HERALD_ERR_FORBIDDEN: userError(
    403,
    'Not allowed: {reason}.',
    'Your role in this workspace does not allow this: ask one of its admins.',
  ),
  HERALD_ERR_ROLE_TOO_HIGH: userError(
    403,
    'You cannot give the {role} role: it is above your own ({own}).',
    'You cannot give a role above your own.',
  ),
  HERALD_ERR_LAST_OWNER: userError(
    409,
    'A workspace keeps at least one owner: make another member an owner first.',
    'A workspace keeps at least one owner: make another member an owner first.',
  ),
  HERALD_ERR_ALREADY_MEMBER: userError(
    409,
    '{email} is already a member of this workspace.',
    'That person is already a member of this workspace.',
  ),
  HERALD_ERR_INVITATION_INVALID: userError(
    410,
    'This invitation link is not valid any more: it expired, was used, or was withdrawn.',
    'This invitation link has expired or was already used: ask for a new one.',
  ),
  HERALD_ERR_INVITATION_NOT_SENT: operationalError(
    502,
    'The invitation could not be emailed, so none was made: {reason}',
    'The invitation email could not be sent: try again shortly.',
  ),
  HERALD_ERR_NO_WORKSPACE: userError(
    403,
    'This sign-in is not a member of any workspace.',
    'You are not a member of any workspace any more: ask an admin to invite you.',
  ),
  HERALD_ERR_CONFIRMATION_MISMATCH: userError(
    422,
    'Type the workspace\'s name exactly ("{name}") to confirm.',
    "Type the workspace's name exactly to confirm.",
  ),
  HERALD_ERR_WORKSPACE_BUSY: userError(
    409,
    'This workspace still has {count} run(s) pending, running or paused: cancel its broadcasts and archive its ' +
      'journeys first.',
    'Something in this workspace is still running: cancel its broadcasts and archive its journeys first.',
  ),
  HERALD_ERR_APPROVAL_DECIDED: userError(
    409,
    'This request was already {status}.',
    'Someone has already decided on this request.',
  ),
  HERALD_ERR_APPROVAL_OUTDATED: userError(
    409,
    'The journey was changed after approval was asked for: reject this request; publishing again asks anew.',
    'It was changed after approval was asked for: reject this request, and ask again.',
  ),
  HERALD_ERR_COMMENT_REQUIRED: userError(
    422,
    'Say why in a comment when rejecting a request.',
    'Say why in a comment when rejecting a request.',
  ),
} as const satisfies Record<string, ErrorEntry>;
