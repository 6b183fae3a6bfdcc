import { EventMatchFields } from './EventMatchFields';
import type { StepFormProps } from './types';

/** Starts the journey when another system posts this event (matching the filters) for a contact. */
export function EventForm(props: StepFormProps) {
  return <EventMatchFields {...props} />;
}
