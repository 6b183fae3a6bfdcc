import { sql, type SQL } from 'drizzle-orm';
import { type HeraldDb } from '../client';
import {
  isValidTimeZone,
  methodRegistry,
  nextWindowStart,
  windowStart,
  type QuietHours,
  type StoppingPolicy,
} from '@herald/engine';
import { rowsOf, textList } from '../sql-lists';
import { journeyRunIds } from './journey-report';
import { endsItsBucket } from './page-ranges';

/**
 * Per-contact quotas and the marketer's caps, read from the delivery ledger itself: a contact has
 * used a policy up when the ledger holds `limit` of its rows in the policy's window that went (or
 * are going) out. Nothing is written per recipient; a send a later rule stops is a `skipped` row
 * and counts for nothing, so there is nothing to give back. Exclusive under parallel pages by
 * `bucketLocks`, taken before the statement that reads and writes the rows.
 */

/**
 * Rows that use up a quota or cap: the message went, or is going, out — handed to an employee who
 * has not sent it yet included. (`pending`, `sending`: rows of the earlier ledger design.)
 */
export const counted = sql`'{pending,sending,sent,delivered,read,replied,pending_employee}'::text[]`;

/**
 * A per-contact rule: the channel's per-recipient quotas (counted per address, any account) or a
 * marketer's cap (per contact, every channel).
 */
export interface ContactRule {
  policy: StoppingPolicy;
  scope: 'recipient' | 'contact';
  /** A journey's own cap counts only that journey's sends. */
  journeyId?: string;
  /**
   * The zone its days, weeks and months are calendar windows of (the account's quota zone, the
   * workspace's for caps); UTC when absent.
   */
  zone?: string;
}

/** The methods whose sends count against a per-recipient policy key (several methods may share one). */
export const methodsSharing = (key: string): string[] =>
  Object.values(methodRegistry)
    .filter((m) => m.policies.some((p) => p.key === key))
    .map((m) => m.id);

/** Methods that are messages to a person (a cap counts these; webhooks are not). */
const personMethods = Object.values(methodRegistry)
  .filter((m) => !m.channels.includes('webhook'))
  .map((m) => m.id);

/**
 * Whether the contact `id` (with `recipient`, its address on the channel) has used `rule` up at
 * `now`: an index probe on `deliveries (contact_id, created_at)` that stops at `limit` rows.
 */
export function usedUp(rule: ContactRule, now: Date, id: SQL, recipient: SQL): SQL {
  const { policy } = rule;
  const from = windowStart(policy.window, now, rule.zone).toISOString();
  const until = nextWindowStart(policy.window, now, rule.zone).toISOString();
  const ofJourney = rule.journeyId ? sql`and d.run_id in ${journeyRunIds(rule.journeyId)}` : sql``;
  const scope =
    rule.scope === 'recipient'
      ? sql`and d.recipient = ${recipient} and d.method = any(${textList(methodsSharing(policy.key))})`
      : sql`and d.method = any(${textList(personMethods)}) ${ofJourney}`;
  const rows = sql`select 1 from deliveries d
    where d.contact_id = ${id} and d.created_at >= ${from}::timestamptz and d.created_at < ${until}::timestamptz
      and d.status = any(${counted}) ${scope}`;
  // One allowed (the platforms' common rule): the first row found decides, without counting.
  return policy.limit === 1
    ? sql`(${rows} limit 1) is not null`
    : sql`(select count(*) from (${rows} limit ${policy.limit}) used) >= ${policy.limit}`;
}

let zones: Promise<string[]> | undefined;

/**
 * Time zones both PostgreSQL and Node know (read once per process): a contact's zone outside them
 * falls back to the setting's.
 */
export function knownTimeZones(db: HeraldDb): Promise<string[]> {
  zones ??= db
    .execute(sql`select name from pg_timezone_names`)
    .then((result) =>
      rowsOf<{ name: string }>(result)
        .map((r) => r.name)
        .filter(isValidTimeZone),
    )
    .catch((error: unknown) => {
      zones = undefined;
      throw error;
    });
  return zones;
}

const minutes = (time: string): number => {
  const [h, m] = time.split(':').map(Number);
  return h! * 60 + m!;
};

/**
 * Whether `now` falls inside quiet hours in the zone `timezone` (a column; the setting's zone when
 * null or unknown) — the SQL form of the engine's `inQuietHours`, so a page decides in one statement.
 */
export function inQuietHoursSql(now: Date, quiet: QuietHours, timezone: SQL, known: readonly string[]): SQL {
  const zone = sql`(case when ${timezone} is not null and ${timezone} = any(${textList(known)})
    then ${timezone} else ${quiet.timezone} end)`;
  const local = sql`(${now.toISOString()}::timestamptz at time zone ${zone})`;
  const minute = sql`(extract(hour from ${local}) * 60 + extract(minute from ${local}))`;
  const start = minutes(quiet.start);
  const end = minutes(quiet.end);
  return start <= end
    ? sql`(${minute} >= ${start} and ${minute} < ${end})`
    : sql`(${minute} >= ${start} or ${minute} < ${end})`;
}

/**
 * The per-contact rule locks of a page, as a select-list expression that takes them in ascending
 * order (no deadlock): advisory locks per (workspace, first byte of the contact id) and, inside a
 * byte, per lock bucket (its first three hex digits, 16 to a byte). A page takes a byte it covers
 * whole exclusively (key = the byte); a byte it covers in part, shared, with each of its buckets there
 * exclusively (key = 256 + bucket); a page of listed contacts, each of their bytes exclusively. Two
 * pages that could share a contact then serialise on a common key, so the second's statement sees the
 * first's rows; pages of one run over adjacent ranges (which end where a bucket ends) share at most a
 * byte, shared, and run side by side. Null when the page can hold no contact.
 */
export function bucketLocks(
  workspaceId: string,
  page: { cursor: string | null; until: string | null; contactIds?: readonly string[] },
): SQL | null {
  const bucket = (id: string) => parseInt(id.slice(0, 3), 16);
  // A range that starts after the end of a bucket (bucketAlignedBoundaries) holds none of that bucket's contacts.
  const low = page.cursor ? bucket(page.cursor) + (endsItsBucket(page.cursor) ? 1 : 0) : 0;
  const high = page.until ? bucket(page.until) : 4095;
  const keys: number[] = [];
  const shared: boolean[] = [];
  const take = (key: number, isShared: boolean) => {
    keys.push(key);
    shared.push(isShared);
  };
  if (page.contactIds) {
    const bytes = [...new Set(page.contactIds.map((id) => bucket(id) >> 4))];
    for (const b of bytes.filter((b) => b >= low >> 4 && b <= high >> 4).sort((x, y) => x - y)) take(b, false);
  } else {
    for (let b = low >> 4; b <= high >> 4; b++) {
      const from = Math.max(low, b * 16);
      const to = Math.min(high, b * 16 + 15);
      if (to - from === 15) take(b, false);
      else {
        take(b, true);
        for (let k = from; k <= to; k++) take(256 + k, false);
      }
    }
  }
  if (keys.length === 0) return null;
  const ws = sql`hashtext(${workspaceId})`;
  return sql`(select count(case when l.shared then pg_advisory_xact_lock_shared(${ws}, l.key)
      else pg_advisory_xact_lock(${ws}, l.key) end)
    from unnest(${`{${keys.join(',')}}`}::int[], ${`{${shared.join(',')}}`}::boolean[]) l(key, shared))`;
}
