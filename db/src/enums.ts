// The closed value sets of Herald's tables, without drizzle: the schema's CHECKs use them, and the
// API's browser-safe contracts (which the editor bundles) import them from `@herald/db/enums`.

export const identityKinds = ['wechat_openid', 'wecom_external_userid', 'phone', 'email', 'chat_number'] as const;
/** `thumb` is WeChat's video/news cover (jpg, at most 64 KB), a kind of its own on the platform. */
export const materialKinds = ['image', 'voice', 'video', 'thumb', 'file'] as const;
export const journeyStatuses = ['draft', 'active', 'paused', 'archived'] as const;
export const journeyKinds = ['journey', 'broadcast'] as const;
export const broadcastStatuses = ['pending', 'in_progress', 'paused', 'canceled', 'completed', 'failed'] as const;
export const broadcastTypes = ['contacts', 'group_chats'] as const;
export const sendTypes = ['immediate', 'timed'] as const;
export const deliveryStatuses = [
  'pending',
  'sending',
  'sent',
  'delivered',
  'read',
  'replied',
  'failed',
  'skipped',
] as const;
export const exportFormats = ['csv', 'xlsx'] as const;
