import { journeyOf, journeyVersionsOf, type HeraldDb, type JourneyRow } from '@herald/db';
import type { JourneyGraph } from '@herald/engine';
import { notFound } from '../errors/herald-error';

/** A journey as the API shows it in a list (no graph, no versions). */
export function journeyListItem(r: JourneyRow) {
  return {
    id: r.id,
    name: r.name,
    status: r.status,
    currentVersionId: r.currentVersionId,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
    nextRunAt: r.nextRunAt?.toISOString() ?? null,
  };
}

/** A workspace's journey with its draft graph and published versions; 404 when it is not the workspace's. */
export async function loadJourney(db: HeraldDb, workspaceId: string, id: string) {
  const row = await journeyOf(db, { workspaceId, id });
  if (!row) throw notFound('The journey');
  const versions = await journeyVersionsOf(db, { journeyId: id });
  return {
    ...journeyListItem(row),
    // Saved through journeyGraphSchema; returned as stored (see the contract's storedGraph).
    graph: row.draftGraph as JourneyGraph,
    versions: versions.map((v) => ({ id: v.id, version: v.version, publishedAt: v.publishedAt.toISOString() })),
  };
}
