import { z } from 'zod';
import { actorKinds } from '@herald/db/enums';
import { itemsOf } from './common.contract';
import { get } from './route.contract';

export const auditItem = z.object({
  id: z.number(),
  at: z.string(),
  actorKind: z.enum(actorKinds),
  actorName: z.string(),
  ip: z.string(),
  resource: z.string(),
  resourceId: z.string().nullable(),
  action: z.string(),
  /** `{ before, after }` (the fields that changed) or `{ input }`, secrets redacted. */
  summary: z.record(z.string(), z.unknown()),
});
export type AuditItem = z.infer<typeof auditItem>;

const when = z.iso.datetime({ offset: true });

/** The audit page's filters, all optional. */
export const auditQuery = z.object({
  actor: z.string().trim().max(120).optional(),
  resource: z
    .string()
    .trim()
    .max(60)
    .regex(/^[a-z-]*$/)
    .optional(),
  action: z
    .string()
    .trim()
    .max(60)
    .regex(/^[a-z_]*$/)
    .optional(),
  resourceId: z.string().trim().max(100).optional(),
  from: when.optional(),
  to: when.optional(),
  /** The last id of the previous page. */
  before: z.coerce.number().int().min(1).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export type AuditQuery = z.input<typeof auditQuery>;

export const auditRoutes = {
  list: get('/api/audit', itemsOf(auditItem).extend({ nextBefore: z.number().nullable() }), {
    description: 'The audit trail, newest first: every write with its actor, IP, resource and before/after.',
    query: auditQuery,
  }),
  /** The same filters, every matching row (up to 100,000) as CSV. */
  export: get('/api/audit/export.csv', z.string(), { query: auditQuery.omit({ before: true, limit: true }) }),
};
