import { attributeOps, type AttributeOp, type SegmentCondition } from '@herald/engine';
import type { Account, Tag } from '@herald/api/contracts';
import { useTranslation } from 'react-i18next';
import { Select, YesNoSelect } from '../../components/Field';
import { NamedSelect } from '../../components/NamedSelect';

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

/**
 * Each kind's yes-or-no choice (all but attribute): the field it sets, its name, and its two options'
 * values and words, all words under segments.row.
 */
const polarities = {
  tag: { field: 'has', label: 'hasTag', yes: ['has', 'has'], no: ['not', 'hasNot'] },
  event: { field: 'did', label: 'did', yes: ['did', 'didDo'], no: ['not', 'didNot'] },
  interaction: { field: 'did', label: 'interacted', yes: ['did', 'interactedWith'], no: ['not', 'notInteracted'] },
} as const;

/** The workspace's thing a condition names, chosen by id (a tag, an account): its field, its words, its list. */
const namedChoices = {
  tag: { field: 'tagId', label: 'tag', blank: 'chooseTag', items: 'tags' },
  interaction: { field: 'channelAccountId', label: 'account', blank: 'chooseAccount', items: 'accounts' },
} as const;

/** The name a condition types (an attribute's key, an event's name): its field, its words, its longest length. */
const typedNames = {
  attribute: { field: 'key', label: 'key', example: 'keyExample', max: 128 },
  event: { field: 'eventName', label: 'event', example: 'eventExample', max: 200 },
} as const;

/** The count a condition needs (an event's times, an interaction's days): its field, its words, its largest value. */
const counts = {
  event: { field: 'atLeast', label: 'atLeast', before: 'atLeastWords', max: 1000 },
  interaction: { field: 'withinDays', label: 'interactionDays', before: 'inLast', max: 3650 },
} as const;

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
  // Each table's entry for this condition's kind (none where the kind has no such field), and a field's value.
  const of = <T extends object>(table: T) => (table as Partial<Record<string, T[keyof T]>>)[c.kind];
  const value = (field: string) => (c as unknown as Record<string, unknown>)[field];
  const set = (patch: Record<string, unknown>) => onChange({ ...c, ...patch } as DraftCondition);
  const [polarity, named, typedName, count] = [of(polarities), of(namedChoices), of(typedNames), of(counts)];
  return (
    <div className="row segment-condition" data-testid="segment-condition">
      <strong>{t(`segments.kind.${c.kind}`)}</strong>
      {polarity && (
        <YesNoSelect
          aria-label={t(`segments.row.${polarity.label}`)}
          value={value(polarity.field) === true}
          yes={{ value: polarity.yes[0], label: t(`segments.row.${polarity.yes[1]}`) }}
          no={{ value: polarity.no[0], label: t(`segments.row.${polarity.no[1]}`) }}
          onValue={(on) => set({ [polarity.field]: on })}
        />
      )}
      {named && (
        <NamedSelect
          label={t(`segments.row.${named.label}`)}
          blank={t(`segments.row.${named.blank}`)}
          items={{ tags, accounts }[named.items]}
          value={String(value(named.field))}
          onValue={(id) => set({ [named.field]: id })}
        />
      )}
      {typedName && (
        <input
          aria-label={t(`segments.row.${typedName.label}`)}
          placeholder={t(`segments.row.${typedName.example}`)}
          value={String(value(typedName.field))}
          maxLength={typedName.max}
          onChange={(e) => set({ [typedName.field]: e.target.value })}
        />
      )}
      {c.kind === 'attribute' && (
        <>
          <Select<AttributeOp>
            aria-label={t('segments.row.operator')}
            value={c.op}
            options={attributeOps.map((op) => ({ value: op, label: t(`segments.op.${op}`) }))}
            onValue={(op) => set({ op, value: op === 'exists' ? undefined : typed(op, String(c.value ?? '')) })}
          />
          {c.op !== 'exists' && (
            <input
              aria-label={t('segments.row.value')}
              value={String(c.value ?? '')}
              maxLength={1000}
              onChange={(e) => set({ value: typed(c.op, e.target.value) })}
            />
          )}
        </>
      )}
      {count && (
        <>
          {t(`segments.row.${count.before}`)}
          <input
            aria-label={t(`segments.row.${count.label}`)}
            type="number"
            min={1}
            max={count.max}
            value={Number(value(count.field))}
            onChange={(e) => set({ [count.field]: Math.max(1, Number(e.target.value) || 1) })}
          />
        </>
      )}
      {c.kind === 'event' && (
        <>
          {t('segments.row.timesWithin')}
          <input
            aria-label={t('segments.row.withinDays')}
            type="number"
            min={1}
            max={3650}
            placeholder={t('segments.row.any')}
            value={c.withinDays ?? ''}
            onChange={(e) => set({ withinDays: e.target.value ? Math.max(1, Number(e.target.value)) : undefined })}
          />
        </>
      )}
      {count && t('segments.row.days')}
      <button type="button" className="link" aria-label={t('segments.row.remove')} onClick={onRemove}>
        {t('common.remove')}
      </button>
    </div>
  );
}
