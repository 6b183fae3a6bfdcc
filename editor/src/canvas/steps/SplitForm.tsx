import { useState } from 'react';
import type { Condition } from '@herald/engine';
import { ConditionEditor } from './ConditionEditor';
import type { StepFormProps } from './types';
import { useTranslation } from 'react-i18next';

/** A split: one yes/no condition, or several branches each with its condition (and an "else" path). */
export function SplitForm({ data, set, replace, ctx }: StepFormProps) {
  const { tags, accounts } = ctx;
  const { t } = useTranslation();
  const [nextBranch, setNextBranch] = useState(1);
  const toBranches = () =>
    replace({
      mode: 'branches',
      branches: [
        {
          id: 'b1',
          label: t('canvas.split.first'),
          condition: (data.condition as Condition | undefined) ?? { kind: 'has_tag', tagId: '' },
        },
      ],
    });
  const toYesNo = () =>
    replace({
      mode: 'yes_no',
      condition: (data.branches as Array<{ condition: Condition }> | undefined)?.[0]?.condition ?? {
        kind: 'has_tag',
        tagId: '',
      },
    });
  const branches = (data.branches ?? []) as Array<{ id: string; label: string; condition: Condition }>;
  return (
    <>
      <label>
        {t('canvas.split.by')}
        <select
          aria-label={t('canvas.split.mode')}
          value={String(data.mode)}
          onChange={(e) => (e.target.value === 'yes_no' ? toYesNo() : toBranches())}
        >
          <option value="yes_no">{t('canvas.split.yesNo')}</option>
          <option value="branches">{t('canvas.split.branches')}</option>
        </select>
      </label>
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
          {branches.map((b, i) => (
            <div key={b.id} className="branch">
              <label>
                {t('canvas.split.branch')}
                <input
                  aria-label={t('canvas.split.branchLabel', { n: i + 1 })}
                  value={b.label}
                  maxLength={100}
                  onChange={(e) =>
                    set({ branches: branches.map((x, j) => (j === i ? { ...x, label: e.target.value } : x)) })
                  }
                />
              </label>
              <ConditionEditor
                label={t('canvas.split.branchN', { n: i + 1 })}
                condition={b.condition}
                tags={tags}
                accounts={accounts}
                onChange={(condition) => set({ branches: branches.map((x, j) => (j === i ? { ...x, condition } : x)) })}
              />
              {branches.length > 1 && (
                <button
                  type="button"
                  className="link"
                  onClick={() => set({ branches: branches.filter((_, j) => j !== i) })}
                >
                  {t('canvas.split.remove')}
                </button>
              )}
            </div>
          ))}
          {branches.length < 10 && (
            <button
              type="button"
              onClick={() => {
                const id = `b${branches.length + nextBranch}`;
                setNextBranch((n) => n + 1);
                set({
                  branches: [
                    ...branches,
                    {
                      id: branches.some((b) => b.id === id) ? `${id}x` : id,
                      label: t('canvas.split.branchN', { n: branches.length + 1 }),
                      condition: { kind: 'has_tag', tagId: '' },
                    },
                  ],
                });
              }}
            >
              {t('canvas.split.add')}
            </button>
          )}
          <p className="muted">{t('canvas.split.else')}</p>
        </>
      )}
    </>
  );
}
