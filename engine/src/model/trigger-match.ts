import type { PlanTrigger } from '../plan/plan.schema';
import type { PropertyFilter } from './node.schema';
import { matchesFilters } from './property-filter';

/** An event as the engine matches it: its type and properties. */
export interface TriggerEvent {
  type: string;
  properties: Record<string, unknown>;
}

/**
 * Whether an event starts a real-time journey with this trigger: a follow of the trigger's account
 * (any account when the event or trigger names none), a submission of its form, or its event name
 * with every property filter passing. Batch triggers (audience, schedule) never match an event.
 */
export function matchesTrigger(trigger: PlanTrigger, event: TriggerEvent): boolean {
  const d = trigger.data as {
    channelAccountId?: string;
    formId?: string;
    eventName?: string;
    filters?: PropertyFilter[];
  };
  switch (trigger.kind) {
    case 'follow':
      return (
        event.type === 'follow' &&
        (!event.properties.channelAccountId ||
          !d.channelAccountId ||
          event.properties.channelAccountId === d.channelAccountId)
      );
    case 'form_submit':
      return event.type === 'form_submit' && event.properties.formId === d.formId;
    case 'event':
      return event.type === d.eventName && matchesFilters(event.properties, d.filters ?? []);
    default:
      return false;
  }
}
