// The time zone each platform counts its days and months in: a quota "a day" or "a month" is a
// calendar window in that zone, not in UTC.
//
// Source: WeChat Official Accounts and WeCom are operated from mainland China and reset their
// daily and monthly limits at midnight Beijing time (China Standard Time, UTC+8, no daylight
// saving): WeChat's "群发消息 / mass messages" (4 a month per fan for service accounts, 1 a day for
// subscription accounts;
// https://developers.weixin.qq.com/doc/offiaccount/Message_Management/Batch_Sends_and_Originality_Checks.html),
// the API call quotas ("接口调用频次限制", reset daily at 00:00), and WeCom's customer-contact group
// messages ("每位客户每天可接收1条", https://developer.work.weixin.qq.com/document/path/92135). A
// send at 20:00 UTC is the next day there. Platforms Herald knows no rule for count in UTC. An
// account may set another zone (a platform that changes its rule, a region of its own).
import type { ChannelKind } from './channel-kinds';

/** Each kind of account's default quota time zone. */
export const platformTimeZones: Readonly<Record<ChannelKind, string>> = {
  wechat_service: 'Asia/Shanghai',
  wechat_subscription: 'Asia/Shanghai',
  wecom: 'Asia/Shanghai',
  chat_platform: 'UTC',
  email: 'UTC',
  webhook: 'UTC',
};

/** The zone an account's quotas count days, weeks and months in: its own setting, else its platform's. */
export function quotaTimeZone(kind: ChannelKind, override?: string | null): string {
  return override && override.trim() !== '' ? override : platformTimeZones[kind];
}
