import { createHmac } from 'node:crypto';
import { z } from 'zod';
import type { FastifyInstance } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { channelAccountById, decryptSecret, safeEqual, type ChannelAccountRow } from '@herald/db';
import type { AppDeps } from '../deps';
import { HeraldError, notFound } from '../errors/herald-error';
import { zodProblem } from '../errors/zod-problem';

// What the HMAC-signed webhooks (receipts, WeCom's callback, forms) share: the body kept raw (the signature covers the
// exact bytes), the signature and timestamp headers, and their check.

/** The signature of a signed webhook (and of the sandbox's posts): HMAC-SHA256 of `${timestamp}.${body}`. */
export function receiptSignature(secret: string, timestamp: string, rawBody: string): string {
  return createHmac('sha256', secret).update(`${timestamp}.${rawBody}`).digest('hex');
}

/** The headers a signed webhook carries. */
export const signedHeaders = z
  .object({ 'x-herald-signature': z.string().max(200), 'x-herald-timestamp': z.string().regex(/^\d{1,12}$/) })
  .passthrough();

/** The body of a signed webhook, as its exact text and parsed (see `acceptRawJson`). */
export const signedBody = z.object({ raw: z.string(), json: z.unknown() });

/** Reads JSON bodies in this plugin's scope as `{ raw, json }`, refusing text that is not JSON. */
export function acceptRawJson(app: FastifyInstance, bodyLimit: number): void {
  app.addContentTypeParser('application/json', { parseAs: 'string', bodyLimit }, (_request, raw, done) => {
    try {
      done(null, { raw, json: JSON.parse(raw as string) as unknown });
    } catch {
      done(HeraldError.of('HERALD_ERR_MALFORMED_BODY', { problem: 'it is not valid JSON' }), undefined);
    }
  });
}

/**
 * Refuses a signed body whose signature does not match `secret` (undefined: none is configured, so
 * nothing matches), or whose timestamp is more than 5 minutes from now either way (a replay).
 */
export function verifySigned(p: {
  secret: string | undefined;
  headers: z.infer<typeof signedHeaders>;
  raw: string;
  /** What signed it ("form", "receipt"), and the secret's name, for the refusal. */
  what: string;
  secretName: string;
}): void {
  const timestamp = p.headers['x-herald-timestamp'];
  if (!p.secret || !safeEqual(receiptSignature(p.secret, timestamp, p.raw), p.headers['x-herald-signature']))
    throw HeraldError.of('HERALD_ERR_BAD_SIGNATURE', { what: p.what, secret: p.secretName });
  if (Math.abs(Date.now() / 1000 - Number(timestamp)) > 300)
    throw HeraldError.of('HERALD_ERR_REPLAY', { what: p.what });
}

/** A signed body's JSON read by `schema`; 400 naming `what` when it does not fit. */
export function parseSigned<T extends z.ZodType>(schema: T, json: unknown, what: string): z.output<T> {
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw HeraldError.of('HERALD_ERR_VALIDATION', { what, problem: zodProblem(parsed.error) });
  return parsed.data;
}

/** The options of a signed webhook's route: public (the signature is the proof), its path parameters and answers. */
export function signedRoute<P extends z.ZodType, R extends Record<number, z.ZodType>>(params: P, response: R) {
  return {
    config: { permission: 'public' as const },
    schema: { tags: ['webhooks'], params, headers: signedHeaders, body: signedBody, response },
  };
}

/** A channel account with its credentials decrypted. */
export interface KnownAccount {
  account: ChannelAccountRow;
  credentials: Record<string, string | undefined>;
}

const knownAccounts = new WeakMap<object, Map<string, { at: number; found: Promise<KnownAccount | null> }>>();

/**
 * The channel account a platform's callback names, with its credentials (null: no such account), read
 * once every 5 s per account rather than on every callback: platforms post thousands a minute (a QR code at
 * an event, employees working through a journey's requests). A changed secret applies within 5 s.
 */
export function callbackAccount(
  deps: Pick<AppDeps, 'db' | 'secretKey'>,
  accountId: string,
): Promise<KnownAccount | null> {
  let accounts = knownAccounts.get(deps.db);
  if (!accounts) knownAccounts.set(deps.db, (accounts = new Map()));
  const hit = accounts.get(accountId);
  if (hit && Date.now() - hit.at < 5_000) return hit.found;
  const found = channelAccountById(deps.db, { id: accountId }).then((account) =>
    account
      ? {
          account,
          credentials: JSON.parse(
            decryptSecret(account.credentialsEncrypted, deps.secretKey),
          ) as KnownAccount['credentials'],
        }
      : null,
  );
  found.catch(() => accounts.delete(accountId));
  if (accounts.size > 10_000) accounts.clear();
  accounts.set(accountId, { at: Date.now(), found });
  return found;
}

/**
 * The channel account a signed callback names in its URL, once the signature checks out with the
 * secret its credentials keep under `secret` (404 when there is no such account, or not of `kind`).
 */
export async function signedAccount(
  deps: Pick<AppDeps, 'db' | 'secretKey'>,
  request: { params: { accountId: string }; headers: z.infer<typeof signedHeaders>; body: { raw: string } },
  p: { kind?: ChannelAccountRow['kind']; accountName: string; secret: string; what: string; secretName: string },
): Promise<ChannelAccountRow> {
  const known = await callbackAccount(deps, request.params.accountId);
  if (!known || (p.kind && known.account.kind !== p.kind)) throw notFound(p.accountName);
  const { account, credentials } = known;
  verifySigned({
    secret: credentials[p.secret],
    headers: request.headers,
    raw: request.body.raw,
    what: p.what,
    secretName: p.secretName,
  });
  return account;
}

/**
 * The plugin of a channel account's signed callback (`path` ends in `:accountId`): a JSON body of at most 1 MiB,
 * checked with the secret the account's credentials keep (see `signedAccount`), read by `body` (400 naming `what`)
 * and handed to `apply`, whose result is the 200 answer.
 */
export function accountWebhook<B extends z.ZodType, R extends z.ZodType>(spec: {
  path: `/webhooks/${string}/:accountId`;
  account: Parameters<typeof signedAccount>[2];
  body: B;
  what: string;
  response: R;
  apply: (deps: AppDeps, account: ChannelAccountRow, body: z.output<B>) => Promise<z.input<R>>;
}): FastifyPluginAsyncZod<{ deps: AppDeps }> {
  // Fastify cannot resolve the reply type of a generic schema: `apply` is held to `response` where a spec is written.
  const answer: z.ZodType = spec.response;
  return async (app, { deps }) => {
    acceptRawJson(app, 1024 * 1024);
    app.post(spec.path, signedRoute(z.object({ accountId: z.uuid() }), { 200: answer }), async (request) => {
      const account = await signedAccount(deps, request, spec.account);
      return spec.apply(deps, account, parseSigned(spec.body, request.body.json, spec.what));
    });
  };
}
