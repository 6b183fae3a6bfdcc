import { z } from 'zod';
import { channelKinds, isValidTimeZone } from '@herald/engine';
import { idParams, itemsOf } from './common.contract';
import { create, get, patch, post } from './route.contract';

/** An IANA time zone an account's quotas count days and months in (blank: the platform's). */
const quotaTimeZone = z
  .string()
  .trim()
  .max(64)
  .refine((z) => z === '' || isValidTimeZone(z), 'an IANA time zone such as Asia/Shanghai');

export const quotaOverride = z.object({
  limit: z.number().int().min(0).optional(),
  window: z.enum(['minute', 'hour', 'day', 'week', 'month']).optional(),
  disabled: z.boolean().optional(),
});

/** A channel account as the API shows it: its credentials are write-only, only their names come back. */
export const accountBody = z.object({
  id: z.string(),
  kind: z.enum(channelKinds),
  name: z.string(),
  baseUrl: z.string(),
  settings: z.record(z.string(), z.unknown()),
  quotaOverrides: z.record(z.string(), z.unknown()),
  /**
   * The zone its quotas count days and months in: its own, else its platform's (China Standard Time for WeChat and
   * WeCom).
   */
  quotaTimeZone: z.string(),
  /** Whether `quotaTimeZone` is the account's own setting (false: the platform's default). */
  quotaTimeZoneSet: z.boolean(),
  hasCredentials: z.boolean(),
  /** Which credentials are stored (e.g. `secret`, `callbackToken`), never their values. */
  credentialNames: z.array(z.string()),
  /** A disabled account is offered for nothing new; what it already sent stays. */
  disabled: z.boolean(),
  /**
   * Where the platform posts its callbacks for this account (WeChat official accounts; a WeCom app's employees'
   * answers), as a path.
   */
  callbackPath: z.string().nullable(),
  createdAt: z.string(),
});
export type Account = z.infer<typeof accountBody>;

const settingsValue = z.record(z.string(), z.union([z.string(), z.number(), z.boolean()]));
const credentials = z.record(z.string(), z.string().max(2000));

export const accountInput = z.object({
  kind: z.enum(channelKinds),
  name: z.string().trim().min(1).max(100),
  baseUrl: z.url().max(500),
  settings: settingsValue.default({}),
  credentials: credentials.default({}),
  quotaOverrides: z.record(z.string(), quotaOverride).default({}),
  quotaTimeZone: quotaTimeZone.optional(),
});
export type AccountInput = z.input<typeof accountInput>;

/** An edit: fields left out keep their value; a credential given replaces only that credential. */
export const accountEdit = z.object({
  name: z.string().trim().min(1).max(100).optional(),
  baseUrl: z.url().max(500).optional(),
  settings: settingsValue.optional(),
  credentials: credentials.optional(),
  quotaOverrides: z.record(z.string(), quotaOverride).optional(),
  quotaTimeZone: quotaTimeZone.optional(),
  disabled: z.boolean().optional(),
});
export type AccountEdit = z.input<typeof accountEdit>;

/** Settings and credentials to try; with `id`, credentials left out are the stored ones. */
export const connectionTestInput = z.object({
  id: z.uuid().optional(),
  kind: z.enum(channelKinds),
  baseUrl: z.url().max(500),
  settings: settingsValue.default({}),
  credentials: credentials.default({}),
});
export type ConnectionTestInput = z.input<typeof connectionTestInput>;

/** What the provider answered, in a sentence, with the answer itself (tokens blanked). */
export const connectionTestResult = z.object({
  ok: z.boolean(),
  message: z.string(),
  /** The provider's address that was called (secrets blanked). */
  called: z.string().nullable(),
  answer: z.unknown(),
});
export type ConnectionTestResult = z.infer<typeof connectionTestResult>;

export const accountRoutes = {
  list: get('/api/channel-accounts', itemsOf(accountBody)),
  create: create('/api/channel-accounts', accountBody, { body: accountInput }),
  update: patch('/api/channel-accounts/:id', accountBody, {
    description:
      'Edit an account: fields left out keep their value, a credential given replaces only that one (blank keeps ' +
      'it), `disabled` stops offering it for anything new.',
    params: idParams,
    body: accountEdit,
  }),
  test: post('/api/channel-accounts/test', connectionTestResult, {
    description:
      "Calls the provider's token endpoint (WeChat, WeCom) or signs in to the SMTP server with these settings and " +
      "credentials, and answers what it said. With `id`, blank credentials are the account's stored ones.",
    body: connectionTestInput,
  }),
  templates: get(
    '/api/channel-accounts/:id/templates',
    z.object({
      items: z.array(
        z.object({
          templateId: z.string(),
          title: z.string(),
          content: z.string(),
          fields: z.array(z.string()),
          /** A live journey or a broadcast not yet over sends it. */
          inUse: z.boolean(),
        }),
      ),
      /** How many of the account's templates are in use, of at most `limit` (WeChat: 25). */
      inUse: z.number(),
      limit: z.number(),
    }),
    { params: idParams },
  ),
};
