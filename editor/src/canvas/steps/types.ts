// What every step's inspector form gets: the step's data, ways to change it, and the workspace's lists.
import type { Account, Tag } from '@herald/api/contracts';
import type { AudienceKind } from '@herald/engine';
import type { Bound } from '../../components/Field';

export type Data = Record<string, unknown>;

export interface StepContext {
  accounts: readonly Account[];
  tags: readonly Tag[];
  /** The journey starts contacts one by one (a follow, a form, an event): some methods are refused there. */
  realtime: boolean;
  /** The step comes right after an audience or a schedule (a batch run's first step: a winner can be chosen there). */
  batchFirst: boolean;
  /** The journey has a goal (conversions are counted). */
  goal: boolean;
  /** The step's id (its figures once published). */
  nodeId: string;
}

export interface StepFormProps {
  data: Data;
  /** Changes some fields of the step. */
  set(patch: Data): void;
  /** Replaces the step's data (switching a mode that has other fields). */
  replace(data: Data): void;
  /** One field of the step bound to an input (see fieldsOf): `field('url')`, or with what to show while unset. */
  field(key: string, unset?: string): Bound;
  ctx: StepContext;
}

export const allAudienceKinds: readonly AudienceKind[] = [
  'all',
  'tags',
  'accounts',
  'contacts',
  'select_all',
  'chat_numbers',
];

/** datetime-local value ↔ ISO instant (local time of the marketer's browser); '' when not a date. */
export const toLocal = (iso: string): string => {
  const d = new Date(iso);
  return Number.isNaN(d.getTime())
    ? ''
    : new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
};
export const fromLocal = (value: string): string | null => {
  const d = new Date(value);
  return value === '' || Number.isNaN(d.getTime()) ? null : d.toISOString();
};
