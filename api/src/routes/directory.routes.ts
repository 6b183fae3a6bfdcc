import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  and,
  asc,
  eq,
  channelAccounts,
  employees,
  groupChats,
  tags,
  workspaces,
  encryptSecret,
  channelKinds,
  isUniqueViolation,
} from '@herald/db';
import { frequencyCapSchema, quietHoursSchema, workspaceSettingsSchema } from '@herald/engine';
import { checkEgress, egressPolicy } from '@herald/channels';
import type { AppDeps } from '../deps';
import { HeraldError, notFound } from '../errors/herald-error';
import { requireCaller } from '../plugins/auth.plugin';
import { errors } from '../schemas/common.schema';

const quietHoursBody = z.object({ start: z.string(), end: z.string(), timezone: z.string() });
const settingsBody = z.object({
  frequencyCap: frequencyCapSchema.nullable(),
  quietHours: quietHoursBody.nullable(),
  updatedBy: z.string().nullable(),
  updatedAt: z.string().nullable(),
});
const toSettings = (raw: unknown) => {
  const stored = (raw ?? {}) as { updatedBy?: string | null; updatedAt?: string | null };
  const parsed = workspaceSettingsSchema.safeParse(raw ?? {});
  return {
    frequencyCap: parsed.success ? parsed.data.frequencyCap : null,
    quietHours: parsed.success ? parsed.data.quietHours : null,
    updatedBy: stored.updatedBy ?? null,
    updatedAt: stored.updatedAt ?? null,
  };
};

const tagBody = z.object({ id: z.string(), name: z.string() });
const employeeBody = z.object({ id: z.string(), wecomUserId: z.string(), name: z.string() });
const groupChatBody = z.object({
  id: z.string(),
  chatId: z.string(),
  name: z.string(),
  ownerEmployeeId: z.string().nullable(),
});
const accountBody = z.object({
  id: z.string(),
  kind: z.enum(channelKinds),
  name: z.string(),
  baseUrl: z.string(),
  settings: z.record(z.string(), z.unknown()),
  quotaOverrides: z.record(z.string(), z.unknown()),
  hasCredentials: z.boolean(),
});
const quotaOverride = z.object({
  limit: z.number().int().min(0).optional(),
  window: z.enum(['minute', 'hour', 'day', 'week', 'month']).optional(),
  disabled: z.boolean().optional(),
});

/** A unique-violation from PostgreSQL, as a 409 saying `what` already exists. */
function conflictOn(error: unknown, what: string): never {
  if (isUniqueViolation(error)) throw HeraldError.of('HERALD_ERR_CONFLICT', { what });
  throw error;
}

/** /api/tags, /api/employees, /api/group-chats, /api/channel-accounts (credentials write-only). */
export const directoryRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  const { db } = deps;

  app.get(
    '/api/tags',
    { schema: { tags: ['contacts'], response: { 200: z.object({ items: z.array(tagBody) }), ...errors } } },
    async (request) => {
      const caller = requireCaller(request);
      return {
        items: await db
          .select({ id: tags.id, name: tags.name })
          .from(tags)
          .where(eq(tags.workspaceId, caller.workspaceId))
          .orderBy(asc(tags.name)),
      };
    },
  );
  app.post(
    '/api/tags',
    {
      schema: {
        tags: ['contacts'],
        body: z.object({ name: z.string().trim().min(1).max(100) }),
        response: { 201: tagBody, ...errors },
      },
    },
    async (request, reply) => {
      const caller = requireCaller(request);
      const [row] = await db
        .insert(tags)
        .values({ workspaceId: caller.workspaceId, name: request.body.name })
        .returning()
        .catch((e) => conflictOn(e, `A tag named "${request.body.name}"`));
      return reply.status(201).send({ id: row!.id, name: row!.name });
    },
  );

  app.get(
    '/api/employees',
    { schema: { tags: ['contacts'], response: { 200: z.object({ items: z.array(employeeBody) }), ...errors } } },
    async (request) => {
      const caller = requireCaller(request);
      return {
        items: await db
          .select({ id: employees.id, wecomUserId: employees.wecomUserId, name: employees.name })
          .from(employees)
          .where(eq(employees.workspaceId, caller.workspaceId))
          .orderBy(asc(employees.name)),
      };
    },
  );
  app.post(
    '/api/employees',
    {
      schema: {
        tags: ['contacts'],
        body: z.object({ wecomUserId: z.string().trim().min(1).max(64), name: z.string().trim().min(1).max(100) }),
        response: { 201: employeeBody, ...errors },
      },
    },
    async (request, reply) => {
      const caller = requireCaller(request);
      const [row] = await db
        .insert(employees)
        .values({ workspaceId: caller.workspaceId, ...request.body })
        .returning()
        .catch((e) => conflictOn(e, 'An employee with that WeCom user id'));
      return reply.status(201).send({ id: row!.id, wecomUserId: row!.wecomUserId, name: row!.name });
    },
  );

  app.get(
    '/api/group-chats',
    { schema: { tags: ['contacts'], response: { 200: z.object({ items: z.array(groupChatBody) }), ...errors } } },
    async (request) => {
      const caller = requireCaller(request);
      return {
        items: await db
          .select({
            id: groupChats.id,
            chatId: groupChats.chatId,
            name: groupChats.name,
            ownerEmployeeId: groupChats.ownerEmployeeId,
          })
          .from(groupChats)
          .where(eq(groupChats.workspaceId, caller.workspaceId)),
      };
    },
  );
  app.post(
    '/api/group-chats',
    {
      schema: {
        tags: ['contacts'],
        body: z.object({
          chatId: z.string().trim().min(1).max(64),
          name: z.string().trim().min(1).max(100),
          ownerEmployeeId: z.uuid().optional(),
        }),
        response: { 201: groupChatBody, ...errors },
      },
    },
    async (request, reply) => {
      const caller = requireCaller(request);
      if (request.body.ownerEmployeeId) {
        const [owner] = await db
          .select()
          .from(employees)
          .where(and(eq(employees.id, request.body.ownerEmployeeId), eq(employees.workspaceId, caller.workspaceId)));
        if (!owner) throw notFound('The owning employee');
      }
      const [row] = await db
        .insert(groupChats)
        .values({
          workspaceId: caller.workspaceId,
          chatId: request.body.chatId,
          name: request.body.name,
          ownerEmployeeId: request.body.ownerEmployeeId ?? null,
        })
        .returning()
        .catch((e) => conflictOn(e, 'That group chat'));
      return reply
        .status(201)
        .send({ id: row!.id, chatId: row!.chatId, name: row!.name, ownerEmployeeId: row!.ownerEmployeeId });
    },
  );

  const toAccount = (r: typeof channelAccounts.$inferSelect) => ({
    id: r.id,
    kind: r.kind,
    name: r.name,
    baseUrl: r.baseUrl,
    settings: r.settings,
    quotaOverrides: r.quotaOverrides,
    hasCredentials: r.credentialsEncrypted.length > 0,
  });
  app.get(
    '/api/channel-accounts',
    { schema: { tags: ['channels'], response: { 200: z.object({ items: z.array(accountBody) }), ...errors } } },
    async (request) => {
      const caller = requireCaller(request);
      return {
        items: (
          await db
            .select()
            .from(channelAccounts)
            .where(eq(channelAccounts.workspaceId, caller.workspaceId))
            .orderBy(asc(channelAccounts.name))
        ).map(toAccount),
      };
    },
  );
  app.post(
    '/api/channel-accounts',
    {
      schema: {
        tags: ['channels'],
        body: z.object({
          kind: z.enum(channelKinds),
          name: z.string().trim().min(1).max(100),
          baseUrl: z.string().url().max(500),
          settings: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).default({}),
          credentials: z.record(z.string(), z.string().max(2000)).default({}),
          quotaOverrides: z.record(z.string(), quotaOverride).default({}),
        }),
        response: { 201: accountBody, ...errors },
      },
    },
    async (request, reply) => {
      const caller = requireCaller(request);
      const { credentials, ...rest } = request.body;
      // Where the worker will call: refused here already when this Herald's egress policy forbids it.
      await checkEgress(
        egressPolicy(),
        rest.baseUrl,
        rest.kind === 'email' ? ['smtp:', 'smtps:'] : ['http:', 'https:'],
      ).catch((error: Error) => {
        throw HeraldError.of('HERALD_ERR_CHANNEL_TARGET_REFUSED', { reason: error.message });
      });
      const [row] = await db
        .insert(channelAccounts)
        .values({
          workspaceId: caller.workspaceId,
          ...rest,
          credentialsEncrypted: encryptSecret(JSON.stringify(credentials), deps.secretKey),
        })
        .returning()
        .catch((e) => conflictOn(e, `A channel account named "${rest.name}"`));
      return reply.status(201).send(toAccount(row!));
    },
  );

  // Workspace-wide settings the marketer sets (frequency cap, quiet hours). Every change records who made it.
  app.get(
    '/api/workspace/settings',
    { schema: { tags: ['workspace'], response: { 200: settingsBody, ...errors } } },
    async (request) => {
      const caller = requireCaller(request);
      const [row] = await db
        .select({ settings: workspaces.settings })
        .from(workspaces)
        .where(eq(workspaces.id, caller.workspaceId));
      return toSettings(row?.settings);
    },
  );
  app.put(
    '/api/workspace/settings',
    {
      schema: {
        tags: ['workspace'],
        body: z
          .object({
            frequencyCap: frequencyCapSchema.nullable().optional(),
            quietHours: quietHoursSchema.nullable().optional(),
          })
          .strict(),
        response: { 200: settingsBody, ...errors },
      },
    },
    async (request) => {
      const caller = requireCaller(request);
      const [row] = await db
        .select({ settings: workspaces.settings })
        .from(workspaces)
        .where(eq(workspaces.id, caller.workspaceId));
      // Only the settings named in the body change.
      const settings = {
        ...(row?.settings ?? {}),
        ...request.body,
        updatedBy: caller.memberId,
        updatedAt: new Date().toISOString(),
      };
      await db.update(workspaces).set({ settings, updatedAt: new Date() }).where(eq(workspaces.id, caller.workspaceId));
      return toSettings(settings);
    },
  );
};
