import { attributeOps, type AttributeOp, type SegmentCondition } from '@herald/engine';
import type { Account, Tag } from '@herald/api/contracts';
import { useTranslation } from 'react-i18next';
import { Select, YesNoSelect } from '../../components/Field';

/** A draft condition: ids may still be empty while the marketer builds it. */
export type DraftCondition = SegmentCondition;

/** A new condition of a kind, with empty ids to choose. */
export function newCondition(kind: SegmentCondition['kind']): DraftCondition {
  switch (kind) {
    case 'tag':
      return { kind, tagId: '', has: true };
    case 'attribute':
      return { kind, key: '', op: 'eq', value: '' };
    case 'event':
      return { kind, eventName: '', did: true, atLeast: 1, withinDays: 30 };
    case 'interaction':
      return { kind, channelAccountId: '', did: true, withinDays: 2 };
  }
}

/** A typed value from what was typed: a number where the operator compares numbers, else text. */
const typed = (op: AttributeOp, raw: string): string | number =>
  op === 'gt' || op === 'lt' ? (raw.trim() === '' || Number.isNaN(Number(raw)) ? raw : Number(raw)) : raw;

/** One condition of a segment: its kind's fields on one line. */
export function ConditionRow({
  condition: c,
  tags,
  accounts,
  onChange,
  onRemove,
}: {
  condition: DraftCondition;
  tags: readonly Tag[];
  accounts: readonly Account[];
  onChange(c: DraftCondition): void;
  onRemove(): void;
}) {
  const { t } = useTranslation();
  return (
    <div className="row segment-condition" data-testid="segment-condition">
      <strong>{t(`segments.kind.${c.kind}`)}</strong>
      {c.kind === 'tag' && (
        <>
          <YesNoSelect
            aria-label={t('segments.row.hasTag')}
            value={c.has}
            yes={{ value: 'has', label: t('segments.row.has') }}
            no={{ value: 'not', label: t('segments.row.hasNot') }}
            onValue={(has) => onChange({ ...c, has })}
          />
          <Select
            aria-label={t('segments.row.tag')}
            value={c.tagId}
            blank={t('segments.row.chooseTag')}
            options={tags.map((tag) => ({ value: tag.id, label: tag.name }))}
            onValue={(tagId) => onChange({ ...c, tagId })}
          />
        </>
      )}
      {c.kind === 'attribute' && (
        <>
          <input
            aria-label={t('segments.row.key')}
            placeholder={t('segments.row.keyExample')}
            value={c.key}
            maxLength={128}
            onChange={(e) => onChange({ ...c, key: e.target.value })}
          />
          <Select<AttributeOp>
            aria-label={t('segments.row.operator')}
            value={c.op}
            options={attributeOps.map((op) => ({ value: op, label: t(`segments.op.${op}`) }))}
            onValue={(op) =>
              onChange({
                ...c,
                op,
                ...(op === 'exists' ? { value: undefined } : { value: typed(op, String(c.value ?? '')) }),
              })
            }
          />
          {c.op !== 'exists' && (
            <input
              aria-label={t('segments.row.value')}
              value={String(c.value ?? '')}
              maxLength={1000}
              onChange={(e) => onChange({ ...c, value: typed(c.op, e.target.value) })}
            />
          )}
        </>
      )}
      {c.kind === 'event' && (
        <>
          <YesNoSelect
            aria-label={t('segments.row.did')}
            value={c.did}
            yes={{ value: 'did', label: t('segments.row.didDo') }}
            no={{ value: 'not', label: t('segments.row.didNot') }}
            onValue={(did) => onChange({ ...c, did })}
          />
          <input
            aria-label={t('segments.row.event')}
            placeholder={t('segments.row.eventExample')}
            value={c.eventName}
            maxLength={200}
            onChange={(e) => onChange({ ...c, eventName: e.target.value })}
          />
          {t('segments.row.atLeastWords')}
          <input
            aria-label={t('segments.row.atLeast')}
            type="number"
            min={1}
            max={1000}
            value={c.atLeast}
            onChange={(e) => onChange({ ...c, atLeast: Math.max(1, Number(e.target.value) || 1) })}
          />
          {t('segments.row.timesWithin')}
          <input
            aria-label={t('segments.row.withinDays')}
            type="number"
            min={1}
            max={3650}
            placeholder={t('segments.row.any')}
            value={c.withinDays ?? ''}
            onChange={(e) =>
              onChange({ ...c, withinDays: e.target.value ? Math.max(1, Number(e.target.value)) : undefined })
            }
          />
          {t('segments.row.days')}
        </>
      )}
      {c.kind === 'interaction' && (
        <>
          <YesNoSelect
            aria-label={t('segments.row.interacted')}
            value={c.did}
            yes={{ value: 'did', label: t('segments.row.interactedWith') }}
            no={{ value: 'not', label: t('segments.row.notInteracted') }}
            onValue={(did) => onChange({ ...c, did })}
          />
          <Select
            aria-label={t('segments.row.account')}
            value={c.channelAccountId}
            blank={t('segments.row.chooseAccount')}
            options={accounts.map((a) => ({ value: a.id, label: a.name }))}
            onValue={(channelAccountId) => onChange({ ...c, channelAccountId })}
          />
          {t('segments.row.inLast')}
          <input
            aria-label={t('segments.row.interactionDays')}
            type="number"
            min={1}
            max={3650}
            value={c.withinDays}
            onChange={(e) => onChange({ ...c, withinDays: Math.max(1, Number(e.target.value) || 1) })}
          />
          {t('segments.row.days')}
        </>
      )}
      <button type="button" className="link" aria-label={t('segments.row.remove')} onClick={onRemove}>
        {t('common.remove')}
      </button>
    </div>
  );
}
