import { useState } from 'react';
import type { Condition } from '@herald/engine';
import { listEdits } from '../../components/list-edits';
import { RowList } from '../../components/RowList';
import { ConditionEditor } from './ConditionEditor';
import type { StepFormProps } from './types';
import { useTranslation } from 'react-i18next';
import { InputField } from '../../components/Field';

/** A split: one yes/no condition, or several branches each with its condition (and an "else" path). */
export function SplitForm({ data, set, ctx }: StepFormProps) {
  const { tags, accounts } = ctx;
  const { t } = useTranslation();
  const [nextBranch, setNextBranch] = useState(1);
  const branches = (data.branches ?? []) as Array<{ id: string; label: string; condition: Condition }>;
  const edit = listEdits(branches, (next) => set({ branches: next }));
  return (
    <>
      {data.mode === 'yes_no' ? (
        <ConditionEditor
          label={t('canvas.split.condition')}
          condition={data.condition as Condition}
          tags={tags}
          accounts={accounts}
          onChange={(condition) => set({ condition })}
        />
      ) : (
        <>
          <RowList
            items={branches}
            rowClass="branch"
            keyOf={(b) => b.id}
            row={(b, i) => (
              <>
                <InputField
                  label={t('canvas.split.branch')}
                  aria-label={t('canvas.split.branchLabel', { n: i + 1 })}
                  value={b.label}
                  maxLength={100}
                  onValue={(label) => edit.patch(i, { label })}
                />
                <ConditionEditor
                  label={t('canvas.split.branchN', { n: i + 1 })}
                  condition={b.condition}
                  tags={tags}
                  accounts={accounts}
                  onChange={(condition) => edit.patch(i, { condition })}
                />
              </>
            )}
            min={1}
            max={10}
            removeLabel={t('canvas.split.remove')}
            onRemove={edit.remove}
            addLabel={t('canvas.split.add')}
            onAdd={() => {
              const id = `b${branches.length + nextBranch}`;
              setNextBranch((n) => n + 1);
              edit.add({
                id: branches.some((b) => b.id === id) ? `${id}x` : id,
                label: t('canvas.split.branchN', { n: branches.length + 1 }),
                condition: { kind: 'has_tag', tagId: '' },
              });
            }}
          />
          <p className="muted">{t('canvas.split.else')}</p>
        </>
      )}
    </>
  );
}
