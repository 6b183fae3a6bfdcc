import type { Audience } from '@herald/engine';
import { AudienceBuilder } from '../../components/AudienceBuilder';
import { allAudienceKinds, type StepFormProps } from './types';

/** Starts the journey now for an audience (everyone, tags, followers of accounts, a hand-picked list…). */
export function AudienceStepForm({ data, set, ctx }: StepFormProps) {
  return (
    <AudienceBuilder
      audience={data.audience as Audience}
      kinds={allAudienceKinds}
      accounts={ctx.accounts}
      onChange={(audience) => set({ audience })}
    />
  );
}
