// The editor in English and in Simplified Chinese, in a real browser: the browser's language is the
// default, a member's choice is kept through the API and follows them to another browser, and words,
// numbers, dates, validator issues and API errors all come in the member's language.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { FastifyInstance } from 'fastify';
import { freePort, repoRoot } from '@herald/runtime';
import { buildApp } from '@herald/api';
import { addAccount, apiJson, createApiHarness, type ApiHarness } from '../api/api-harness';
import { launchChromium } from './browser';

let browser: Browser;
let h: ApiHarness;
let app: FastifyInstance;
let base: string;
let journeyId: string;
let contactId: string;

beforeAll(async () => {
  [h, browser] = await Promise.all([createApiHarness(), launchChromium()]);
  app = await buildApp(h.deps, { editorDir: join(repoRoot, 'editor/dist') });
  base = await app.listen({ host: '127.0.0.1', port: await freePort() });
  const post = (url: string, body: unknown) => apiJson(h, 'POST', url, body);
  const wechat = await addAccount(h, { kind: 'wechat_service', name: 'Acme OA' });
  const wecom = await addAccount(h, { kind: 'wecom', name: 'Acme WeCom', settings: { corpId: 'c', agentId: 1 } });
  contactId = (
    await post('/api/contacts', {
      externalId: 'crm-1',
      name: 'Mei',
      identities: [{ kind: 'phone', value: '+8613800000000' }],
      tags: [],
    })
  ).id;
  // Follow → wait 1,200 minutes → a message left empty (the validator says so).
  journeyId = (
    await post('/api/journeys', {
      name: 'Welcome',
      graph: {
        nodes: [
          { id: 'follow', kind: 'follow', position: { x: 0, y: 0 }, data: { channelAccountId: wechat } },
          {
            id: 'wait',
            kind: 'wait',
            position: { x: 0, y: 160 },
            data: { duration: { amount: 1200, unit: 'minutes' } },
          },
          {
            id: 'welcome',
            kind: 'send',
            position: { x: 0, y: 320 },
            data: {
              channelAccountId: wecom,
              channel: 'wecom',
              method: 'wecom_agent',
              type: 'contacts',
              messages: [{ type: 'text', text: '' }],
            },
          },
        ],
        edges: [
          { id: 'e1', source: 'follow', target: 'wait' },
          { id: 'e2', source: 'wait', target: 'welcome' },
        ],
        settings: { reentry: { mode: 'never' } },
      },
    })
  ).id;
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await app?.close();
  await h?.close();
});

/** A fresh browser whose preferred language is `locale`, on the sign-in page. */
async function openAs(locale: string): Promise<Page> {
  const context = await browser.newContext({ locale, viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  await page.goto(base);
  return page;
}

/** Signs in through the form, whose words are in the page's language. */
async function signIn(page: Page, words: { email: string; password: string; signIn: string }, password = h.password) {
  await page.getByLabel(words.email).fill(h.email);
  await page.getByLabel(words.password).fill(password);
  await page.getByRole('button', { name: words.signIn }).click();
}

/** The validator's issue about the empty message, once the journey is loaded and checked. */
const emptyMessageIssue = (page: Page) =>
  page.getByTestId('issues-panel').locator('[data-code="HERALD_ERR_EMPTY_MESSAGE"]');

/** What the test's own data calls things (names it gave), and names that stay as they are in Chinese. */
const names = new RegExp(
  [
    /\S+:\/\/\S+|\S+@\S+\.\S+|Acme OA|Acme WeCom|Welcome|Mei|Admin|first key|Default workspace|Other|Herald|API/,
    /CSV|XLSX|SMTP|Webhook|Token|Secret|URL|HTTPS?|UTC|ID|IP|Asia\/Shanghai|openid|AppID|AgentId|Corp ID/,
  ]
    .map((part) => part.source)
    .join('|'),
  'g',
);

/** Opens a page of the editor and checks it reads in Chinese: English words there are the editor's bare strings. */
async function expectChinese(page: Page, hash: string, codes?: string) {
  await page.goto(`${base}/${hash}`);
  await page.locator('.content h2, .content h1').first().waitFor();
  await page.locator('.content .loading').first().waitFor({ state: 'detached' });
  let text = await page.locator('.content').innerText();
  // Rows that show codes as recorded (the audit trail's actions and changed fields) are data, not words.
  if (codes) for (const shown of await page.locator(codes).allInnerTexts()) text = text.replace(shown, ' ');
  // As the bare-strings lint reads English: words in a phrase, or capitalised; a lone lowercase code (tags) passes.
  const english = (text.replace(names, ' ').match(/[A-Za-z]{2,}(?:[ '’-][A-Za-z]{2,})*/g) ?? []).filter(
    (w) => /\s/.test(w) || /^[A-Z]/.test(w),
  );
  expect(english, `${hash}: ${text.slice(0, 300)}`).toEqual([]);
  expect(text, hash).toMatch(/[\u4e00-\u9fff]/);
}

const english = { email: 'Email', password: 'Password', signIn: 'Sign in' };
const chinese = { email: '邮箱', password: '密码', signIn: '登录' };

/** Chooses a language in the nav's switch and waits for the API to keep it. */
async function choose(page: Page, switchName: string, locale: 'en' | 'zh-CN') {
  const saved = page.waitForResponse((r) => r.url().endsWith('/api/auth/me') && r.request().method() === 'PATCH');
  await page.getByRole('combobox', { name: switchName }).selectOption(locale);
  expect((await saved).status()).toBe(200);
}

describe('the editor in English', () => {
  it('speaks English to an English browser: nav, dates, numbers, the canvas and its issues', async () => {
    const page = await openAs('en-US');
    await signIn(page, english);
    await page.getByRole('heading', { name: 'Journeys' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(await page.getByRole('combobox', { name: 'Language' }).inputValue()).toBe('en');
    const row = page.getByTestId('journeys-table').getByRole('row', { name: /Welcome/ });
    expect(await row.innerText()).toMatch(/[A-Z][a-z]{2} \d{1,2}, \d{4}/); // "Nov 29, 2026, 5:55 PM"
    expect(await row.innerText()).toContain('Draft');

    await page.goto(`${base}/#/journeys/${journeyId}`);
    await page.getByRole('heading', { name: 'Triggers' }).waitFor();
    expect(await page.getByTestId('node-wait').locator('.node-summary').innerText()).toBe('1,200 minutes');
    expect(await page.getByTestId('node-follow').innerText()).toContain('Follows the account');
    expect(await emptyMessageIssue(page).innerText()).toContain('is empty; write something to send');
    await page.getByTestId('inspector').getByRole('heading', { name: 'Journey settings' }).waitFor();
    await page.context().close();
  });
});

describe('the editor in Simplified Chinese', () => {
  it("defaults to a Chinese browser's language, before and after sign-in, API errors included", async () => {
    const page = await openAs('zh-CN');
    await page.getByRole('button', { name: '登录' }).waitFor();
    await signIn(page, chinese, 'not the password');
    // The alert appears once the API has answered (checking a password takes a while on a busy machine).
    expect(await page.getByRole('alert').textContent()).toBe('邮箱和密码不匹配任何成员。');
    await signIn(page, chinese);
    await page.getByRole('heading', { name: '旅程' }).waitFor();
    expect(await page.getByRole('link', { name: '群发', exact: true }).count()).toBe(1);
    await page.context().close();
  });

  it("keeps the member's choice through the API: another browser in English opens in Chinese", async () => {
    const first = await openAs('en-US');
    await signIn(first, english);
    await first.getByRole('heading', { name: 'Journeys' }).waitFor();
    await choose(first, 'Language', 'zh-CN');
    await first.getByRole('heading', { name: '旅程' }).waitFor();
    await first.context().close();

    const page = await openAs('en-US');
    await signIn(page, english);
    await page.getByRole('heading', { name: '旅程' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');
    expect(await page.getByRole('combobox', { name: '语言' }).inputValue()).toBe('zh-CN');
    const row = page.getByTestId('journeys-table').getByRole('row', { name: /Welcome/ });
    expect(await row.innerText()).toMatch(/\d{4}年\d{1,2}月\d{1,2}日/); // "2026年11月29日 17:55"
    expect(await row.innerText()).toContain('草稿');

    await page.goto(`${base}/#/journeys/${journeyId}`);
    await page.getByRole('heading', { name: '触发器' }).waitFor();
    expect(await page.getByTestId('node-wait').locator('.node-summary').innerText()).toBe('1,200 分钟');
    expect(await page.getByTestId('node-follow').innerText()).toContain('关注公众号');
    const emptyMessage = '「发送消息」：消息内容为空，请填写要发送的内容。';
    expect(await emptyMessageIssue(page).innerText()).toContain(emptyMessage);
    await page.getByTestId('inspector').getByRole('heading', { name: '旅程设置' }).waitFor();
    expect(await page.getByTestId('publish').innerText()).toBe('发布');

    // Every section of the nav, in Chinese: its heading, and no English words of the editor's own on it.
    for (const section of await page.locator('nav.nav a').evaluateAll((as) => as.map((a) => a.getAttribute('href')!)))
      await expectChinese(page, section, section === '#/audit' ? '[data-testid="audit-row"]' : undefined);
    await expectChinese(page, '#/broadcasts/new');
    await expectChinese(page, `#/contacts/${contactId}/timeline`);
    await page.goto(`${base}/#/journeys/${journeyId}`);
    await page.getByRole('heading', { name: '触发器' }).waitFor();

    // Back to English in place: the canvas re-renders without a reload, and the choice is kept again.
    await choose(page, '语言', 'en');
    await page.getByRole('heading', { name: 'Triggers' }).waitFor();
    expect(await page.getByTestId('node-wait').locator('.node-summary').innerText()).toBe('1,200 minutes');
    await page.context().close();
  });
});
