// One inspector form per step kind, each in its own file.
import type { ComponentType } from 'react';
import type { NodeKind } from '@herald/engine';
import { AudienceStepForm } from './AudienceStepForm';
import { EventForm } from './EventForm';
import { ExitForm } from './ExitForm';
import { FollowForm } from './FollowForm';
import { FormSubmitForm } from './FormSubmitForm';
import { RandomSplitForm } from './RandomSplitForm';
import { ScheduleForm } from './ScheduleForm';
import { SegmentTriggerForm } from './SegmentTriggerForm';
import { SendForm } from './SendForm';
import { SplitForm } from './SplitForm';
import { TagForm } from './TagForm';
import { UpdateContactForm } from './UpdateContactForm';
import { WaitForEventForm } from './WaitForEventForm';
import { WaitForm } from './WaitForm';
import { WaitUntilForm } from './WaitUntilForm';
import { WebhookForm } from './WebhookForm';
import type { StepFormProps } from './types';

/** The inspector form of each step kind. */
export const stepForms: Readonly<Record<NodeKind, ComponentType<StepFormProps>>> = {
  follow: FollowForm,
  form_submit: FormSubmitForm,
  event: EventForm,
  segment: SegmentTriggerForm,
  schedule: ScheduleForm,
  audience: AudienceStepForm,
  wait: WaitForm,
  wait_until: WaitUntilForm,
  wait_for_event: WaitForEventForm,
  split: SplitForm,
  random_split: RandomSplitForm,
  exit: ExitForm,
  send: SendForm,
  tag: TagForm,
  update_contact: UpdateContactForm,
  webhook: WebhookForm,
};
export type { StepContext, StepFormProps } from './types';
