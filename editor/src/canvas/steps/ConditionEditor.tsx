import type { Account, Tag } from '@herald/api/contracts';
import type { Condition } from '@herald/engine';
import { OperatorSelect } from './OperatorSelect';
import { comparedValue } from './types';
import { useCanvas } from '../store';

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
  return (
    <fieldset className="condition" aria-label={label}>
      <label>
        If the contact
        <select
          aria-label={`${label}: kind`}
          value={condition.kind}
          onChange={(e) => switchKind(e.target.value as Condition['kind'])}
        >
          <option value="has_tag">has a tag</option>
          <option value="attribute">has an attribute</option>
          <option value="event_happened">did an event</option>
          <option value="interacted">interacted with an account</option>
          <option value="message">got a message from an earlier step</option>
        </select>
      </label>
      {condition.kind === 'has_tag' && (
        <label>
          Tag
          <select
            aria-label={`${label}: tag`}
            value={condition.tagId}
            onChange={(e) => onChange({ ...condition, tagId: e.target.value })}
          >
            <option value="">Choose…</option>
            {tags.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name}
              </option>
            ))}
          </select>
        </label>
      )}
      {condition.kind === 'attribute' && (
        <div className="row">
          <label>
            Attribute
            <input
              aria-label={`${label}: attribute`}
              value={condition.key}
              onChange={(e) => onChange({ ...condition, key: e.target.value })}
            />
          </label>
          <label>
            Is
            <OperatorSelect
              label={`${label}: operator`}
              value={condition.op}
              onChange={(op) => onChange({ ...condition, op })}
            />
          </label>
          {condition.op !== 'exists' && (
            <label>
              Value
              <input
                aria-label={`${label}: value`}
                value={String(condition.value ?? '')}
                onChange={(e) => onChange({ ...condition, value: comparedValue(condition.op, e.target.value) })}
              />
            </label>
          )}
        </div>
      )}
      {condition.kind === 'event_happened' && (
        <div className="row">
          <label>
            Event
            <input
              aria-label={`${label}: event`}
              value={condition.eventName}
              onChange={(e) => onChange({ ...condition, eventName: e.target.value })}
            />
          </label>
          <label>
            Within hours
            <input
              type="number"
              min={1}
              aria-label={`${label}: within hours`}
              value={condition.withinHours ?? ''}
              onChange={(e) => {
                const { withinHours: _, ...rest } = condition;
                onChange(e.target.value ? { ...rest, withinHours: Number(e.target.value) } : rest);
              }}
              placeholder="ever"
            />
          </label>
        </div>
      )}
      {condition.kind === 'interacted' && (
        <div className="row">
          <label>
            Account
            <select
              aria-label={`${label}: account`}
              value={condition.channelAccountId}
              onChange={(e) => onChange({ ...condition, channelAccountId: e.target.value })}
            >
              {accounts.map((a) => (
                <option key={a.id} value={a.id}>
                  {a.name}
                </option>
              ))}
            </select>
          </label>
          <label>
            Within hours
            <input
              type="number"
              min={1}
              aria-label={`${label}: within hours`}
              value={condition.withinHours}
              onChange={(e) => onChange({ ...condition, withinHours: Number(e.target.value) })}
            />
          </label>
        </div>
      )}
      {condition.kind === 'message' && (
        <div className="row">
          <label>
            From the step
            <select
              aria-label={`${label}: message step`}
              value={condition.nodeId}
              onChange={(e) => onChange({ ...condition, nodeId: e.target.value })}
            >
              <option value="">Choose…</option>
              {sends.map((n, i) => (
                <option key={n.id} value={n.id}>
                  {n.label ?? `Send message ${i + 1}`}
                </option>
              ))}
            </select>
          </label>
          <label>
            And it was
            <select
              aria-label={`${label}: message status`}
              value={condition.status}
              onChange={(e) => onChange({ ...condition, status: e.target.value as typeof condition.status })}
            >
              <option value="delivered">delivered</option>
              <option value="read">read</option>
              <option value="replied">replied to</option>
            </select>
          </label>
        </div>
      )}
    </fieldset>
  );
}
