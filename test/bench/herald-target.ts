// A whole Herald (`startHerald`: API, drainer, in-process worker, the embedded Temporal dev server) for the
// real-time and callback benchmarks, on PostgreSQL or on the embedded default (PGlite, as `./herald start`
// runs with no DATABASE_URL), with the sandbox as WeChat and WeCom and a published follow → welcome journey.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { createTestDatabase, type TestDatabase } from '@herald/db/testing';
import { freePort } from '@herald/runtime';
import { startHerald, type RunningHerald } from '@herald/api';
import { startSandbox, type Sandbox } from '@herald/sandbox';
import { readConfig } from '../../api/src/config';
import { wechatSignature } from '../../api/src/routes/wechat-webhook.routes';
import { testSecretKey } from '../src/fixtures/seed';

export interface HeraldTarget {
  herald: RunningHerald;
  /** The test database on PostgreSQL; null on the embedded default (PGlite lives inside Herald). */
  db: TestDatabase | null;
  sandbox: Sandbox;
  client: Client;
  taskQueue: string;
  /** The WeChat account whose callbacks are posted. */
  wechat: string;
  /** A signed follow callback for `openid`, as WeChat posts it: its URL and XML body. */
  follow(openid: string, nonce: string): { url: string; body: string };
  api(path: string, body: unknown): Promise<Record<string, unknown>>;
  /** Imports fans `${prefix}-0…n-1` through the API: openid `o${prefix}-i`, WeCom id `wm${prefix}-i`. */
  importFans(n: number, prefix: string): Promise<void>;
  close(): Promise<void>;
}

/** Starts Herald and the sandbox, sets up the accounts and publishes follow → WeCom agent welcome. */
export async function startHeraldTarget(o: { embedded: boolean }): Promise<HeraldTarget> {
  const db = o.embedded ? null : await createTestDatabase();
  const sandbox = await startSandbox({ port: 0, smtpPort: -1, confirmDelayMs: 0 });
  const lines: string[] = [];
  const config = readConfig({
    ...(db ? { DATABASE_URL: db.url } : {}),
    PORT: String(await freePort()),
    TEMPORAL_PORT: String(await freePort()),
    TEMPORAL_UI_PORT: String(await freePort()),
    HERALD_SANDBOX: 'off',
    HERALD_DATA_DIR: mkdtempSync(join(tmpdir(), 'herald-bench-')),
    HERALD_SECRET_KEY: testSecretKey.toString('hex'),
  });
  const herald = await startHerald(config, { log: (line) => lines.push(line) });
  const connection = await Connection.connect({ address: herald.temporalAddress });
  const apiKey = lines.map((l) => /API key\s+(\S+)/.exec(l)?.[1]).find(Boolean)!;
  const api = async (path: string, body: unknown) => {
    const res = await fetch(`${herald.apiUrl}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (res.status >= 300) throw new Error(`${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as Record<string, unknown>;
  };
  const account = async (body: Record<string, unknown>) => String((await api('/api/channel-accounts', body)).id);
  const wechat = await account({
    kind: 'wechat_service',
    name: 'OA',
    baseUrl: sandbox.url,
    settings: { appId: 'wx-rt' },
    credentials: { secret: 's', callbackToken: 'cb-token' },
  });
  const wecom = await account({
    kind: 'wecom',
    name: 'WeCom',
    baseUrl: sandbox.url,
    settings: { corpId: 'corp-rt', agentId: 1000002 },
    credentials: { secret: 's' },
  });
  const journey = await api('/api/journeys', {
    name: 'Welcome',
    graph: {
      nodes: [
        { id: 'follow', kind: 'follow', position: { x: 0, y: 0 }, data: { channelAccountId: wechat } },
        {
          id: 'welcome',
          kind: 'send',
          position: { x: 0, y: 150 },
          data: {
            channelAccountId: wecom,
            channel: 'wecom',
            method: 'wecom_agent',
            type: 'contacts',
            messages: [{ type: 'text', text: 'Welcome {{contact.name}}!' }],
          },
        },
      ],
      edges: [{ id: 'e1', source: 'follow', target: 'welcome' }],
      settings: { reentry: { mode: 'never' } },
    },
  });
  await api(`/api/journeys/${String(journey.id)}/publish`, {});
  const follow = (openid: string, nonce: string) => {
    const timestamp = String(Math.floor(Date.now() / 1000));
    return {
      url: `${herald.apiUrl}/webhooks/wechat/${wechat}?signature=${wechatSignature('cb-token', timestamp, nonce)}&timestamp=${timestamp}&nonce=${nonce}`,
      body: `<xml><ToUserName>gh_rt</ToUserName><FromUserName>${openid}</FromUserName><CreateTime>${timestamp}</CreateTime><MsgType>event</MsgType><Event>subscribe</Event></xml>`,
    };
  };
  const importFans = async (n: number, prefix: string) => {
    for (let i = 0; i < n; i += 10_000) {
      const contacts = Array.from({ length: Math.min(10_000, n - i) }, (_, k) => ({
        externalId: `${prefix}-${i + k}`,
        name: `Fan ${i + k}`,
        identities: [
          { kind: 'wechat_openid', value: `o${prefix}-${i + k}`, channelAccountId: wechat },
          { kind: 'wecom_external_userid', value: `wm${prefix}-${i + k}` },
        ],
      }));
      await api('/api/contacts/import', { contacts });
    }
  };
  return {
    herald,
    db,
    importFans,
    sandbox,
    client: new Client({ connection }),
    taskQueue: config.TEMPORAL_TASK_QUEUE,
    wechat,
    follow,
    api,
    close: async () => {
      await connection.close();
      await herald.stop();
      await sandbox.close();
      await db?.close();
    },
  };
}

/** Temporal history events of every execution but the bare ones (the journey engine's own cost). */
export async function historyEvents(client: Client): Promise<{ executions: number; events: number }> {
  let executions = 0;
  let events = 0;
  for await (const info of client.workflow.list({ query: `WorkflowType != 'bareWorkflow'` })) {
    executions++;
    events += info.historyLength;
  }
  return { executions, events };
}
