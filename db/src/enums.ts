// The closed value sets of Herald's tables, without drizzle: the schema's CHECKs use them, and the
// API's browser-safe contracts (which the editor bundles) import them from `@herald/db/enums`.

export const identityKinds = ['wechat_openid', 'wecom_external_userid', 'phone', 'email', 'chat_number'] as const;
/** `thumb` is WeChat's video/news cover (jpg, at most 64 KB), a kind of its own on the platform. */
export const materialKinds = ['image', 'voice', 'video', 'thumb', 'file'] as const;
export const journeyStatuses = ['draft', 'active', 'paused', 'archived'] as const;
export const journeyKinds = ['journey', 'broadcast'] as const;
/**
 * `awaiting_approval`: held for an admin (the workspace's approval rule); `rejected`: an admin said no.
 * Neither has a run.
 */
export const broadcastStatuses = [
  'draft',
  'pending',
  'in_progress',
  'paused',
  'canceled',
  'completed',
  'failed',
  'awaiting_approval',
  'rejected',
] as const;
export const broadcastTypes = ['contacts', 'group_chats'] as const;
/** `local_time`: each contact at a time of day in their own zone (the workspace's for contacts without one). */
export const sendTypes = ['immediate', 'timed', 'local_time'] as const;
export const deliveryStatuses = [
  'pending',
  'sending',
  'sent',
  'delivered',
  'read',
  'replied',
  'failed',
  'skipped',
  /** Handed to the employee who owns the contact (WeCom), who has not sent it yet. */
  'pending_employee',
  /** The employee declined to send it. */
  'declined',
  /** The employee did not send it in time (the account's confirmation time). */
  'expired',
] as const;
/** What an employee asked to send (a WeCom group task or an agent message) did. */
export const taskStatuses = ['pending', 'sent', 'declined', 'expired', 'failed'] as const;
/** The languages the editor speaks; a member's choice is one of them, or none (the browser's). */
export const memberLocales = ['en', 'zh-CN'] as const;
export const exportFormats = ['csv', 'xlsx'] as const;

/** A member's role, lowest last: owner > admin > marketer > viewer (see the API's permissions contract). */
export const memberRoles = ['owner', 'admin', 'marketer', 'viewer'] as const;
/** What an API key may be: never an owner (transferring or deleting a workspace is a person's act). */
export const keyRoles = ['admin', 'marketer', 'viewer'] as const;
/** What an approval request asks for: publishing a journey, or sending a broadcast. */
export const approvalKinds = ['journey', 'broadcast'] as const;
export const approvalStatuses = ['pending', 'approved', 'rejected'] as const;
/** Who did something the audit trail records: a signed-in member, or an API key. */
export const actorKinds = ['member', 'api_key'] as const;
