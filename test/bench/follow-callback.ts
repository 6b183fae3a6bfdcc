// A signed WeChat follow callback, as the platform posts it to Herald (the benchmarks' fans).
import { wechatSignature } from '../../api/src/routes/wechat-webhook.routes';

/** The callback token the benchmarks' WeChat account is set up with. */
export const BENCH_CALLBACK_TOKEN = 'cb-token';

/** A signed follow callback of `openid` to the account `wechat`: its URL and XML body. */
export function followCallback(apiUrl: string, wechat: string, openid: string, nonce: string) {
  const timestamp = String(Math.floor(Date.now() / 1000));
  const signature = wechatSignature(BENCH_CALLBACK_TOKEN, timestamp, nonce);
  return {
    url: `${apiUrl}/webhooks/wechat/${wechat}?signature=${signature}&timestamp=${timestamp}&nonce=${nonce}`,
    body:
      `<xml><ToUserName>gh_rt</ToUserName><FromUserName>${openid}</FromUserName>` +
      `<CreateTime>${timestamp}</CreateTime><MsgType>event</MsgType><Event>subscribe</Event></xml>`,
  };
}
