// Journeys and messages more than one rule table (validation/*.cases.ts) builds on.
import type { JourneyGraph } from '../model/journey.schema';
import type { JourneyNode } from '../model/node.schema';
import { agentSend, broadcastJourney, followJourney, node } from './fixtures';

/** The valid example of a real-time journey: follow → wait → WeCom agent message. */
export const realtime = { name: 'a WeCom agent message in a real-time journey', graph: () => followJourney() };
/** The valid example of a broadcast: a WeCom group message to a tag. */
export const broadcast = { name: 'a WeCom group message to a tag', graph: () => broadcastJourney() };
/** A WeChat service account as a send step's channel. */
export const wechat = { channel: 'wechat_service', channelAccountId: 'acc-wechat' } as const;
/** A text message. */
export const text = (t: string) => ({ type: 'text' as const, text: t });
/** An image message from the material library. */
export const image = (filename = 'a.png') => ({ type: 'image' as const, attachment: { materialId: 'm1', filename } });

/** The follow journey with its wait replaced by `step` (same id, same connections). */
export const withStep = (step: JourneyNode): JourneyGraph => ({
  ...followJourney(),
  nodes: followJourney().nodes.map((n) => (n.id === 'wait' ? { ...step, id: 'wait' } : n)),
});

/** A daily recurring schedule trigger (09:00 in Shanghai, to a tag), with `patch` over its settings. */
export const recurring = (patch: Record<string, unknown>): JourneyNode =>
  node('trigger', 'schedule', {
    mode: 'recurring',
    every: 'day',
    time: '09:00',
    timezone: 'Asia/Shanghai',
    audience: { kind: 'tags', mode: 'any', tagIds: ['t1'], excludeTagIds: [] },
    ...patch,
  } as never);

/** `base`'s trigger → `split` → an agent message on each output (`sends`: each output's handle to its message). */
export const splitInto = (base: JourneyGraph, split: JourneyNode, sends: Record<string, string>): JourneyGraph => ({
  ...base,
  nodes: [base.nodes[0]!, split, ...Object.values(sends).map((id) => agentSend(id))],
  edges: [
    { id: 'e1', source: 'trigger', target: split.id },
    ...Object.entries(sends).map(([handle, id], i) => ({
      id: `e${i + 2}`,
      source: split.id,
      sourceHandle: handle,
      target: id,
    })),
  ],
});
