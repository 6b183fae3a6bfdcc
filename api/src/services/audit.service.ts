import { createHash } from 'node:crypto';

/** What a write is about: the resource (its routes' path segment), the action, and the row's id when known. */
export interface AuditTarget {
  resource: string;
  action: string;
  id: string | null;
}

/** Actions named by the route itself, where the path alone would not say it well. */
const named: Record<string, { resource: string; action: string }> = {
  'POST /api/auth/login': { resource: 'session', action: 'sign_in' },
  'POST /api/auth/logout': { resource: 'session', action: 'sign_out' },
  'POST /api/auth/switch': { resource: 'session', action: 'switch_workspace' },
  'POST /api/instance/workspaces': { resource: 'workspace', action: 'create' },
  'POST /api/invitations/accept': { resource: 'members', action: 'join' },
  'POST /api/contacts/:id/tags': { resource: 'contacts', action: 'tag' },
  'DELETE /api/contacts/:id/tags/:tagId': { resource: 'contacts', action: 'untag' },
  'POST /api/conversations/:contactId/scheduled-messages': { resource: 'broadcasts', action: 'create' },
  'POST /api/conversations/:contactId/scheduled-messages/:id/cancel': { resource: 'broadcasts', action: 'cancel' },
};

/**
 * The resource, action and id of a write, from its route: `/api/<resource>/:id/<action>`; a
 * collection's POST creates, PUT and PATCH update, DELETE deletes.
 */
export function auditTarget(method: string, url: string, params: Record<string, unknown>): AuditTarget {
  const id = typeof params.id === 'string' ? params.id : null;
  const known = named[`${method} ${url}`];
  if (known) return { ...known, id };
  const segments = url.split('/').slice(2);
  const resource = segments[0] ?? 'api';
  const verb = segments
    .slice(1)
    .filter((s) => !s.startsWith(':'))
    .join('_')
    .replace(/-/g, '_');
  const action = method === 'DELETE' ? 'delete' : method === 'PUT' || method === 'PATCH' ? 'update' : verb || 'create';
  return { resource, action, id };
}

/** Field names whose values are secrets: never written to the trail, only that they are set. */
const secretField = /secret|password|token|credential|hash|^key$|apikey/i;

/** A value as the trail keeps it: secrets as "[redacted]", long values as their size and digest. */
function trailValue(key: string, value: unknown): unknown {
  if (secretField.test(key)) return value === null || value === '' ? value : '[redacted]';
  if (value !== null && typeof value === 'object') {
    const inner = Array.isArray(value) ? value.map((v) => trailValue('', v)) : redact(value as Record<string, unknown>);
    const text = JSON.stringify(inner);
    if (text.length <= 300) return JSON.parse(text) as unknown;
    return `(${text.length} characters, sha256 ${createHash('sha256').update(text).digest('hex').slice(0, 12)})`;
  }
  if (typeof value === 'string' && value.length > 300) return `${value.slice(0, 300)}…`;
  return value;
}

/** A row or body with its secrets redacted (at every depth) and long values summarised. */
export function redact(record: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(record).map(([k, v]) => [k, trailValue(k, v)]));
}

/** Bookkeeping columns that change on every write and say nothing. */
const noise = new Set(['updated_at', 'updatedAt']);

/**
 * The before/after summary of a write: for a row that existed on both sides, only the fields that
 * changed (a secret that changed shows as "[redacted, changed]", never its value); for a created or
 * deleted one, the whole row; secrets redacted either way.
 */
export function beforeAfter(
  before: Record<string, unknown> | undefined,
  after: Record<string, unknown> | undefined,
): { before?: Record<string, unknown>; after?: Record<string, unknown> } {
  const b = before ? redact(before) : undefined;
  const a = after ? redact(after) : undefined;
  if (!before || !after || !b || !a) return { ...(b ? { before: b } : {}), ...(a ? { after: a } : {}) };
  const changed = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter(
    (k) => !noise.has(k) && JSON.stringify(before[k]) !== JSON.stringify(after[k]),
  );
  const secretChanged = (k: string) => secretField.test(k) && a[k] === '[redacted]';
  return {
    before: Object.fromEntries(changed.map((k) => [k, b[k] ?? null])),
    after: Object.fromEntries(changed.map((k) => [k, secretChanged(k) ? '[redacted, changed]' : (a[k] ?? null)])),
  };
}
