// The sandbox tells Herald what an employee did as WeCom delivers its callbacks: a call not answered (no
// answer in 5 s, a 5xx, a 429) is made again, at most 3 times more; an answer ends it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startSandbox, type Sandbox } from '@herald/sandbox';
import { sandboxCalls } from './sandbox-calls';

let sandbox: Sandbox;
let herald: Server;
/** The statuses the stand-in for Herald answers, in order (then 200 `held`), and the bodies it was sent. */
let statuses: number[] = [];
const received: string[] = [];

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, smtpPort: 0, confirmDelayMs: 0 });
  herald = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      received.push(body);
      const status = statuses.shift() ?? 200;
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(status === 200 ? JSON.stringify({ results: [{ held: true }] }) : '{}');
    });
  });
  await new Promise<void>((r) => herald.listen(0, '127.0.0.1', r));
});
afterAll(async () => {
  await sandbox?.close();
  await new Promise((r) => herald?.close(r));
});

const { post, token } = sandboxCalls(() => sandbox);

/** Asks employee `user` of `corp` to send a request on to a customer; the employee acts at once. */
async function ask(corp: string, user: string, ref: string): Promise<string> {
  const url = `http://127.0.0.1:${(herald.address() as AddressInfo).port}/webhooks/wecom/x`;
  await post('/_sandbox/wecom/callback', { corpId: corp, url, token: 'tok' });
  const t = await token(`/cgi-bin/gettoken?corpid=${corp}&corpsecret=s`);
  const sent = await post(`/cgi-bin/message/send?access_token=${t}`, {
    touser: user,
    agentid: 1,
    msgtype: 'text',
    text: { content: `For Ann (wm-ann) [${ref}]:\nHello` },
  });
  return String(sent.msgid);
}

describe('the sandbox telling Herald what an employee did', () => {
  it('tells again after a 503 and a 429, and stops at the first answer', async () => {
    statuses = [503, 429];
    received.length = 0;
    const msgid = await ask('corp-tell', 'emp-1', '41');
    await expect.poll(() => sandbox.employeeAnswers().find((a) => a.msgid === msgid)?.told).toBe('held');
    expect(sandbox.employeeAnswers().find((a) => a.msgid === msgid)?.tells).toBe(3);
    // The same answer each time: Herald applies answers only forward, so a repeat changes nothing.
    expect(received).toHaveLength(3);
    expect(new Set(received).size).toBe(1);
    expect(JSON.parse(received[0]!).actions.map((a: { action: string; ref: string }) => [a.action, a.ref])).toEqual([
      ['sent', '41'],
      ['delivered', '41'],
    ]);
  });

  it('gives up after 4 calls Herald did not answer', async () => {
    statuses = [500, 500, 500, 500, 500];
    received.length = 0;
    const msgid = await ask('corp-tell-2', 'emp-2', '42');
    await expect.poll(() => sandbox.employeeAnswers().find((a) => a.msgid === msgid)?.told).toBe('no');
    expect(sandbox.employeeAnswers().find((a) => a.msgid === msgid)?.tells).toBe(4);
    expect(received).toHaveLength(4);
  });
});
