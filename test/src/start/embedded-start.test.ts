// The real `./herald start` as a new user runs it: the shell script, from an empty data folder, on the
// embedded defaults (PGlite in its own thread, the Temporal dev server as a child, the sandbox), stopped by
// Ctrl-C and started again on the same folder.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort, repoRoot } from '@herald/runtime';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Pids of live processes whose environment carries `marker` (every descendant of the start inherits it). */
function processesMarked(marker: string): number[] {
  const found: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const environ = readFileSync(`/proc/${entry}/environ`, 'latin1');
      if (environ.includes(marker)) found.push(Number(entry));
    } catch {
      // Gone meanwhile, or not ours to read.
    }
  }
  return found;
}

/** Polls `probe` until it returns a value; the test's own timeout bounds the wait. */
async function until<T>(probe: () => Promise<T | undefined>, what: string, child: ChildProcess): Promise<T> {
  for (;;) {
    if (child.exitCode !== null) throw new Error(`./herald start exited (${child.exitCode}) while waiting for ${what}`);
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    await sleep(250);
  }
}

describe('./herald start on a fresh data folder and the embedded defaults', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'herald-embedded-'));
  const marker = `HERALD_START_TEST_MARK=${randomUUID()}`;
  let child: ChildProcess | undefined;
  afterAll(() => {
    // Only if the test failed half-way: stop what this test started, by its process group.
    if (child?.pid && child.exitCode === null) process.kill(-child.pid, 'SIGKILL');
    for (const pid of processesMarked(marker)) process.kill(pid, 'SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('serves the editor, sends a broadcast and an invitation, stops on Ctrl-C, keeps its data on restart', async () => {
    const [port, temporalPort, uiPort, sandboxPort, smtpPort] = await Promise.all(
      Array.from({ length: 5 }, () => freePort()),
    );
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      PORT: String(port),
      TEMPORAL_PORT: String(temporalPort),
      TEMPORAL_UI_PORT: String(uiPort),
      SANDBOX_PORT: String(sandboxPort),
      SANDBOX_SMTP_PORT: String(smtpPort),
      HERALD_DATA_DIR: dataDir,
      // Where marketers reach this Herald: invitation links start with it.
      HERALD_PUBLIC_URL: 'https://herald.example.test',
      [marker.split('=')[0]!]: marker.split('=')[1]!,
    };
    for (const name of ['DATABASE_URL', 'TEMPORAL_ADDRESS', 'HERALD_SANDBOX', 'HERALD_SECRET_KEY']) delete env[name];
    /** `./herald start`, serving once it printed its ready line. */
    const launch = async () => {
      // detached: its own process group, as a terminal's foreground job, so "Ctrl-C" reaches the whole group.
      const started = spawn(join(repoRoot, 'herald'), ['start'], { cwd: repoRoot, env, detached: true });
      child = started;
      const run = { started, output: '', exited: new Promise<number | null>((r) => started.on('exit', r)) };
      started.stdout!.on('data', (c: Buffer) => (run.output += c.toString()));
      started.stderr!.on('data', (c: Buffer) => (run.output += c.toString()));
      await until(async () => (run.output.includes('Press Ctrl-C') ? true : undefined), 'the ready line', started);
      return run;
    };
    const first = await launch();
    const { started } = first;
    const api = `http://127.0.0.1:${port}`;
    const sandbox = `http://127.0.0.1:${sandboxPort}`;

    const page = await fetch(`${api}/`);
    const html = await page.text();
    expect(page.status).toBe(200);
    expect(html).not.toContain('not built');
    const script = /<script[^>]+src="([^"]+\.js)"/.exec(html)?.[1];
    expect(script, 'index.html loads the editor bundle').toBeDefined();
    expect((await fetch(`${api}${script}`)).status).toBe(200);

    const { apiKey } = JSON.parse(readFileSync(join(dataDir, 'first-login.json'), 'utf8')) as { apiKey: string };
    expect(first.output).toContain(apiKey);
    const call = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
      const res = await fetch(`${api}${path}`, {
        method,
        headers: { authorization: `Bearer ${apiKey}`, ...(body ? { 'content-type': 'application/json' } : {}) },
        ...(body ? { body: JSON.stringify(body) } : {}),
      });
      if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
      return (await res.json()) as T;
    };
    const account = await call<{ id: string }>('POST', '/api/channel-accounts', {
      kind: 'wecom',
      name: 'Acme WeCom',
      baseUrl: sandbox,
      settings: { corpId: 'corp-start', agentId: 1000002 },
      credentials: { secret: 's' },
    });
    // An agent message goes through the employee who owns the contact; the sandbox's employee sends it on.
    await call('POST', '/api/employees', { wecomUserId: 'start-owner', name: 'Start Owner' });
    const contact = await call<{ id: string }>('POST', '/api/contacts', {
      externalId: 'fan-1',
      name: 'Mei',
      identities: [{ kind: 'wecom_external_userid', value: 'wm-mei' }],
      owners: ['start-owner'],
    });
    const broadcast = await call<{ id: string }>('POST', '/api/broadcasts', {
      name: 'First hello',
      channelAccountId: account.id,
      method: 'wecom_agent',
      messages: [{ type: 'text', text: 'Hello from a fresh start' }],
      audience: { kind: 'contacts', contactIds: [contact.id] },
      sendType: 'immediate',
    });

    // The app's signals: the broadcast's status, and the message in the sandbox.
    const detail = await until(
      async () => {
        const d = await call<{ status: string; stats: { pendingEmployee: number } }>(
          'GET',
          `/api/broadcasts/${broadcast.id}`,
        );
        return ['completed', 'failed', 'canceled'].includes(d.status) ? d : undefined;
      },
      'the broadcast to finish',
      started,
    );
    // Handed to the owning employee: waiting for them until the WeCom app's callback says they sent it (none here).
    expect(detail).toMatchObject({ status: 'completed', stats: { pendingEmployee: 1 } });
    type Arrived = { messages: Array<{ method: string; content: string; account: string }> };
    const arrived = await until(
      async () => {
        const got = (await (await fetch(`${sandbox}/_sandbox/messages?recipient=wm-mei`)).json()) as Arrived;
        return got.messages.length > 0 ? got : undefined;
      },
      'the employee to send the message on',
      started,
    );
    expect(arrived.messages).toEqual([
      expect.objectContaining({ method: 'agent', account: 'corp-start', content: 'Hello from a fresh start' }),
    ]);

    // An invitation goes out by the embedded sandbox's SMTP, its link on the public address.
    await call('POST', '/api/invitations', { email: 'lin@acme.test', role: 'marketer' });
    const mail = await until(
      async () => {
        const r = (await (await fetch(`${sandbox}/_sandbox/messages?recipient=lin@acme.test`)).json()) as {
          messages: Array<{ content: string }>;
        };
        return r.messages[0];
      },
      'the invitation email',
      started,
    );
    expect(mail.content).toMatch(/https:\/\/herald\.example\.test\/#\/invitation\/\S+/);

    const during = processesMarked(marker);
    expect(during.length, 'the start runs the Temporal dev server as a child').toBeGreaterThan(1);
    const stop = async (run: typeof first) => {
      process.kill(-run.started.pid!, 'SIGINT'); // Ctrl-C: the terminal signals the whole foreground group
      expect(await run.exited).toBe(0);
      expect(run.output).toContain('stopped.');
      // Herald stops its children before it exits, so the exit of the main process is the signal to look.
      const left = processesMarked(marker);
      expect(left, 'processes left running after Ctrl-C').toEqual([]);
    };
    await stop(first);

    // Started again on the same folder: the embedded database kept what the API wrote (and migrates again).
    const second = await launch();
    const contacts = await call<{ items: Array<{ id: string; name: string }> }>('GET', '/api/contacts');
    expect(contacts.items).toEqual([expect.objectContaining({ id: contact.id, name: 'Mei' })]);
    const accounts = await call<{ items: Array<{ id: string; name: string }> }>('GET', '/api/channel-accounts');
    expect(accounts.items).toEqual([expect.objectContaining({ id: account.id, name: 'Acme WeCom' })]);
    await stop(second);
  }, 360_000);
});
