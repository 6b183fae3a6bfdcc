/** Kinds of channel account Herald connects to. */
export const channelKinds = [
  'wechat_service',
  'wechat_subscription',
  'wecom',
  'chat_platform',
  'email',
  'webhook',
] as const;
export type ChannelKind = (typeof channelKinds)[number];

/** What each kind of account is called on screen. */
export const channelKindLabels: Readonly<Record<ChannelKind, string>> = {
  wechat_service: 'WeChat service account',
  wechat_subscription: 'WeChat subscription account',
  wecom: 'WeCom',
  chat_platform: 'chat platform',
  email: 'email',
  webhook: 'webhook',
};

/** Every send method a channel offers (one capability entry each in the registry). */
export const methodIds = [
  'wecom_group_msg',
  'wecom_agent',
  'wechat_mass',
  'wechat_mass_subscription',
  'wechat_customer_service',
  'wechat_template',
  'chat_broadcast',
  'email',
  'webhook_post',
] as const;
export type MethodId = (typeof methodIds)[number];

/** Skip reasons recorded on a delivery that a rule stopped (never dropped silently). */
export const skipReasons = [
  'quota_day',
  'quota_week',
  'quota_month',
  'window_closed',
  'quiet_hours',
  'no_identity',
  /** A WeCom message to a contact no employee owns: WeCom sends only through an owning employee. */
  'no_owner',
  'unsubscribed',
  /** The marketer's own per-contact frequency cap (workspace or journey), never a platform's rate. */
  'frequency_cap',
  /**
   * WeChat allows 3 customer-service messages within a minute of a fan's follow, scan or menu click (when
   * that event alone opens the window): the rest are skipped.
   */
  'event_window_exceeded',
  'rule_forbidden',
  'duplicate',
  /** The text as personalised for the contact is longer than the channel takes (never cut). */
  'too_long',
] as const;
export type SkipReason = (typeof skipReasons)[number];
