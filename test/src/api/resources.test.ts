import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Worker } from '@temporalio/worker';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { sql } from '@herald/db';
import { ChannelClients, createActivities } from '@herald/activities';
import { startSandbox, type Sandbox } from '@herald/sandbox';
import { createTimeSkippingEnv, uniqueTaskQueue, workflowBundle } from '../temporal/env';
import { testSecretKey } from '../fixtures/seed';
import { bearer, createApiHarness, type ApiHarness } from './api-harness';

// Tiny files that are what their first bytes say (and nothing more).
const pad = (head: number[] | Buffer, size = 64) => Buffer.concat([Buffer.from(head), Buffer.alloc(Math.max(0, size - Buffer.from(head).length), 0x20)]);
const ascii = (s: string) => [...Buffer.from(s, 'latin1')];
const bmp = () => { const b = pad(ascii('BM'), 64); b.writeUInt32LE(40, 14); return b; };
const files = {
  png: pad([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  jpg: pad([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, ...ascii('JFIF')]),
  gif: pad(ascii('GIF89a')),
  bmp: bmp(),
  mp3: pad(ascii('ID3\x04\x00')),
  wma: pad([0x30, 0x26, 0xb2, 0x75, 0x8e, 0x66, 0xcf, 0x11, 0xa6, 0xd9, 0x00, 0xaa, 0x00, 0x62, 0xce, 0x6c]),
  wav: pad([...ascii('RIFF'), 0x24, 0, 0, 0, ...ascii('WAVEfmt ')]),
  amr: pad(ascii('#!AMR\n')),
  mp4: pad([0, 0, 0, 0x18, ...ascii('ftypisom'), 0, 0, 2, 0, ...ascii('isomiso2')]),
  pdf: pad(ascii('%PDF-1.7\n')),
  exe: pad(ascii('MZ\x90\x00')),
};

/** A multipart/form-data body with one file part named `file`. */
function multipart(filename: string, bytes: Buffer, type = 'application/octet-stream') {
  const boundary = `----herald${Math.random().toString(16).slice(2)}`;
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: ${type}\r\n\r\n`),
    bytes, Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

let h: ApiHarness;
let sandbox: Sandbox;
let env: TestWorkflowEnvironment;
let worker: Worker;
let running: Promise<void>;
const taskQueue = uniqueTaskQueue('resources');
let wechat: string;
let wecom: string;

beforeAll(async () => {
  sandbox = await startSandbox({ confirmDelayMs: 0, smtpPort: -1 });
  env = await createTimeSkippingEnv();
  h = await createApiHarness({ client: env.client, taskQueue });
  worker = await Worker.create({ connection: env.nativeConnection, taskQueue, workflowBundle: workflowBundle(), activities: createActivities({ db: h.db.db, secretKey: testSecretKey, channels: new ChannelClients() }) });
  running = worker.run();
  wechat = (await call('POST', '/api/channel-accounts', { kind: 'wechat_service', name: 'Acme OA', baseUrl: sandbox.url, settings: { appId: 'wx-resources' }, credentials: { secret: 's' } })).json().id;
  wecom = (await call('POST', '/api/channel-accounts', { kind: 'wecom', name: 'Acme WeCom', baseUrl: sandbox.url, settings: { corpId: 'corp-resources', agentId: 1000002 }, credentials: { secret: 's' } })).json().id;
});
afterAll(async () => { worker?.shutdown(); await running; await env?.teardown(); await h?.close(); await sandbox?.close(); });

const call = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, body?: unknown, key = h.key) =>
  h.app.inject({ method, url, headers: bearer(key), ...(body === undefined ? {} : { payload: body as object }) });
const upload = (query: string, filename: string, bytes: Buffer, key = h.key) => {
  const form = multipart(filename, bytes);
  return h.app.inject({ method: 'POST', url: `/api/materials?${query}`, headers: { ...bearer(key), ...form.headers }, payload: form.payload });
};
const count = async (from: string) => ((await h.db.db.execute(sql.raw(`select count(*)::int as n from ${from}`))) as unknown as Array<{ n: number }>)[0]!.n;

/** The sandbox's WeChat API, as a client of the platform would call it. */
async function wechatApi(path: string, body?: unknown): Promise<Response> {
  const token = ((await (await fetch(`${sandbox.url}/cgi-bin/token?grant_type=client_credential&appid=wx-resources&secret=s`)).json()) as { access_token: string }).access_token;
  return fetch(`${sandbox.url}${path}?access_token=${token}`, body === undefined ? {} : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
}

describe('materials', () => {
  it.each([
    ['image', 'photo.png', files.png, 'image/png'], ['image', 'photo.jpg', files.jpg, 'image/jpeg'], ['image', 'anim.gif', files.gif, 'image/gif'], ['image', 'scan.bmp', files.bmp, 'image/bmp'],
    ['voice', 'hello.mp3', files.mp3, 'audio/mpeg'], ['voice', 'hello.wma', files.wma, 'audio/x-ms-wma'], ['voice', 'hello.wav', files.wav, 'audio/wav'], ['voice', 'hello.amr', files.amr, 'audio/amr'],
    ['video', 'clip.mp4', files.mp4, 'video/mp4'], ['thumb', 'cover.jpg', files.jpg, 'image/jpeg'], ['file', 'terms.pdf', files.pdf, 'application/pdf'],
  ] as const)('stores a %s upload of %s by its content type, without returning its bytes', async (kind, filename, bytes, mime) => {
    const res = await upload(`kind=${kind}`, filename, bytes);
    expect(res.statusCode).toBe(201);
    const material = res.json();
    expect(material).toMatchObject({ kind, filename, mime, size: bytes.length, platformMediaIds: {} });
    const got = await call('GET', `/api/materials/${material.id}`);
    expect(got.json()).toEqual(material);
    expect(got.body).not.toContain(bytes.toString('base64').slice(0, 16));
    const [stored] = (await h.db.db.execute(sql`select bytes from material_contents where material_id = ${material.id}::uuid`)) as unknown as Array<{ bytes: Buffer }>;
    expect(Buffer.from(stored!.bytes).equals(bytes)).toBe(true);
  });

  it('reads the type from the bytes, not the name: a renamed PNG is a .png, a renamed program is refused', async () => {
    const renamed = await upload('kind=image', 'holiday.pdf', files.png);
    expect(renamed.statusCode).toBe(201);
    expect(renamed.json()).toMatchObject({ filename: 'holiday.png', mime: 'image/png' });
    const before = await count('materials');
    for (const [kind, name, bytes] of [['image', 'virus.png', files.exe], ['voice', 'song.mp3', files.png], ['video', 'clip.mp4', files.mp3], ['thumb', 'cover.jpg', files.png]] as const) {
      const res = await upload(`kind=${kind}`, name, bytes);
      expect(res.statusCode, `${kind} ${name}`).toBe(415);
      expect(res.json().error.code).toBe('HERALD_ERR_MATERIAL_TYPE');
    }
    expect(await count('materials')).toBe(before);
  });

  it('refuses a file over its kind\'s limit with 413 and writes nothing', async () => {
    const before = { materials: await count('materials'), contents: await count('material_contents') };
    const bigVoice = await upload('kind=voice', 'long.mp3', pad(ascii('ID3\x04\x00'), 2 * 1024 * 1024 + 1));
    expect(bigVoice.statusCode).toBe(413);
    expect(bigVoice.json().error.code).toBe('HERALD_ERR_MATERIAL_TOO_LARGE');
    const bigThumb = await upload('kind=thumb', 'cover.jpg', pad([0xff, 0xd8, 0xff, 0xe0], 64 * 1024 + 1));
    expect(bigThumb.statusCode).toBe(413);
    const bigImage = await upload('kind=image', 'huge.png', pad([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 10 * 1024 * 1024 + 1));
    expect(bigImage.statusCode).toBe(413);
    expect(await count('materials')).toBe(before.materials);
    expect(await count('material_contents')).toBe(before.contents);
  });

  it('adds an upload for a WeChat account there as a permanent material and keeps its media id; deleting removes it there too', async () => {
    const res = await upload(`kind=image&channelAccountId=${wechat}`, 'poster.png', files.png);
    expect(res.statusCode).toBe(201);
    const mediaId = res.json().platformMediaIds[wechat] as string;
    expect(mediaId).toMatch(/^wxmedia-/);
    const onPlatform = await wechatApi('/cgi-bin/material/get_material', { media_id: mediaId });
    expect(Buffer.from(await onPlatform.arrayBuffer()).equals(files.png)).toBe(true);
    const video = await upload(`kind=video&channelAccountId=${wechat}&title=Launch`, 'launch.mp4', files.mp4);
    expect(video.statusCode).toBe(201);
    expect(await (await wechatApi('/cgi-bin/material/get_material', { media_id: video.json().platformMediaIds[wechat] })).json()).toMatchObject({ title: 'Launch' });

    const listed = (await call('GET', '/api/materials?kind=image&limit=200')).json().items as Array<{ id: string }>;
    expect(listed.map((m) => m.id)).toContain(res.json().id);
    expect((await call('DELETE', `/api/materials/${res.json().id}`)).statusCode).toBe(204);
    expect((await call('GET', `/api/materials/${res.json().id}`)).statusCode).toBe(404);
    expect(await (await wechatApi('/cgi-bin/material/get_material', { media_id: mediaId })).json()).toMatchObject({ errcode: 40007 });
  });

  it('refuses WeChat\'s refusal and a non-WeChat account, writing nothing', async () => {
    const before = await count('materials');
    const file = await upload(`kind=file&channelAccountId=${wechat}`, 'terms.pdf', files.pdf);
    expect(file.statusCode).toBe(422);
    const notWechat = await upload(`kind=image&channelAccountId=${wecom}`, 'poster.png', files.png);
    expect(notWechat.statusCode).toBe(422);
    expect(notWechat.json().error.code).toBe('HERALD_ERR_MATERIAL_ACCOUNT');
    const notMultipart = await call('POST', '/api/materials?kind=image', { file: 'x' });
    expect(notMultipart.statusCode).toBe(415);
    expect(await count('materials')).toBe(before);
  });
});
