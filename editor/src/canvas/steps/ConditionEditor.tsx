import type { Account, Tag } from '@herald/api/contracts';
import type { Condition } from '@herald/engine';
import { fieldsOf } from './bind-field';
import { ComparisonFields } from '../../components/ComparisonFields';
import { useCanvas } from '../store';
import type { Catalogue } from '../../i18n/resources';
import { useTranslation } from 'react-i18next';
import { InputField, SelectField, namedOptions, type Options } from '../../components/Field';

const kinds = ['has_tag', 'attribute', 'event_happened', 'interacted', 'message'] as const;
const statuses = ['delivered', 'read', 'replied'] as const;
type AriaPart = keyof Catalogue['canvas']['condition']['aria'];

/** One condition of a split: a tag, an attribute, a past event, or a recent interaction with an account. */
export function ConditionEditor({
  condition,
  tags,
  accounts,
  onChange,
  label,
}: {
  condition: Condition;
  tags: readonly Tag[];
  accounts: readonly Account[];
  onChange(c: Condition): void;
  label: string;
}) {
  // The journey's message steps, whose messages a condition can look at (the nodes array is stable between changes).
  const nodes = useCanvas((st) => st.nodes);
  const { t } = useTranslation();
  const aria = (part: AriaPart) => t(`canvas.condition.aria.${part}`, { label });
  const field = fieldsOf(condition, (patch) => onChange({ ...condition, ...patch } as Condition));
  const sends = nodes
    .filter((n) => n.type === 'send')
    .map((n) => ({ id: n.id, label: (n.data as { label?: string }).label }));
  const switchKind = (kind: Condition['kind']) =>
    onChange(
      kind === 'has_tag'
        ? { kind, tagId: tags[0]?.id ?? '' }
        : kind === 'attribute'
          ? { kind, key: '', op: 'eq', value: '' }
          : kind === 'event_happened'
            ? { kind, eventName: '' }
            : kind === 'message'
              ? { kind, nodeId: sends[0]?.id ?? '', status: 'read' }
              : { kind, channelAccountId: accounts[0]?.id ?? '', withinHours: 48 },
    );
  const withinHours = (value: number | undefined, onHours: (text: string) => void, placeholder?: string) => (
    <InputField
      type="number"
      min={1}
      label={t('canvas.condition.withinHours')}
      aria-label={aria('withinHours')}
      value={value ?? ''}
      onValue={onHours}
      placeholder={placeholder}
    />
  );
  /** A select of one of the condition's fields (its tag, its account, …), named after the condition. */
  const select = (key: string, words: string, part: AriaPart, options: Options<string>, blank?: 'blank') => (
    <SelectField
      label={words}
      aria-label={aria(part)}
      {...field(key)}
      options={options}
      blank={blank && t('canvas.choose')}
    />
  );
  return (
    <fieldset className="condition" aria-label={label}>
      <SelectField
        label={t('canvas.condition.ifContact')}
        aria-label={aria('kind')}
        value={condition.kind}
        onValue={switchKind}
        options={kinds.map((kind) => ({ value: kind, label: t(`canvas.condition.kind.${kind}`) }))}
      />
      {condition.kind === 'has_tag' && select('tagId', t('canvas.condition.tag'), 'tag', namedOptions(tags), 'blank')}
      {condition.kind === 'attribute' && (
        <div className="row">
          <ComparisonFields
            label={t('canvas.condition.attribute')}
            aria={{ name: aria('attribute'), operator: aria('operator'), value: aria('value') }}
            name={field('key')}
            op={condition.op}
            value={condition.value}
            onChange={(patch) => onChange({ ...condition, ...patch })}
          />
        </div>
      )}
      {condition.kind === 'event_happened' && (
        <div className="row">
          <InputField label={t('canvas.condition.event')} aria-label={aria('event')} {...field('eventName')} />
          {withinHours(
            condition.withinHours,
            (text) => {
              const { withinHours: _, ...rest } = condition;
              onChange(text ? { ...rest, withinHours: Number(text) } : rest);
            },
            t('canvas.condition.ever'),
          )}
        </div>
      )}
      {condition.kind === 'interacted' && (
        <div className="row">
          {select('channelAccountId', t('canvas.condition.account'), 'account', namedOptions(accounts))}
          {withinHours(condition.withinHours, (text) => onChange({ ...condition, withinHours: Number(text) }))}
        </div>
      )}
      {condition.kind === 'message' && (
        <div className="row">
          {select(
            'nodeId',
            t('canvas.condition.fromStep'),
            'messageStep',
            sends.map((n, i) => ({ value: n.id, label: n.label ?? t('canvas.condition.sendN', { n: i + 1 }) })),
            'blank',
          )}
          {select(
            'status',
            t('canvas.condition.andItWas'),
            'messageStatus',
            statuses.map((status) => ({ value: status, label: t(`canvas.condition.status.${status}`) })),
          )}
        </div>
      )}
    </fieldset>
  );
}
