import type { Sandbox } from '@herald/sandbox';

/** Calls to a running sandbox as a provider's client makes them: JSON posts, and access tokens by their URL. */
export function sandboxCalls(sandbox: () => Sandbox) {
  /** POSTs `body` as JSON to `path`; the JSON answer. */
  const post = async (path: string, body: unknown): Promise<Record<string, unknown>> => {
    const res = await fetch(`${sandbox().url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return (await res.json()) as Record<string, unknown>;
  };
  /** The access token a GET of `path` (WeCom's gettoken, WeChat's token) gives. */
  const token = async (path: string): Promise<string> =>
    String(((await (await fetch(`${sandbox().url}${path}`)).json()) as Record<string, unknown>).access_token);
  return { post, token };
}
