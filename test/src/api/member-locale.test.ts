// A member's editor language is kept for the member (not the browser), so it follows them to a new session.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createApiHarness, type ApiHarness } from './api-harness';

let h: ApiHarness;
beforeAll(async () => {
  h = await createApiHarness();
});
afterAll(async () => {
  await h?.close();
});

/** Signs in as the harness's member and answers the session cookie. */
async function signIn(): Promise<Record<string, string>> {
  const login = await h.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { email: h.email, password: h.password },
  });
  expect(login.json().member.locale).toBeNull();
  return { herald_session: login.cookies.find((c) => c.name === 'herald_session')!.value };
}

describe("a member's language", () => {
  it('is none until chosen, then follows the member into a new session, and can be cleared', async () => {
    const first = await signIn();
    const set = await h.app.inject({
      method: 'PATCH',
      url: '/api/auth/me',
      cookies: first,
      payload: { locale: 'zh-CN' },
    });
    expect(set.statusCode).toBe(200);
    expect(set.json().member).toMatchObject({ email: h.email, locale: 'zh-CN' });

    const login = await h.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: h.email, password: h.password },
    });
    expect(login.json().member.locale).toBe('zh-CN');
    const second = { herald_session: login.cookies.find((c) => c.name === 'herald_session')!.value };
    const me = await h.app.inject({ method: 'GET', url: '/api/auth/me', cookies: second });
    expect(me.json().member.locale).toBe('zh-CN');

    const cleared = await h.app.inject({
      method: 'PATCH',
      url: '/api/auth/me',
      cookies: second,
      payload: { locale: null },
    });
    expect(cleared.json().member.locale).toBeNull();
  });

  it('refuses a language the editor does not speak, and a caller that is an API key', async () => {
    const cookies = await signIn();
    const unknown = await h.app.inject({ method: 'PATCH', url: '/api/auth/me', cookies, payload: { locale: 'fr' } });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.code).toBe('HERALD_ERR_VALIDATION');
    const key = await h.app.inject({
      method: 'PATCH',
      url: '/api/auth/me',
      headers: bearer(h.key),
      payload: { locale: 'en' },
    });
    expect(key.statusCode).toBe(400);
    expect(key.json().error.code).toBe('HERALD_ERR_BAD_REQUEST');
    const me = await h.app.inject({ method: 'GET', url: '/api/auth/me', cookies });
    expect(me.json().member.locale).toBeNull();
  });
});
