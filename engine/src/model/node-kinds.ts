import type { JourneyNode, NodeKind, NodeOf } from './node.schema';

/** Real-time journeys admit contacts one by one as events arrive; batch journeys admit an audience at once. */
export type JourneyMode = 'realtime' | 'batch';

export const triggerKinds = [
  'follow',
  'form_submit',
  'event',
  'segment',
  'schedule',
  'audience',
] as const satisfies readonly NodeKind[];
export const realtimeTriggerKinds = [
  'follow',
  'form_submit',
  'event',
  'segment',
] as const satisfies readonly NodeKind[];
export const flowKinds = [
  'wait',
  'wait_until',
  'wait_for_event',
  'split',
  'random_split',
  'exit',
] as const satisfies readonly NodeKind[];
export const actionKinds = ['send', 'tag', 'update_contact', 'webhook'] as const satisfies readonly NodeKind[];
export const nodeKinds = [...triggerKinds, ...flowKinds, ...actionKinds] as const;
/** Kinds that hold a contact for a while: a cycle through one of them is not a busy loop. */
export const waitingKinds = ['wait', 'wait_until', 'wait_for_event'] as const satisfies readonly NodeKind[];

export type TriggerKind = (typeof triggerKinds)[number];

/** Whether a node is a trigger. */
export const isTrigger = (node: JourneyNode): node is NodeOf<TriggerKind> =>
  (triggerKinds as readonly string[]).includes(node.kind);
/** Whether a trigger kind starts contacts one by one as events arrive. */
export const isRealtimeTriggerKind = (kind: NodeKind): boolean =>
  (realtimeTriggerKinds as readonly string[]).includes(kind);
/** Whether a node is a real-time trigger (follow, form submit, event). */
export const isRealtimeTrigger = (node: JourneyNode): node is NodeOf<(typeof realtimeTriggerKinds)[number]> =>
  isRealtimeTriggerKind(node.kind);
/** Whether a node sends messages. */
export const isSend = (node: JourneyNode): node is NodeOf<'send'> => node.kind === 'send';
/** Whether a node is a flow step (wait, split, exit…). */
export const isFlow = (node: JourneyNode): node is NodeOf<(typeof flowKinds)[number]> =>
  (flowKinds as readonly string[]).includes(node.kind);
/** Whether a node is an action (send, tag, update contact, webhook). */
export const isAction = (node: JourneyNode): node is NodeOf<(typeof actionKinds)[number]> =>
  (actionKinds as readonly string[]).includes(node.kind);
/** The mode a trigger kind gives its journey. */
export const journeyModeOf = (kind: TriggerKind): JourneyMode => (isRealtimeTriggerKind(kind) ? 'realtime' : 'batch');
/** Whether a node makes the contact wait. */
export const isWaiting = (node: JourneyNode): boolean => (waitingKinds as readonly string[]).includes(node.kind);
/** Type guard for one kind. */
export const isKind = <K extends NodeKind>(node: JourneyNode, kind: K): node is NodeOf<K> => node.kind === kind;

/** What the palette shows for each kind. */
export const nodeKindLabels: Record<NodeKind, string> = {
  follow: 'Follows the account',
  form_submit: 'Form submitted',
  event: 'Webhook event',
  segment: 'Enters a segment',
  schedule: 'Schedule',
  audience: 'Audience now',
  wait: 'Wait',
  wait_until: 'Wait until',
  wait_for_event: 'Wait for event',
  split: 'Split',
  random_split: 'Random split',
  exit: 'Exit',
  send: 'Send message',
  tag: 'Tag',
  update_contact: 'Update contact',
  webhook: 'Call webhook',
};
