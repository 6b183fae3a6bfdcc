// The steps that run in one of several modes, each mode with fields of its own: switching a mode starts
// the step afresh in it, keeping what both modes share (a schedule's audience, a split's condition).
// The modes' words are the catalogue's `canvas.modes.<kind>`, in the order given here.
import type { Condition } from '@herald/engine';
import { i18n } from '../../i18n/i18n';
import type { Catalogue } from '../../i18n/resources';
import type { Data } from './types';

/** The step kinds that have modes. */
export type ModeKind = keyof Catalogue['canvas']['modes'];

/** A mode of a step kind, by the value the step's data holds. */
export type ModeOf<K extends ModeKind> = Exclude<keyof Catalogue['canvas']['modes'][K], 'label' | 'name'>;

/** The step's fields when switched to a mode, from its data before. */
export type Start = (data: Data) => Data;

const noTag: Condition = { kind: 'has_tag', tagId: '' };

/** Each mode's starting fields, by step kind. */
export const modeStarts: { [K in ModeKind]: Record<ModeOf<K>, Start> } = {
  schedule: {
    once: (data) => ({ at: new Date(Date.now() + 3600_000).toISOString(), audience: data.audience }),
    recurring: (data) => ({
      every: 'week',
      time: '09:00',
      timezone: Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC',
      weekdays: [1],
      audience: data.audience,
    }),
  },
  wait_until: {
    time_of_day: () => ({ time: '09:00', timezone: 'contact' }),
    datetime: () => ({ at: new Date(Date.now() + 86_400_000).toISOString() }),
  },
  split: {
    // The first branch's condition becomes the yes/no one, and the other way round.
    yes_no: (data) => ({
      condition: (data.branches as Array<{ condition: Condition }> | undefined)?.[0]?.condition ?? noTag,
    }),
    branches: (data) => ({
      branches: [
        {
          id: 'b1',
          label: i18n.t('canvas.split.first'),
          condition: (data.condition as Condition | undefined) ?? noTag,
        },
      ],
    }),
  },
};

/** Whether a step kind has modes. */
export const hasModes = (kind: string): kind is ModeKind => kind in modeStarts;
