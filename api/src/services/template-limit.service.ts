import { templatesInUse, type HeraldDb } from '@herald/db';
import type { JourneyGraph } from '@herald/engine';
import { HeraldError } from '../errors/herald-error';

/**
 * How many templates a WeChat official account may use at once: its template library holds at most
 * 25 (WeChat's "模板消息 / template messages":
 * "每个公众号账号可以同时使用25个模板"), so a send can only use one of those 25.
 */
export const maxTemplatesInUse = 25;

/** The template ids a graph's sends use, by the account that sends them. */
export function graphTemplates(graph: JourneyGraph): Map<string, Set<string>> {
  const byAccount = new Map<string, Set<string>>();
  for (const node of graph.nodes) {
    if (node.kind !== 'send') continue;
    const data = node.data;
    for (const m of [...data.messages, ...(data.fallback?.messages ?? [])]) {
      if (m.type !== 'template' || !m.templateId) continue;
      const set = byAccount.get(data.channelAccountId) ?? new Set<string>();
      set.add(m.templateId);
      byAccount.set(data.channelAccountId, set);
    }
  }
  return byAccount;
}

/**
 * Refuses (422) a journey or broadcast whose templates would take an account past 25 templates in
 * use, counting those of every other live journey and broadcast not yet over.
 */
export async function checkTemplateLimit(
  db: HeraldDb,
  workspaceId: string,
  journeyId: string,
  graph: JourneyGraph,
  accountName: (id: string) => string,
): Promise<void> {
  for (const [channelAccountId, own] of graphTemplates(graph)) {
    const others = await templatesInUse(db, { workspaceId, channelAccountId, exceptJourneyId: journeyId });
    const all = new Set([...others, ...own]);
    if (all.size > maxTemplatesInUse)
      throw HeraldError.of(
        'HERALD_ERR_TEMPLATE_LIMIT',
        { limit: maxTemplatesInUse, account: accountName(channelAccountId), inUse: others.length },
        { channelAccountId, inUse: others, limit: maxTemplatesInUse },
      );
  }
}
