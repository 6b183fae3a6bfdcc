import type { JourneyNode, NodeKind } from '@herald/engine';

/** The settings a node of each kind starts with when dropped on the canvas. */
export function defaultData(kind: NodeKind): JourneyNode['data'] {
  switch (kind) {
    case 'follow':
      return { channelAccountId: '' };
    case 'form_submit':
      return { formId: '' };
    case 'event':
      return { eventName: '', filters: [] };
    case 'segment':
      return { segmentId: '' };
    case 'schedule':
      return { mode: 'once', at: new Date(Date.now() + 3600_000).toISOString(), audience: { kind: 'all' } };
    case 'audience':
      return { audience: { kind: 'all' } };
    case 'wait':
      return { duration: { amount: 1, unit: 'days' } };
    case 'wait_until':
      return { mode: 'time_of_day', time: '09:00', timezone: 'contact' };
    case 'wait_for_event':
      return { eventName: '', timeout: { amount: 2, unit: 'days' }, filters: [] };
    case 'split':
      return { mode: 'yes_no', condition: { kind: 'has_tag', tagId: '' } };
    case 'random_split':
      return {
        branches: [
          { id: 'a', label: 'A', percent: 50 },
          { id: 'b', label: 'B', percent: 50 },
        ],
      };
    case 'exit':
      return {};
    case 'send':
      return {
        channelAccountId: '',
        channel: 'wecom',
        method: 'wecom_agent',
        type: 'contacts',
        messages: [{ type: 'text', text: '' }],
      };
    case 'tag':
      return { action: 'add', tagIds: [] };
    case 'update_contact':
      return { set: {} };
    case 'webhook':
      return { url: '', method: 'POST', headers: {}, body: '' };
  }
}
