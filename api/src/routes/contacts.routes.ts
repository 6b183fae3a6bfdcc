import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { and, eq, sql, contactIdentities, contactTags, contacts, tags, upsertContacts, uuidList } from '@herald/db';
import type { AppDeps } from '../deps';
import { HeraldError, notFound } from '../errors/herald-error';
import { requireCaller } from '../plugins/auth.plugin';
import { errors, idParams } from '../schemas/common.schema';
import { contactInput, parseContactsCsv } from '../services/contacts.service';

const contactBody = z.object({
  id: z.string(),
  externalId: z.string().nullable(),
  name: z.string(),
  attributes: z.record(z.string(), z.unknown()),
  unsubscribed: z.boolean(),
  identities: z.array(z.object({ kind: z.string(), value: z.string(), channelAccountId: z.string().nullable() })),
  tags: z.array(z.object({ id: z.string(), name: z.string() })),
  createdAt: z.string(),
});
const importBody = z.object({ contacts: z.array(contactInput).min(1).max(100_000) });

/** /api/contacts: create, bulk import (JSON or CSV, idempotent on external ids), list, get, update, tag. */
export const contactRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  const { db } = deps;
  app.addContentTypeParser('text/csv', { parseAs: 'string', bodyLimit: 50 * 1024 * 1024 }, (_request, body, done) =>
    done(null, body),
  );

  const load = async (workspaceId: string, id: string) => {
    const [row] = await db
      .select()
      .from(contacts)
      .where(and(eq(contacts.id, id), eq(contacts.workspaceId, workspaceId)));
    if (!row) throw notFound('The contact');
    const identities = await db
      .select({
        kind: contactIdentities.kind,
        value: contactIdentities.value,
        channelAccountId: contactIdentities.channelAccountId,
      })
      .from(contactIdentities)
      .where(eq(contactIdentities.contactId, id));
    const tagRows = await db
      .select({ id: tags.id, name: tags.name })
      .from(contactTags)
      .innerJoin(tags, eq(tags.id, contactTags.tagId))
      .where(eq(contactTags.contactId, id));
    return {
      id: row.id,
      externalId: row.externalId,
      name: row.name,
      attributes: row.attributes,
      unsubscribed: row.unsubscribed,
      identities,
      tags: tagRows,
      createdAt: row.createdAt.toISOString(),
    };
  };

  app.post(
    '/api/contacts',
    { schema: { tags: ['contacts'], body: contactInput, response: { 201: contactBody, ...errors } } },
    async (request, reply) => {
      const caller = requireCaller(request);
      await upsertContacts(db, { workspaceId: caller.workspaceId, items: [request.body] });
      const [row] = await db
        .select({ id: contacts.id })
        .from(contacts)
        .where(and(eq(contacts.workspaceId, caller.workspaceId), eq(contacts.externalId, request.body.externalId)));
      return reply.status(201).send(await load(caller.workspaceId, row!.id));
    },
  );

  app.post(
    '/api/contacts/import',
    {
      bodyLimit: 50 * 1024 * 1024,
      schema: {
        tags: ['contacts'],
        consumes: ['application/json', 'text/csv'],
        body: z.union([importBody, z.string()]),
        response: { 200: z.object({ created: z.number(), updated: z.number() }), ...errors },
      },
    },
    async (request) => {
      const caller = requireCaller(request);
      let items = typeof request.body === 'string' ? undefined : request.body.contacts;
      if (typeof request.body === 'string') {
        const csv = parseContactsCsv(request.body);
        if (csv.errors.length > 0)
          throw HeraldError.of('HERALD_ERR_VALIDATION', { what: 'The CSV', problem: `${csv.errors[0]}.` });
        const parsed = importBody.safeParse({ contacts: csv.items });
        if (!parsed.success)
          throw HeraldError.of('HERALD_ERR_VALIDATION', {
            what: `Row ${Number(parsed.error.issues[0]?.path[1] ?? 0) + 2} of the CSV`,
            problem: `${parsed.error.issues[0]?.message}.`,
          });
        items = parsed.data.contacts;
      }
      return upsertContacts(db, { workspaceId: caller.workspaceId, items: items! });
    },
  );

  app.get(
    '/api/contacts',
    {
      schema: {
        tags: ['contacts'],
        querystring: z.object({
          tagId: z.uuid().optional(),
          search: z.string().max(200).optional(),
          limit: z.coerce.number().int().min(1).max(500).default(50),
          cursor: z.uuid().optional(),
        }),
        response: {
          200: z.object({
            items: z.array(contactBody.omit({ identities: true, tags: true })),
            nextCursor: z.string().nullable(),
          }),
          ...errors,
        },
      },
    },
    async (request) => {
      const caller = requireCaller(request);
      const { tagId, search, limit, cursor } = request.query;
      const rows = await db
        .select()
        .from(contacts)
        .where(
          and(
            eq(contacts.workspaceId, caller.workspaceId),
            cursor ? sql`${contacts.id} > ${cursor}::uuid` : undefined,
            search
              ? sql`(${contacts.name} ilike ${`%${search.replace(/[%_\\]/g, '\\$&')}%`} or ${contacts.externalId} = ${search})`
              : undefined,
            tagId
              ? sql`exists (select 1 from contact_tags ct where ct.contact_id = ${contacts.id} and ct.tag_id = ${tagId}::uuid)`
              : undefined,
          ),
        )
        .orderBy(contacts.id)
        .limit(limit);
      return {
        items: rows.map((r) => ({
          id: r.id,
          externalId: r.externalId,
          name: r.name,
          attributes: r.attributes,
          unsubscribed: r.unsubscribed,
          createdAt: r.createdAt.toISOString(),
        })),
        nextCursor: rows.length === limit ? rows[rows.length - 1]!.id : null,
      };
    },
  );

  app.get(
    '/api/contacts/:id',
    { schema: { tags: ['contacts'], params: idParams, response: { 200: contactBody, ...errors } } },
    async (request) => load(requireCaller(request).workspaceId, request.params.id),
  );

  app.patch(
    '/api/contacts/:id',
    {
      schema: {
        tags: ['contacts'],
        params: idParams,
        body: z.object({
          name: z.string().max(200).optional(),
          attributes: z.record(z.string(), z.unknown()).optional(),
          unsubscribed: z.boolean().optional(),
        }),
        response: { 200: contactBody, ...errors },
      },
    },
    async (request) => {
      const caller = requireCaller(request);
      await load(caller.workspaceId, request.params.id);
      const { attributes, ...rest } = request.body;
      await db
        .update(contacts)
        .set({
          ...rest,
          ...(attributes ? { attributes: sql`${contacts.attributes} || ${JSON.stringify(attributes)}::jsonb` } : {}),
          updatedAt: new Date(),
        })
        .where(eq(contacts.id, request.params.id));
      return load(caller.workspaceId, request.params.id);
    },
  );

  app.post(
    '/api/contacts/:id/tags',
    {
      schema: {
        tags: ['contacts'],
        params: idParams,
        body: z.object({ tagIds: z.array(z.uuid()).min(1).max(50) }),
        response: { 200: contactBody, ...errors },
      },
    },
    async (request) => {
      const caller = requireCaller(request);
      await load(caller.workspaceId, request.params.id);
      const owned = await db
        .select({ id: tags.id })
        .from(tags)
        .where(and(eq(tags.workspaceId, caller.workspaceId), sql`${tags.id} = any(${uuidList(request.body.tagIds)})`));
      if (owned.length !== new Set(request.body.tagIds).size) throw notFound('One of the tags');
      await db
        .insert(contactTags)
        .values(owned.map((t) => ({ workspaceId: caller.workspaceId, contactId: request.params.id, tagId: t.id })))
        .onConflictDoNothing();
      return load(caller.workspaceId, request.params.id);
    },
  );

  app.delete(
    '/api/contacts/:id/tags/:tagId',
    {
      schema: {
        tags: ['contacts'],
        params: z.object({ id: z.uuid(), tagId: z.uuid() }),
        response: { 200: contactBody, ...errors },
      },
    },
    async (request) => {
      const caller = requireCaller(request);
      await load(caller.workspaceId, request.params.id);
      await db
        .delete(contactTags)
        .where(
          and(
            eq(contactTags.contactId, request.params.id),
            eq(contactTags.tagId, request.params.tagId),
            eq(contactTags.workspaceId, caller.workspaceId),
          ),
        );
      return load(caller.workspaceId, request.params.id);
    },
  );
};
