import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Worker } from '@temporalio/worker';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { sql } from '@herald/db';
import { createActivities } from '@herald/activities';
import { ChannelClients } from '@herald/channels';
import { followJourney } from '@herald/engine/testing';
import { startSandbox, type Sandbox } from '@herald/sandbox';
import { createTimeSkippingEnv, uniqueTaskQueue, workflowBundle } from '../temporal/env';
import { testSecretKey } from '../fixtures/seed';
import { addAccount, bearer, createApiHarness, type ApiHarness } from './api-harness';

// Tiny files that are what their first bytes say (and nothing more).
const pad = (head: number[] | Buffer, size = 64) =>
  Buffer.concat([Buffer.from(head), Buffer.alloc(Math.max(0, size - Buffer.from(head).length), 0x20)]);
const ascii = (s: string) => [...Buffer.from(s, 'latin1')];
const bmp = () => {
  const b = pad(ascii('BM'), 64);
  b.writeUInt32LE(40, 14);
  return b;
};
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
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\n` +
        `Content-Type: ${type}\r\n\r\n`,
    ),
    bytes,
    Buffer.from(`\r\n--${boundary}--\r\n`),
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
  worker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue,
    workflowBundle: workflowBundle(),
    activities: createActivities({ db: h.db.db, secretKey: testSecretKey, channels: new ChannelClients() }),
  });
  running = worker.run();
  wechat = await addAccount(h, {
    kind: 'wechat_service',
    name: 'Acme OA',
    baseUrl: sandbox.url,
    settings: { appId: 'wx-resources' },
  });
  wecom = await addAccount(h, {
    kind: 'wecom',
    name: 'Acme WeCom',
    baseUrl: sandbox.url,
    settings: { corpId: 'corp-resources', agentId: 1000002 },
  });
  await call('POST', '/api/employees', { wecomUserId: 'res-owner', name: 'Res Owner' });
});
afterAll(async () => {
  worker?.shutdown();
  await running;
  await env?.teardown();
  await h?.close();
  await sandbox?.close();
});

const call = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, body?: unknown, key = h.key) =>
  h.app.inject({ method, url, headers: bearer(key), ...(body === undefined ? {} : { payload: body as object }) });
const upload = (query: string, filename: string, bytes: Buffer, key = h.key) => {
  const form = multipart(filename, bytes);
  return h.app.inject({
    method: 'POST',
    url: `/api/materials?${query}`,
    headers: { ...bearer(key), ...form.headers },
    payload: form.payload,
  });
};
const count = async (from: string) =>
  ((await h.db.db.execute(sql.raw(`select count(*)::int as n from ${from}`))) as unknown as Array<{ n: number }>)[0]!.n;

/** The sandbox's WeChat API, as a client of the platform would call it. */
async function wechatApi(path: string, body?: unknown): Promise<Response> {
  const token = (
    (await (
      await fetch(`${sandbox.url}/cgi-bin/token?grant_type=client_credential&appid=wx-resources&secret=s`)
    ).json()) as { access_token: string }
  ).access_token;
  return fetch(
    `${sandbox.url}${path}?access_token=${token}`,
    body === undefined
      ? {}
      : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) },
  );
}

describe('materials', () => {
  it.each([
    ['image', 'photo.png', files.png, 'image/png'],
    ['image', 'photo.jpg', files.jpg, 'image/jpeg'],
    ['image', 'anim.gif', files.gif, 'image/gif'],
    ['voice', 'hello.mp3', files.mp3, 'audio/mpeg'],
    ['voice', 'hello.wav', files.wav, 'audio/wav'],
    ['video', 'clip.mp4', files.mp4, 'video/mp4'],
    ['thumb', 'cover.jpg', files.jpg, 'image/jpeg'],
    ['file', 'terms.pdf', files.pdf, 'application/pdf'],
  ] as const)(
    'stores a %s upload of %s by its content type, without returning its bytes',
    async (kind, filename, bytes, mime) => {
      const res = await upload(`kind=${kind}`, filename, bytes);
      expect(res.statusCode).toBe(201);
      const material = res.json();
      expect(material).toMatchObject({ kind, filename, mime, size: bytes.length, platformMediaIds: {} });
      const got = await call('GET', `/api/materials/${material.id}`);
      expect(got.json()).toEqual(material);
      expect(got.body).not.toContain(bytes.toString('base64').slice(0, 16));
      const [stored] = (await h.db.db.execute(
        sql`select bytes from material_contents where material_id = ${material.id}::uuid`,
      )) as unknown as Array<{ bytes: Buffer }>;
      expect(Buffer.from(stored!.bytes).equals(bytes)).toBe(true);
    },
  );

  it.each([
    ['image', 'scan.bmp', files.bmp, /No message Herald sends can send a \.bmp image: .*take images as png, jpg, gif/],
    ['voice', 'hello.wma', files.wma, /a \.wma voice: .*take voices as mp3, wav/],
    ['voice', 'hello.amr', files.amr, /a \.amr voice/],
  ] as const)(
    'refuses a %s upload of %s that no message could send, saying what each method takes',
    async (kind, name, bytes, words) => {
      const before = await count('materials');
      const res = await upload(`kind=${kind}`, name, bytes);
      expect(res.statusCode).toBe(415);
      expect(res.json().error).toMatchObject({
        code: 'HERALD_ERR_MATERIAL_UNSENDABLE',
        message: expect.stringMatching(words),
      });
      expect(await count('materials')).toBe(before);
    },
  );

  it('refuses an image for an account none of whose methods sends images', async () => {
    const chat = await call('POST', '/api/channel-accounts', {
      kind: 'chat_platform',
      name: 'Chat for materials',
      baseUrl: sandbox.url,
      credentials: { token: 't' },
    });
    const res = await upload(`kind=image&channelAccountId=${chat.json().id}`, 'photo.png', files.png);
    expect(res.statusCode).toBe(415);
    expect(res.json().error.message).toBe(
      'No message of this account can send a .png image: no method of this account sends images.',
    );
  });

  it('reads the type from the bytes, not the name: a renamed PNG is a .png, a renamed program is refused', async () => {
    const renamed = await upload('kind=image', 'holiday.pdf', files.png);
    expect(renamed.statusCode).toBe(201);
    expect(renamed.json()).toMatchObject({ filename: 'holiday.png', mime: 'image/png' });
    const before = await count('materials');
    for (const [kind, name, bytes] of [
      ['image', 'virus.png', files.exe],
      ['voice', 'song.mp3', files.png],
      ['video', 'clip.mp4', files.mp3],
      ['thumb', 'cover.jpg', files.png],
    ] as const) {
      const res = await upload(`kind=${kind}`, name, bytes);
      expect(res.statusCode, `${kind} ${name}`).toBe(415);
      expect(res.json().error.code).toBe('HERALD_ERR_MATERIAL_TYPE');
    }
    expect(await count('materials')).toBe(before);
  });

  it("refuses a file over its kind's limit with 413 and writes nothing", async () => {
    const before = { materials: await count('materials'), contents: await count('material_contents') };
    const bigVoice = await upload('kind=voice', 'long.mp3', pad(ascii('ID3\x04\x00'), 2 * 1024 * 1024 + 1));
    expect(bigVoice.statusCode).toBe(413);
    expect(bigVoice.json().error.code).toBe('HERALD_ERR_MATERIAL_TOO_LARGE');
    const bigThumb = await upload('kind=thumb', 'cover.jpg', pad([0xff, 0xd8, 0xff, 0xe0], 64 * 1024 + 1));
    expect(bigThumb.statusCode).toBe(413);
    const bigImage = await upload(
      'kind=image',
      'huge.png',
      pad([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 10 * 1024 * 1024 + 1),
    );
    expect(bigImage.statusCode).toBe(413);
    expect(await count('materials')).toBe(before.materials);
    expect(await count('material_contents')).toBe(before.contents);
  });

  it('adds an upload for a WeChat account there as a permanent material; deleting removes it there', async () => {
    const res = await upload(`kind=image&channelAccountId=${wechat}`, 'poster.png', files.png);
    expect(res.statusCode).toBe(201);
    const mediaId = res.json().platformMediaIds[wechat] as string;
    expect(mediaId).toMatch(/^wxmedia-/);
    const onPlatform = await wechatApi('/cgi-bin/material/get_material', { media_id: mediaId });
    expect(Buffer.from(await onPlatform.arrayBuffer()).equals(files.png)).toBe(true);
    const video = await upload(`kind=video&channelAccountId=${wechat}&title=Launch`, 'launch.mp4', files.mp4);
    expect(video.statusCode).toBe(201);
    expect(
      await (
        await wechatApi('/cgi-bin/material/get_material', { media_id: video.json().platformMediaIds[wechat] })
      ).json(),
    ).toMatchObject({ title: 'Launch' });

    const listed = (await call('GET', '/api/materials?kind=image&limit=200')).json().items as Array<{ id: string }>;
    expect(listed.map((m) => m.id)).toContain(res.json().id);
    expect((await call('DELETE', `/api/materials/${res.json().id}`)).statusCode).toBe(204);
    expect((await call('GET', `/api/materials/${res.json().id}`)).statusCode).toBe(404);
    expect(await (await wechatApi('/cgi-bin/material/get_material', { media_id: mediaId })).json()).toMatchObject({
      errcode: 40007,
    });
  });

  it("lists an official account's message templates with their fields; other accounts have none", async () => {
    const res = await call('GET', `/api/channel-accounts/${wechat}/templates`);
    expect(res.statusCode).toBe(200);
    expect(res.json().items).toContainEqual(
      expect.objectContaining({
        templateId: 'tpl-appointment',
        title: 'Appointment reminder',
        fields: ['first', 'time', 'place'],
      }),
    );
    const notWechat = await call('GET', `/api/channel-accounts/${wecom}/templates`);
    expect([notWechat.statusCode, notWechat.json().error.code]).toEqual([422, 'HERALD_ERR_MATERIAL_ACCOUNT']);
    expect((await call('GET', `/api/channel-accounts/${wechat}/templates`, undefined, h.otherKey)).statusCode).toBe(
      404,
    );
  });

  it("refuses WeChat's refusal and a non-WeChat account, writing nothing", async () => {
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

const minutes = (n: number, from = Date.now()) => new Date(from + n * 60_000).toISOString();
/**
 * n minutes past both clocks: the API's (the wall clock) and Temporal's. The time-skipping server's clock runs
 * ahead of the wall clock once an earlier test has awaited a timed run, and a send time it has already passed
 * would open the run at once.
 */
const minutesAheadOfTemporal = async (n: number) => minutes(n, Math.max(Date.now(), await env.currentTimeMs()));
const tagId = async (name: string) =>
  ((await call('GET', '/api/tags')).json().items as Array<{ id: string; name: string }>).find((t) => t.name === name)!
    .id;
async function contact(externalId: string, tags: string[] = []): Promise<string> {
  await call('POST', '/api/contacts/import', {
    contacts: [
      {
        externalId,
        name: externalId,
        identities: [{ kind: 'wecom_external_userid', value: `wm-${externalId}` }],
        tags,
        // Agent messages go through the owning employee, whom the sandbox has send them on at once.
        owners: ['res-owner'],
      },
    ],
  });
  return ((await call('GET', `/api/contacts?search=${externalId}`)).json().items as Array<{ id: string }>)[0]!.id;
}
const text = (t: string) => [{ type: 'text', text: t }];
const say = (contactId: string, body: Record<string, unknown>) =>
  call('POST', `/api/conversations/${contactId}/scheduled-messages`, {
    channelAccountId: wecom,
    method: 'wecom_agent',
    messages: text('See you at 8'),
    sendAt: minutes(30),
    ...body,
  });

// These run before the time-skipping case below: Temporal's clock only jumps there.
describe('scheduled messages into one conversation', () => {
  it('creates a timed message for one contact, listed among the broadcasts and in the conversation', async () => {
    const mei = await contact('conv-mei');
    const res = await say(mei, { name: 'Reminder for Mei' });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      name: 'Reminder for Mei',
      status: 'pending',
      sendType: 'timed',
      method: 'wecom_agent',
      content: 'See you at 8',
      conversationContactId: mei,
    });
    const listed = (await call('GET', '/api/broadcasts?search=Reminder%20for%20Mei')).json().items;
    expect(listed).toEqual([res.json()]);
    expect(
      (await call('GET', `/api/conversations/${mei}/scheduled-messages`)).json().items.map((m: { id: string }) => m.id),
    ).toEqual([res.json().id]);
    const detail = (await call('GET', `/api/broadcasts/${res.json().id}`)).json();
    expect(detail.runId).toBeTruthy();
  });

  it('refuses a send time less than 5 minutes ahead with 422 and a code, writing nothing', async () => {
    const li = await contact('conv-li');
    const before = await count('broadcasts');
    const res = await say(li, { sendAt: minutes(4) });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.code).toBe('HERALD_ERR_SEND_TIME_TOO_SOON');
    const past = await say(li, { sendAt: minutes(-60) });
    expect(past.statusCode).toBe(422);
    expect(await count('broadcasts')).toBe(before);
    expect(await count("journeys where kind = 'broadcast' and name like '%conv-li%'")).toBe(0);
  });

  it("cancels one (409 the second time), keeps its audience to its contact, 404s another conversation's", async () => {
    const wang = await contact('conv-wang');
    const zhao = await contact('conv-zhao');
    const created = (await say(wang, {})).json();
    expect(
      (
        await call('PUT', `/api/broadcasts/${created.id}`, { audience: { kind: 'contacts', contactIds: [zhao] } })
      ).json().error.code,
    ).toBe('HERALD_ERR_CONVERSATION_AUDIENCE');
    expect((await call('POST', `/api/conversations/${zhao}/scheduled-messages/${created.id}/cancel`)).statusCode).toBe(
      404,
    );
    const canceled = await call('POST', `/api/conversations/${wang}/scheduled-messages/${created.id}/cancel`);
    expect(canceled.statusCode).toBe(200);
    expect(canceled.json().status).toBe('canceled');
    const again = await call('POST', `/api/conversations/${wang}/scheduled-messages/${created.id}/cancel`);
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('HERALD_ERR_INVALID_STATE');
    expect(
      (await call('GET', `/api/conversations/${wang}/scheduled-messages?status=canceled`)).json().items,
    ).toHaveLength(1);
  });
});

describe('editing close to the send time', () => {
  it('refuses an edit less than a minute before the old send time with 409, changing nothing', async () => {
    const someone = await contact('edit-late');
    const created = (await say(someone, { sendAt: minutes(10) })).json();
    h.deps.now = () => new Date(Date.parse(created.sendAt) - 30_000);
    try {
      const res = await call('PUT', `/api/broadcasts/${created.id}`, { messages: text('changed') });
      expect(res.statusCode).toBe(409);
      expect(res.json().error).toMatchObject({ code: 'HERALD_ERR_INVALID_STATE', details: { status: 'starting' } });
    } finally {
      delete h.deps.now;
    }
    expect((await call('GET', `/api/broadcasts/${created.id}`)).json()).toMatchObject({
      content: 'See you at 8',
      status: 'pending',
      updatedAt: created.updatedAt,
    });
  });
});

describe('journey versions', () => {
  it('lists the versions with when and by whom they were published, newest first', async () => {
    const login = await h.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: h.email, password: h.password },
    });
    const cookies = { herald_session: login.cookies.find((c) => c.name === 'herald_session')!.value };
    // A follow trigger listens to a WeChat official account of the workspace (the publish route checks it).
    const drawn = followJourney({ channelAccountId: wecom });
    const graph = {
      ...drawn,
      nodes: drawn.nodes.map((n) => (n.kind === 'follow' ? { ...n, data: { channelAccountId: wechat } } : n)),
    };
    const journey = (await call('POST', '/api/journeys', { name: 'Versioned', graph })).json();
    expect((await call('GET', `/api/journeys/${journey.id}/versions`)).json().items).toEqual([]);
    expect(
      (await h.app.inject({ method: 'POST', url: `/api/journeys/${journey.id}/publish`, cookies })).statusCode,
    ).toBe(200);
    await call('PUT', `/api/journeys/${journey.id}/graph`, { graph });
    expect((await call('POST', `/api/journeys/${journey.id}/publish`)).statusCode).toBe(200);
    const versions = (await call('GET', `/api/journeys/${journey.id}/versions`)).json().items;
    expect(versions.map((v: { version: number }) => v.version)).toEqual([2, 1]);
    expect(versions[1].publishedBy).toMatchObject({ name: 'Admin' });
    expect(versions[0].publishedBy).toBeNull(); // published with an API key, not by a member
    expect(versions[0].current).toBe(true);
    expect(Date.parse(versions[0].publishedAt)).toBeGreaterThanOrEqual(Date.parse(versions[1].publishedAt));
  });
});

describe('isolation and the OpenAPI document', () => {
  it("gives another workspace's key a 404 on every new route and changes nothing", async () => {
    const material = (await upload('kind=image', 'private.png', files.png)).json();
    const alone = await contact('iso-conv');
    const message = (await say(alone, { name: 'Private message' })).json();
    const journey = (await call('POST', '/api/journeys', { name: 'Private journey' })).json();
    const other = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, body?: unknown) =>
      call(method, url, body, h.otherKey);
    const attempts = [
      await other('GET', `/api/materials/${material.id}`),
      await other('DELETE', `/api/materials/${material.id}`),
      await other('GET', `/api/conversations/${alone}/scheduled-messages`),
      await other('POST', `/api/conversations/${alone}/scheduled-messages`, {
        channelAccountId: wecom,
        method: 'wecom_agent',
        messages: text('x'),
        sendAt: minutes(30),
      }),
      await other('POST', `/api/conversations/${alone}/scheduled-messages/${message.id}/cancel`),
      await other('PUT', `/api/broadcasts/${message.id}`, { name: 'Hijacked' }),
      await other('GET', `/api/journeys/${journey.id}/versions`),
    ];
    expect(attempts.map((r) => r.statusCode)).toEqual(attempts.map(() => 404));
    expect(attempts.every((r) => r.json().error.code.startsWith('HERALD_ERR_'))).toBe(true);
    expect((await other('GET', '/api/materials')).json().items).toEqual([]);
    expect((await upload('kind=image', 'x.png', files.png, h.otherKey)).statusCode).toBe(201); // its own uploads work
    expect((await call('GET', `/api/materials/${material.id}`)).statusCode).toBe(200);
    expect((await call('GET', `/api/broadcasts/${message.id}`)).json()).toMatchObject({
      name: 'Private message',
      status: 'pending',
    });
  });

  it('documents every new route in /openapi.json', async () => {
    const doc = (await h.app.inject({ method: 'GET', url: '/openapi.json' })).json() as {
      paths: Record<string, Record<string, unknown>>;
    };
    expect(Object.keys(doc.paths['/api/materials']!)).toEqual(expect.arrayContaining(['get', 'post']));
    expect(Object.keys(doc.paths['/api/materials/{id}']!)).toEqual(expect.arrayContaining(['get', 'delete']));
    expect(Object.keys(doc.paths['/api/conversations/{contactId}/scheduled-messages']!)).toEqual(
      expect.arrayContaining(['get', 'post']),
    );
    expect(doc.paths['/api/conversations/{contactId}/scheduled-messages/{id}/cancel']).toHaveProperty('post');
    expect(doc.paths['/api/broadcasts/{id}']).toHaveProperty('put');
    expect(doc.paths['/api/journeys/{id}/versions']).toHaveProperty('get');
  });
});

describe('property-based: random bodies to every new write route', () => {
  it('never answers 500, and every refusal carries a code', async () => {
    const someone = await contact('fuzz-conv');
    const pending = (await say(someone, { name: 'Fuzz target' })).json();
    const routes: Array<['POST' | 'PUT', string]> = [
      ['POST', '/api/materials?kind=image'],
      ['POST', `/api/conversations/${someone}/scheduled-messages`],
      ['POST', '/api/conversations/not-a-uuid/scheduled-messages'],
      [
        'POST',
        `/api/conversations/${someone}/scheduled-messages/${pending.id}/cancel`.replace(
          pending.id,
          '00000000-0000-4000-8000-000000000000',
        ),
      ],
      ['PUT', `/api/broadcasts/${pending.id}`],
      ['PUT', '/api/broadcasts/00000000-0000-4000-8000-000000000000'],
    ];
    for (const [method, url] of routes) {
      await fc.assert(
        fc.asyncProperty(fc.oneof(fc.jsonValue(), fc.object(), fc.string()), async (body) => {
          const res = await h.app.inject({
            method,
            url,
            headers: { ...bearer(h.key), 'content-type': 'application/json' },
            payload: JSON.stringify(body),
          });
          expect(res.statusCode, `${method} ${url} ${JSON.stringify(body)}`).toBeLessThan(500);
          if (res.statusCode >= 400) expect(res.json().error.code).toMatch(/^HERALD_ERR_/);
        }),
        { numRuns: 60 },
      );
    }
    // Random bytes as the uploaded file, under any kind and name.
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ maxLength: 256 }),
        fc.constantFrom('image', 'voice', 'video', 'thumb', 'file', 'nope'),
        fc.string({ maxLength: 40 }),
        async (bytes, kind, name) => {
          const res = await upload(`kind=${kind}`, name.replace(/["\r\n]/g, ''), Buffer.from(bytes));
          expect(res.statusCode).toBeLessThan(500);
          if (res.statusCode >= 400) expect(res.json().error.code).toMatch(/^HERALD_ERR_/);
        },
      ),
      { numRuns: 100 },
    );
    // Random multipart framing.
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 300 }), async (raw) => {
        const res = await h.app.inject({
          method: 'POST',
          url: '/api/materials?kind=file',
          headers: { ...bearer(h.key), 'content-type': 'multipart/form-data; boundary=xyz' },
          payload: `--xyz\r\n${raw}`,
        });
        expect(res.statusCode).toBeLessThan(500);
        expect(res.json().error.code).toMatch(/^HERALD_ERR_/);
      }),
      { numRuns: 60 },
    );
    expect((await call('GET', `/api/broadcasts/${pending.id}`)).json().status).toBe('pending');
  });
});

describe('messages that attach a material', () => {
  it("refuses another workspace's material, or one not on the sending WeChat account, writing nothing", async () => {
    const local = (await upload('kind=image', 'local.png', files.png)).json();
    const foreign = (await upload('kind=image', 'foreign.png', files.png, h.otherKey)).json();
    const before = await count('broadcasts');
    const send = (account: string, method: string, materialId: string) =>
      call('POST', '/api/broadcasts', {
        name: 'With picture',
        channelAccountId: account,
        method,
        messages: [{ type: 'image', attachment: { materialId, filename: 'pic.png' } }],
        audience: { kind: 'all' },
        sendType: 'immediate',
      });
    for (const res of [await send(wechat, 'wechat_mass', local.id), await send(wecom, 'wecom_agent', foreign.id)]) {
      expect(res.statusCode).toBe(422);
      expect(res.json().error.code).toBe('HERALD_ERR_MATERIAL_NOT_FOUND');
    }
    expect(await count('broadcasts')).toBe(before);
  });

  it('keeps a material that a pending message attaches (409), deletes it once that message is canceled', async () => {
    const material = (await upload('kind=image', 'menu.png', files.png)).json();
    const guest = await contact('menu-guest');
    const message = await say(guest, {
      messages: [{ type: 'image', attachment: { materialId: material.id, filename: material.filename } }],
    });
    expect(message.statusCode).toBe(201);
    const refused = await call('DELETE', `/api/materials/${material.id}`);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('HERALD_ERR_MATERIAL_IN_USE');
    expect((await call('GET', `/api/materials/${material.id}`)).statusCode).toBe(200);
    await call('POST', `/api/conversations/${guest}/scheduled-messages/${message.json().id}/cancel`);
    expect((await call('DELETE', `/api/materials/${material.id}`)).statusCode).toBe(204);
  });
});

// Last: awaiting a workflow's result lets the time-skipping server jump its clock ahead.
describe('editing a pending broadcast (real worker, time-skipping Temporal)', () => {
  it('sends the new content to the new audience at the new time, never the old; no edit once completed', async () => {
    await contact('edit-a1', ['Edit-A']);
    await contact('edit-a2', ['Edit-A']);
    await contact('edit-b1', ['Edit-B']);
    const created = await call('POST', '/api/broadcasts', {
      name: 'Before edit',
      channelAccountId: wecom,
      method: 'wecom_agent',
      messages: text('old content'),
      audience: { kind: 'tags', mode: 'all', tagIds: [await tagId('Edit-A')], excludeTagIds: [] },
      sendType: 'timed',
      sendAt: minutes(10),
    });
    expect(created.statusCode).toBe(201);
    const id = created.json().id as string;
    const oldRun = (await call('GET', `/api/broadcasts/${id}`)).json().runId as string;
    // As in real life, the run's workflow is already waiting for its send time when the edit comes
    // (the time-skipping server stops skipping if a workflow is terminated mid-task).
    const waiting = async () =>
      ((await env.client.workflow.getHandle(`run/${oldRun}`).fetchHistory()).events ?? []).some(
        (e) => String(e.eventType) === '17' || String(e.eventType) === 'EVENT_TYPE_TIMER_STARTED',
      );
    await expect.poll(waiting, { timeout: 10_000 }).toBe(true);
    const tooSoon = await call('PUT', `/api/broadcasts/${id}`, { sendAt: minutes(2) });
    expect(tooSoon.statusCode).toBe(422);
    expect(tooSoon.json().error.code).toBe('HERALD_ERR_SEND_TIME_TOO_SOON');

    const newSendAt = minutes(20);
    const edited = await call('PUT', `/api/broadcasts/${id}`, {
      name: 'After edit',
      messages: text('new content'),
      audience: { kind: 'tags', mode: 'all', tagIds: [await tagId('Edit-B')], excludeTagIds: [] },
      sendAt: newSendAt,
    });
    expect(edited.statusCode).toBe(200);
    expect(edited.json()).toMatchObject({
      id,
      name: 'After edit',
      content: 'new content',
      status: 'pending',
      sendAt: new Date(newSendAt).toISOString(),
    });
    const detail = (await call('GET', `/api/broadcasts/${id}`)).json();
    expect(detail.runId).not.toBe(oldRun);
    expect((await env.client.workflow.getHandle(`run/${oldRun}`).describe()).status.name).toBe('TERMINATED');

    await env.client.workflow.getHandle(`run/${detail.runId}`).result();
    const sent = sandbox.store
      .query({ channel: 'wecom', method: 'agent' })
      .filter((m) => m.content.includes('content'));
    expect(sent.map((m) => [m.recipient, m.content])).toEqual([['wm-edit-b1', 'new content']]);
    const [run] = (await h.db.db.execute(
      sql`select started_at from runs where id = ${detail.runId}::uuid`,
    )) as unknown as Array<{ started_at: Date }>;
    expect(new Date(run!.started_at).getTime()).toBeGreaterThanOrEqual(Date.parse(newSendAt));
    const [old] = (await h.db.db.execute(
      sql`select status, (select count(*)::int from deliveries where run_id = ${oldRun}::uuid) as n from runs
        where id = ${oldRun}::uuid`,
    )) as unknown as Array<{ status: string; n: number }>;
    expect(old).toEqual({ status: 'canceled', n: 0 });

    await expect
      .poll(async () => (await call('GET', `/api/broadcasts/${id}`)).json().status, { timeout: 10_000 })
      .toBe('completed');
    const before = (await call('GET', `/api/broadcasts/${id}`)).json();
    const versions = await count('journey_versions');
    const refused = await call('PUT', `/api/broadcasts/${id}`, { name: 'Too late', messages: text('late content') });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('HERALD_ERR_INVALID_STATE');
    expect((await call('GET', `/api/broadcasts/${id}`)).json()).toEqual(before);
    expect(await count('journey_versions')).toBe(versions);
  });

  it('sends a WeChat image by the media id its material holds on that account', async () => {
    const material = (await upload(`kind=image&channelAccountId=${wechat}`, 'sale.png', files.png)).json();
    await call('POST', '/api/contacts/import', {
      contacts: [
        {
          externalId: 'pic-fan',
          name: 'Fan',
          identities: [{ kind: 'wechat_openid', value: 'openid-pic-fan', channelAccountId: wechat }],
        },
      ],
    });
    const fan = ((await call('GET', '/api/contacts?search=pic-fan')).json().items as Array<{ id: string }>)[0]!.id;
    const created = await call('POST', '/api/broadcasts', {
      name: 'Sale poster',
      channelAccountId: wechat,
      method: 'wechat_mass',
      messages: [{ type: 'image', attachment: { materialId: material.id, filename: material.filename } }],
      audience: { kind: 'contacts', contactIds: [fan] },
      sendType: 'immediate',
    });
    expect(created.statusCode).toBe(201);
    await env.client.workflow
      .getHandle(`run/${(await call('GET', `/api/broadcasts/${created.json().id}`)).json().runId}`)
      .result();
    expect(sandbox.store.query({ channel: 'wechat', recipient: 'openid-pic-fan' }).map((m) => m.content)).toEqual([
      `[image] ${material.platformMediaIds[wechat]}`,
    ]);
  });
});

describe('a chat broadcast to typed numbers (real worker, time-skipping Temporal)', () => {
  it('reaches every number, unknown ones as new dialog contacts, personalised; lists Total, Completed', async () => {
    const chat = (
      await call('POST', '/api/channel-accounts', {
        kind: 'chat_platform',
        name: 'Chat for numbers',
        baseUrl: sandbox.url,
        credentials: { token: 't' },
      })
    ).json().id as string;
    // One number a contact already holds on the account; two nobody holds.
    await call('POST', '/api/contacts/import', {
      contacts: [
        {
          externalId: 'chat-known',
          name: 'Mei',
          identities: [{ kind: 'chat_number', value: 'C-100', channelAccountId: chat }],
        },
      ],
    });
    const contactsBefore = await count('contacts');
    const created = await call('POST', '/api/broadcasts', {
      name: 'Chat numbers',
      channelAccountId: chat,
      method: 'chat_broadcast',
      messages: [{ type: 'text', text: 'Hi {{contact.name}}, chat C' }],
      audience: { kind: 'chat_numbers', numbers: ['C-100', ' C-101', 'C-102', 'C-101'] },
      sendType: 'immediate',
    });
    expect(created.statusCode).toBe(201);
    const detail = (await call('GET', `/api/broadcasts/${created.json().id}`)).json();
    await env.client.workflow.getHandle(`run/${detail.runId}`).result();
    // The two unknown numbers became dialog contacts on the account.
    expect(await count('contacts')).toBe(contactsBefore + 2);
    const got = sandbox.store
      .query({ channel: 'chat' })
      .filter((m) => m.content.endsWith('chat C'))
      .map((m) => [m.recipient, m.content])
      .sort();
    expect(got).toEqual([
      ['C-100', 'Hi Mei, chat C'],
      // A dialog contact made for a number is named by it.
      ['C-101', 'Hi C-101, chat C'],
      ['C-102', 'Hi C-102, chat C'],
    ]);
    await expect
      .poll(async () => {
        const item = (await call('GET', '/api/broadcasts?search=Chat numbers')).json().items[0];
        return [item.status, item.total, item.completed];
      })
      .toEqual(['completed', 3, 3]);
  });
});

describe('copy and resume of a timed broadcast', () => {
  it('a copy is a draft sending nothing until sent; a paused timed broadcast resumes pending, editable', async () => {
    await contact('copy-1', ['Copy-A']);
    const sendAt = await minutesAheadOfTemporal(30);
    const created = await call('POST', '/api/broadcasts', {
      name: 'To copy',
      channelAccountId: wecom,
      method: 'wecom_agent',
      messages: text('copied content'),
      audience: { kind: 'tags', mode: 'all', tagIds: [await tagId('Copy-A')], excludeTagIds: [] },
      sendType: 'timed',
      sendAt,
    });
    const id = created.json().id as string;
    const copy = await call('POST', `/api/broadcasts/${id}/copy`, {});
    expect(copy.statusCode).toBe(201);
    expect(copy.json()).toMatchObject({ status: 'draft', content: 'copied content' });
    const copied = (await call('GET', `/api/broadcasts/${copy.json().id}`)).json();
    expect(copied.runId).toBeNull();
    expect(copied.audience).toEqual((await call('GET', `/api/broadcasts/${id}`)).json().audience);

    expect((await call('POST', `/api/broadcasts/${id}/pause`)).json().status).toBe('paused');
    const resumed = await call('POST', `/api/broadcasts/${id}/resume`);
    expect(resumed.json()).toMatchObject({ status: 'pending', sendAt: new Date(sendAt).toISOString() });
    const pending = (await call('GET', '/api/broadcasts?status=pending&search=To copy')).json().items;
    expect(pending.map((b: { id: string }) => b.id)).toEqual([id]);
    const edited = await call('PUT', `/api/broadcasts/${id}`, { name: 'To copy, edited' });
    expect(edited.statusCode).toBe(200);

    // Sending the draft at a time makes it pending; nothing has gone out of either.
    const sent = await call('POST', `/api/broadcasts/${copy.json().id}/send`, {
      sendType: 'timed',
      sendAt: await minutesAheadOfTemporal(40),
    });
    expect(sent.json()).toMatchObject({ status: 'pending' });
    expect(sandbox.store.query({}).filter((m) => m.content.includes('copied content'))).toHaveLength(0);
  });
});

describe('a broadcast whose every send failed', () => {
  it('ends failed, not completed: a group message to a customer its owner no longer has', async () => {
    // In the sandbox corp's address book wm-a is Zhang San's customer only: Li Si's task cannot reach it.
    await fetch(`${sandbox.url}/_sandbox/wecom/directory`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ corpId: 'corp-resources' }),
    });
    await call('POST', '/api/employees', { wecomUserId: 'lisi', name: 'Li Si' });
    await call('POST', '/api/contacts/import', {
      contacts: [
        {
          externalId: 'lost-customer',
          name: 'Ann',
          identities: [{ kind: 'wecom_external_userid', value: 'wm-a' }],
          tags: ['Lost'],
          owners: ['lisi'],
        },
      ],
    });
    const created = await call('POST', '/api/broadcasts', {
      name: 'Nobody gets it',
      channelAccountId: wecom,
      method: 'wecom_group_msg',
      groupName: 'Lost',
      messages: text('lost content'),
      audience: { kind: 'tags', mode: 'all', tagIds: [await tagId('Lost')], excludeTagIds: [] },
      sendType: 'immediate',
    });
    expect(created.statusCode).toBe(201);
    const detail = (await call('GET', `/api/broadcasts/${created.json().id}`)).json();
    await env.client.workflow.getHandle(`run/${detail.runId}`).result();
    const after = (await call('GET', `/api/broadcasts/${created.json().id}`)).json();
    expect(after.stats).toMatchObject({ failed: 1, sent: 0, delivered: 0 });
    expect(after.status).toBe('failed');
  });
});

describe('a group message to a customer of two employees, one of whom the platform says no longer has them', () => {
  it('is delivered by the one who still has them; a customer of neither owner fails', async () => {
    // The sandbox corp's address book: wm-c is Li Si's customer only, wm-d Wang Wu's. Herald lists Zhang San and
    // Li Si as Cai's owners: Zhang San's task reads "not a customer", Li Si's "sent" — the best read wins, whatever
    // order the tasks are read in. Dan's only owner here, Zhang San, does not have him: failed.
    await fetch(`${sandbox.url}/_sandbox/wecom/directory`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ corpId: 'corp-resources' }),
    });
    await call('POST', '/api/employees', { wecomUserId: 'zhangsan', name: 'Zhang San' });
    const lisi = await call('POST', '/api/employees', { wecomUserId: 'lisi', name: 'Li Si' });
    expect([201, 409]).toContain(lisi.statusCode);
    await call('POST', '/api/contacts/import', {
      contacts: [
        {
          externalId: 'two-owners',
          name: 'Cai',
          identities: [{ kind: 'wecom_external_userid', value: 'wm-c' }],
          tags: ['Shared'],
          owners: ['zhangsan', 'lisi'],
        },
        {
          externalId: 'owner-lost',
          name: 'Dan',
          identities: [{ kind: 'wecom_external_userid', value: 'wm-d' }],
          tags: ['Shared'],
          owners: ['zhangsan'],
        },
      ],
    });
    const created = await call('POST', '/api/broadcasts', {
      name: 'Shared customers',
      channelAccountId: wecom,
      method: 'wecom_group_msg',
      groupName: 'Shared',
      messages: text('shared content'),
      audience: { kind: 'tags', mode: 'all', tagIds: [await tagId('Shared')], excludeTagIds: [] },
      sendType: 'immediate',
    });
    expect(created.statusCode).toBe(201);
    const detail = (await call('GET', `/api/broadcasts/${created.json().id}`)).json();
    await env.client.workflow.getHandle(`run/${detail.runId}`).result();
    const after = (await call('GET', `/api/broadcasts/${created.json().id}`)).json();
    expect(after.stats).toMatchObject({ delivered: 1, failed: 1 });
    const employees = (await call('GET', `/api/broadcasts/${created.json().id}/employees`)).json().items;
    expect(employees).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: 'Li Si', delivered: 1, undelivered: 0 }),
        expect.objectContaining({ name: 'Zhang San', delivered: 0, undelivered: 2 }),
      ]),
    );
  });
});
