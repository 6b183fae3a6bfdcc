import { sql } from 'drizzle-orm';
import type { HeraldDb } from '../client';
import { rowsOf } from '../rows';

/**
 * The WeChat template ids an account's sends use now: in the published version of every live
 * journey and of every broadcast not yet over (pending, in progress, paused), messages and
 * fallbacks alike — all but `exceptJourneyId` (the one being published, whose own count the
 * caller adds).
 */
export async function templatesInUse(
  db: HeraldDb,
  p: { workspaceId: string; channelAccountId: string; exceptJourneyId?: string },
): Promise<string[]> {
  return rowsOf<{ id: string }>(
    await db.execute(sql`
    select distinct t #>> '{}' as id
    from journeys j join journey_versions v on v.id = j.current_version_id
    cross join lateral jsonb_path_query(v.graph, '$.nodes[*] ? (@.kind == "send" && @.data.channelAccountId == $acc)',
      jsonb_build_object('acc', ${p.channelAccountId}::text)) n
    cross join lateral jsonb_path_query(n, '$.data.** ? (@.type == "template").templateId') t
    where j.workspace_id = ${p.workspaceId}::uuid
      ${p.exceptJourneyId ? sql`and j.id <> ${p.exceptJourneyId}::uuid` : sql``}
      and ((j.kind = 'journey' and j.status = 'active')
        or exists (select 1 from broadcasts b
          where b.journey_id = j.id and b.status in ('pending', 'in_progress', 'paused')))
    order by 1`),
  ).map((r) => r.id);
}
