import { Chips, toggle } from '../../components/Chips';
import type { StepFormProps } from './types';

/** Add or remove tags on the contacts that reach this step. */
export function TagForm({ data, set, ctx }: StepFormProps) {
  const tags = ctx.tags;
  const tagIds = (data.tagIds ?? []) as string[];
  return (
    <>
      <label>
        Action
        <select aria-label="Tag action" value={String(data.action)} onChange={(e) => set({ action: e.target.value })}>
          <option value="add">Add tags</option>
          <option value="remove">Remove tags</option>
        </select>
      </label>
      <Chips
        label="Tags to change"
        items={tags}
        selected={tagIds}
        onToggle={(id) => set({ tagIds: toggle(tagIds, id) })}
      />
    </>
  );
}
