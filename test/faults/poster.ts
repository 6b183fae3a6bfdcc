// The follow webhooks of a fault scenario: one subscribe event per fan, posted to the WeChat callback
// as a provider does (paced, each event more than once, retried until answered), whatever the faults.
import { wechatSignature } from '../../api/src/routes/wechat-webhook.routes';
import type { FaultEnv } from './env';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface PosterTally {
  events: number;
  posts: number;
  accepted: number;
  retriedConnection: number;
  retried5xx: number;
  refused4xx: number;
  gaveUp: number;
}

/**
 * Posts one subscribe event per fan to the WeChat callback, paced, each event more than once (the
 * first fan's ten times), duplicates a few positions apart. Like a provider, it retries a post
 * that got no answer or a 5xx (fresh signature each time) until accepted, for at most 3 minutes.
 */
export function postFollows(
  env: FaultEnv,
  name: string,
  wechat: string,
  fans: number,
  perSecond: number,
): PosterTally & { done: Promise<void> } {
  const tally: PosterTally = {
    events: fans,
    posts: 0,
    accepted: 0,
    retriedConnection: 0,
    retried5xx: 0,
    refused4xx: 0,
    gaveUp: 0,
  };
  const created = Math.floor(Date.now() / 1000);
  const schedule: Array<{ fan: number; order: number }> = [];
  for (let g = 1; g <= fans; g++) {
    const copies = g === 1 ? 10 : 2 + (g % 2);
    for (let c = 0; c < copies; c++) schedule.push({ fan: g, order: g + c * 5 });
  }
  schedule.sort((a, b) => a.order - b.order || a.fan - b.fan);
  const postOne = async (fan: number): Promise<void> => {
    const xml =
      `<xml><ToUserName>gh_${name}</ToUserName><FromUserName>${name}-openid${fan}</FromUserName>` +
      `<CreateTime>${created + fan}</CreateTime><MsgType>event</MsgType><Event>subscribe</Event></xml>`;
    const deadline = Date.now() + 180_000;
    for (let attempt = 1; Date.now() < deadline; attempt++) {
      const timestamp = String(Math.floor(Date.now() / 1000));
      const nonce = `${fan}-${attempt}`;
      const signature = wechatSignature(`cb-${name}`, timestamp, nonce);
      tally.posts++;
      try {
        const res = await fetch(
          `${env.apiUrl}/webhooks/wechat/${wechat}?signature=${signature}&timestamp=${timestamp}&nonce=${nonce}`,
          {
            method: 'POST',
            headers: { 'content-type': 'text/xml' },
            body: xml,
            signal: AbortSignal.timeout(10_000),
          },
        );
        const text = await res.text();
        if (res.status === 200 && text === 'success') {
          tally.accepted++;
          return;
        }
        if (res.status < 500 && res.status !== 429) {
          tally.refused4xx++;
          return;
        }
        tally.retried5xx++;
      } catch {
        tally.retriedConnection++;
      }
      await sleep(Math.min(3000, 250 * attempt));
    }
    tally.gaveUp++;
  };
  const done = (async () => {
    const started = Date.now();
    let next = 0;
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        while (next < schedule.length) {
          const i = next++;
          const due = started + (i * 1000) / perSecond;
          if (due > Date.now()) await sleep(due - Date.now());
          await postOne(schedule[i]!.fan);
        }
      }),
    );
  })();
  return Object.assign(tally, { done });
}
