// Test sends refused in a marketer's words: a contact with no address on the account, and "send to me"
// for a caller with no contact of their own. Nothing is recorded for a refused test.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addAccount, bearer, createApiHarness, type ApiHarness } from './api-harness';

let h: ApiHarness;
const call = async (method: 'GET' | 'POST', url: string, body?: unknown) =>
  h.app.inject({ method, url, headers: bearer(h.key), ...(body === undefined ? {} : { payload: body as object }) });
let wecom = '';

beforeAll(async () => {
  h = await createApiHarness();
  wecom = await addAccount(h, { kind: 'wecom', name: 'Test WeCom', settings: { corpId: 'corp-t', agentId: 1 } });
  await call('POST', '/api/contacts/import', { contacts: [{ externalId: 'no-addr', name: 'Nobody Reachable' }] });
});
afterAll(async () => {
  await h?.close();
});

describe('test sends', () => {
  const body = { method: 'wecom_agent', messages: [{ type: 'text', text: 'Hello' }] };
  it('refuses a contact with no address on the account, and "me" without a contact of my own', async () => {
    const contactId = (await call('GET', '/api/contacts?search=Nobody')).json().items[0].id as string;
    const unreachable = await call('POST', '/api/test-sends', { ...body, channelAccountId: wecom, contactId });
    expect(unreachable.statusCode).toBe(422);
    expect(unreachable.json().error).toMatchObject({ code: 'HERALD_ERR_TEST_NO_ADDRESS' });
    expect(unreachable.json().error.message).toContain('Nobody Reachable has no address');
    const me = await call('POST', '/api/test-sends', { ...body, channelAccountId: wecom });
    expect(me.statusCode).toBe(404);
    expect(me.json().error).toMatchObject({ code: 'HERALD_ERR_TEST_CONTACT_NOT_FOUND' });
  });
});
