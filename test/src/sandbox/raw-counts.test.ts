// The sandbox counts every call it accepted per recipient, including those its own dedup dropped, so a
// resend by Herald shows even where the provider hides it from the person; and it can refuse mail.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect } from 'node:net';
import nodemailer from 'nodemailer';
import { startSandbox, type Sandbox } from '@herald/sandbox';
import { sandboxCalls } from './sandbox-calls';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, smtpPort: 0, confirmDelayMs: -1 });
});
afterAll(async () => {
  await sandbox?.close();
});

const { post, token } = sandboxCalls(() => sandbox);

describe("the sandbox's raw per-recipient counts", () => {
  it('count a WeCom app message resend its duplicate check dropped: received once, sent twice', async () => {
    const t = await token('/cgi-bin/gettoken?corpid=corp-raw&corpsecret=s');
    const body = {
      touser: 'wm-a|wm-b',
      agentid: 1,
      msgtype: 'text',
      text: { content: 'hi' },
      enable_duplicate_check: 1,
    };
    await post(`/cgi-bin/message/send?access_token=${t}`, body);
    await post(`/cgi-bin/message/send?access_token=${t}`, { ...body, touser: 'wm-a' });
    // Messages of the corp's app to its members (an agent message's request reaches the employee so).
    const filter = { method: 'app', account: 'corp-raw' };
    expect(Object.fromEntries(sandbox.store.countByRecipient(filter))).toEqual({ 'wm-a': 1, 'wm-b': 1 });
    expect(Object.fromEntries(sandbox.store.callsByRecipient(filter))).toEqual({ 'wm-a': 2, 'wm-b': 1 });
  });

  it('count a WeChat template sent twice as received twice (no dedup on that API)', async () => {
    const t = await token('/cgi-bin/token?grant_type=client_credential&appid=wx-raw&secret=s');
    const body = { touser: 'o-raw', template_id: 'tpl-order-shipped', data: { keyword1: { value: 'A-1' } } };
    await post(`/cgi-bin/message/template/send?access_token=${t}`, body);
    await post(`/cgi-bin/message/template/send?access_token=${t}`, body);
    const filter = { method: 'template', account: 'wx-raw' };
    expect(sandbox.store.countByRecipient(filter).get('o-raw')).toBe(2);
    expect(sandbox.store.callsByRecipient(filter).get('o-raw')).toBe(2);
  });

  it('count a second WeCom group-message task the one-a-day rule kept from a contact', async () => {
    const t = await token('/cgi-bin/gettoken?corpid=corp-group&corpsecret=s');
    const task = { chat_type: 'single', sender: 'emp', external_userid: ['wm-g'], text: { content: 'offer' } };
    await post(`/cgi-bin/externalcontact/add_msg_template?access_token=${t}`, task);
    await post(`/cgi-bin/externalcontact/add_msg_template?access_token=${t}`, task);
    expect(await post('/_sandbox/wecom/confirm', {})).toMatchObject({ confirmed: 2 });
    const filter = { method: 'group_msg', account: 'corp-group' };
    expect(sandbox.store.countByRecipient(filter).get('wm-g')).toBe(1);
    expect(sandbox.store.callsByRecipient(filter).get('wm-g')).toBe(2);
  });

  it('refuses mail with a temporary 451 when told to fail every message, and stores none of it', async () => {
    const transport = nodemailer.createTransport({ host: '127.0.0.1', port: sandbox.smtpPort, secure: false });
    const mail = { from: 'shop@example.com', to: 'mei@example.com', subject: 'Faulty', text: 'x' };
    try {
      sandbox.faults.set('email', { failShare: 1 });
      const before = sandbox.faults.counts.failed;
      await expect(transport.sendMail(mail)).rejects.toMatchObject({ responseCode: 451 });
      expect(sandbox.faults.counts.failed).toBe(before + 1);
      expect(sandbox.store.query({ channel: 'email', recipient: 'mei@example.com' })).toEqual([]);
      sandbox.faults.clear();
      await transport.sendMail(mail);
      expect(sandbox.store.callsByRecipient({ channel: 'email' }).get('mei@example.com')).toBe(1);
    } finally {
      sandbox.faults.clear();
      transport.close();
    }
  });

  it('keeps serving mail after a client resets in the middle of a message (a killed worker)', async () => {
    // Greeting, EHLO, MAIL FROM: then the client is gone (a reset inside a transaction is what the server reports).
    await new Promise<void>((resolve, reject) => {
      const socket = connect(sandbox.smtpPort, '127.0.0.1');
      const replies = ['EHLO killed-worker\r\n', 'MAIL FROM:<shop@example.com>\r\n'];
      socket.on('data', (chunk: Buffer) => {
        if (!/^\d{3} /m.test(chunk.toString())) return;
        const next = replies.shift();
        if (next) socket.write(next);
        else {
          socket.resetAndDestroy();
          resolve();
        }
      });
      socket.once('error', reject);
    });
    const transport = nodemailer.createTransport({ host: '127.0.0.1', port: sandbox.smtpPort, secure: false });
    try {
      await transport.sendMail({ from: 'shop@example.com', to: 'after@example.com', subject: 'Still here', text: 'x' });
      expect(sandbox.store.query({ channel: 'email', recipient: 'after@example.com' })).toHaveLength(1);
    } finally {
      transport.close();
    }
  });
});
