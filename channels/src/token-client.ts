import type { Message } from '@herald/engine';
import { callJson, postForm } from './http';
import type { TokenCache } from './token-cache';
import type { AccountConfig } from './channel.types';

/** What every answer of WeChat's and WeCom's APIs may carry. */
export type PlatformAnswer = { errcode?: number; errmsg?: string };

/**
 * Where a platform issues an app's access token: WeChat's `/cgi-bin/token` for an AppID and its
 * AppSecret, WeCom's `/cgi-bin/gettoken` for a corp id and an app's secret. `path` names the app; the
 * secret goes in `secretParam` (added by the caller, so a form can show it blanked).
 */
export function tokenEndpoint(platform: 'wechat' | 'wecom', appId: string): { path: string; secretParam: string } {
  return platform === 'wechat'
    ? { path: `/cgi-bin/token?grant_type=client_credential&appid=${encodeURIComponent(appId)}`, secretParam: 'secret' }
    : { path: `/cgi-bin/gettoken?corpid=${encodeURIComponent(appId)}`, secretParam: 'corpsecret' };
}

/** The URL of an app's access token: the endpoint with its secret. */
export function tokenUrl(platform: 'wechat' | 'wecom', baseUrl: string, appId: string, secret: string): string {
  const { path, secretParam } = tokenEndpoint(platform, appId);
  return `${baseUrl}${path}&${secretParam}=${encodeURIComponent(secret)}`;
}

/** A file sent as the multipart field `media` (WeChat's materials, WeCom's temporary media). */
export interface MediaFile {
  filename: string;
  mime: string;
  bytes: Buffer;
}

/**
 * What the WeChat and WeCom adapters share: an account's calls carry its access token as
 * `?access_token=`, fetched and refreshed by the token cache; only where the token comes from differs.
 * `A` is what the platform's calls answer unless a call says otherwise.
 */
export abstract class TokenClient<A extends PlatformAnswer> {
  constructor(private readonly tokens: TokenCache) {}

  /** The cache key of the account's token (one per platform app) and the URL that issues it. */
  protected abstract tokenSource(account: AccountConfig): { key: string; url: string };

  private withToken<T extends PlatformAnswer>(account: AccountConfig, fn: (token: string) => Promise<T>): Promise<T> {
    const source = this.tokenSource(account);
    return this.tokens.withToken(source.key, source.url, fn);
  }

  /** `path` with the token and `query`: a POST of `body`, or a GET without one. */
  protected call<T extends PlatformAnswer = A>(
    account: AccountConfig,
    path: string,
    body: unknown,
    query: Record<string, string> = {},
  ): Promise<T> {
    const extra = new URLSearchParams(query).toString();
    return this.withToken(account, (token) =>
      callJson<T>(`${account.baseUrl}${path}?access_token=${token}${extra ? `&${extra}` : ''}`, body),
    );
  }

  /** A multipart upload of `file` as the field `media`, with any other `fields`, to `path` with the token. */
  protected upload<T extends PlatformAnswer>(
    account: AccountConfig,
    path: string,
    query: Record<string, string>,
    file: MediaFile,
    fields: Record<string, string> = {},
  ): Promise<T> {
    return this.withToken(account, (token) => {
      const form = new FormData();
      form.append('media', new Blob([new Uint8Array(file.bytes)], { type: file.mime }), file.filename);
      for (const [name, value] of Object.entries(fields)) form.append(name, value);
      return postForm<T>(`${account.baseUrl}${path}?access_token=${token}&${new URLSearchParams(query)}`, form);
    });
  }
}

/** A media message as both platforms write it: `{ msgtype, [msgtype]: { media_id } }`, with a video's title. */
export function mediaBody(
  msgtype: string,
  message: Extract<Message, { attachment: unknown }>,
): Record<string, unknown> {
  const title = message.type === 'video' ? { title: message.title } : {};
  return { msgtype, [msgtype]: { media_id: message.attachment.materialId, ...title } };
}

/** A one-article news message, the same on both platforms. */
export function newsBody(message: Extract<Message, { type: 'news' }>): Record<string, unknown> {
  const article = { title: message.title, description: message.description, url: message.url, picurl: message.picUrl };
  return { msgtype: 'news', news: { articles: [article] } };
}
