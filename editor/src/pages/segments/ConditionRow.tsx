import { attributeOps, type AttributeOp, type SegmentCondition } from '@herald/engine';
import type { Account, Tag } from '@herald/api/contracts';
import { attributeOpLabels, conditionKindLabels } from '../../words/segment-words';

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
  return (
    <div className="row segment-condition" data-testid="segment-condition">
      <strong>{conditionKindLabels[c.kind]}</strong>
      {c.kind === 'tag' && (
        <>
          <select
            aria-label="Has tag"
            value={c.has ? 'has' : 'not'}
            onChange={(e) => onChange({ ...c, has: e.target.value === 'has' })}
          >
            <option value="has">has</option>
            <option value="not">does not have</option>
          </select>
          <select aria-label="Tag" value={c.tagId} onChange={(e) => onChange({ ...c, tagId: e.target.value })}>
            <option value="">Choose a tag…</option>
            {tags.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name}
              </option>
            ))}
          </select>
        </>
      )}
      {c.kind === 'attribute' && (
        <>
          <input
            aria-label="Attribute key"
            placeholder="key, e.g. plan"
            value={c.key}
            maxLength={128}
            onChange={(e) => onChange({ ...c, key: e.target.value })}
          />
          <select
            aria-label="Operator"
            value={c.op}
            onChange={(e) => {
              const op = e.target.value as AttributeOp;
              onChange({
                ...c,
                op,
                ...(op === 'exists' ? { value: undefined } : { value: typed(op, String(c.value ?? '')) }),
              });
            }}
          >
            {attributeOps.map((op) => (
              <option key={op} value={op}>
                {attributeOpLabels[op]}
              </option>
            ))}
          </select>
          {c.op !== 'exists' && (
            <input
              aria-label="Attribute value"
              value={String(c.value ?? '')}
              maxLength={1000}
              onChange={(e) => onChange({ ...c, value: typed(c.op, e.target.value) })}
            />
          )}
        </>
      )}
      {c.kind === 'event' && (
        <>
          <select
            aria-label="Did"
            value={c.did ? 'did' : 'not'}
            onChange={(e) => onChange({ ...c, did: e.target.value === 'did' })}
          >
            <option value="did">did</option>
            <option value="not">did not do</option>
          </select>
          <input
            aria-label="Event name"
            placeholder="event, e.g. purchase"
            value={c.eventName}
            maxLength={200}
            onChange={(e) => onChange({ ...c, eventName: e.target.value })}
          />
          at least
          <input
            aria-label="At least"
            type="number"
            min={1}
            max={1000}
            value={c.atLeast}
            onChange={(e) => onChange({ ...c, atLeast: Math.max(1, Number(e.target.value) || 1) })}
          />
          times in the last
          <input
            aria-label="Within days"
            type="number"
            min={1}
            max={3650}
            placeholder="any"
            value={c.withinDays ?? ''}
            onChange={(e) =>
              onChange({ ...c, withinDays: e.target.value ? Math.max(1, Number(e.target.value)) : undefined })
            }
          />
          days
        </>
      )}
      {c.kind === 'interaction' && (
        <>
          <select
            aria-label="Interacted"
            value={c.did ? 'did' : 'not'}
            onChange={(e) => onChange({ ...c, did: e.target.value === 'did' })}
          >
            <option value="did">interacted with</option>
            <option value="not">did not interact with</option>
          </select>
          <select
            aria-label="Account"
            value={c.channelAccountId}
            onChange={(e) => onChange({ ...c, channelAccountId: e.target.value })}
          >
            <option value="">Choose an account…</option>
            {accounts.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}
              </option>
            ))}
          </select>
          in the last
          <input
            aria-label="Interaction days"
            type="number"
            min={1}
            max={3650}
            value={c.withinDays}
            onChange={(e) => onChange({ ...c, withinDays: Math.max(1, Number(e.target.value) || 1) })}
          />
          days
        </>
      )}
      <button type="button" className="link" aria-label="Remove condition" onClick={onRemove}>
        Remove
      </button>
    </div>
  );
}
