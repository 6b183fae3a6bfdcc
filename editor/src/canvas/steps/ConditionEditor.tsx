import type { Account, Tag } from '@herald/api/contracts';
import type { Condition } from '@herald/engine';
import { OperatorSelect } from './OperatorSelect';
import { comparedValue } from './types';
import { useCanvas } from '../store';
import { useTranslation } from 'react-i18next';

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
        {t('canvas.condition.ifContact')}
        <select
          aria-label={t('canvas.condition.aria.kind', { label })}
          value={condition.kind}
          onChange={(e) => switchKind(e.target.value as Condition['kind'])}
        >
          <option value="has_tag">{t('canvas.condition.kind.has_tag')}</option>
          <option value="attribute">{t('canvas.condition.kind.attribute')}</option>
          <option value="event_happened">{t('canvas.condition.kind.event_happened')}</option>
          <option value="interacted">{t('canvas.condition.kind.interacted')}</option>
          <option value="message">{t('canvas.condition.kind.message')}</option>
        </select>
      </label>
      {condition.kind === 'has_tag' && (
        <label>
          {t('canvas.condition.tag')}
          <select
            aria-label={t('canvas.condition.aria.tag', { label })}
            value={condition.tagId}
            onChange={(e) => onChange({ ...condition, tagId: e.target.value })}
          >
            <option value="">{t('canvas.choose')}</option>
            {tags.map((tag) => (
              <option key={tag.id} value={tag.id}>
                {tag.name}
              </option>
            ))}
          </select>
        </label>
      )}
      {condition.kind === 'attribute' && (
        <div className="row">
          <label>
            {t('canvas.condition.attribute')}
            <input
              aria-label={t('canvas.condition.aria.attribute', { label })}
              value={condition.key}
              onChange={(e) => onChange({ ...condition, key: e.target.value })}
            />
          </label>
          <label>
            {t('canvas.condition.is')}
            <OperatorSelect
              label={t('canvas.condition.aria.operator', { label })}
              value={condition.op}
              onChange={(op) => onChange({ ...condition, op })}
            />
          </label>
          {condition.op !== 'exists' && (
            <label>
              {t('canvas.condition.value')}
              <input
                aria-label={t('canvas.condition.aria.value', { label })}
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
            {t('canvas.condition.event')}
            <input
              aria-label={t('canvas.condition.aria.event', { label })}
              value={condition.eventName}
              onChange={(e) => onChange({ ...condition, eventName: e.target.value })}
            />
          </label>
          <label>
            {t('canvas.condition.withinHours')}
            <input
              type="number"
              min={1}
              aria-label={t('canvas.condition.aria.withinHours', { label })}
              value={condition.withinHours ?? ''}
              onChange={(e) => {
                const { withinHours: _, ...rest } = condition;
                onChange(e.target.value ? { ...rest, withinHours: Number(e.target.value) } : rest);
              }}
              placeholder={t('canvas.condition.ever')}
            />
          </label>
        </div>
      )}
      {condition.kind === 'interacted' && (
        <div className="row">
          <label>
            {t('canvas.condition.account')}
            <select
              aria-label={t('canvas.condition.aria.account', { label })}
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
            {t('canvas.condition.withinHours')}
            <input
              type="number"
              min={1}
              aria-label={t('canvas.condition.aria.withinHours', { label })}
              value={condition.withinHours}
              onChange={(e) => onChange({ ...condition, withinHours: Number(e.target.value) })}
            />
          </label>
        </div>
      )}
      {condition.kind === 'message' && (
        <div className="row">
          <label>
            {t('canvas.condition.fromStep')}
            <select
              aria-label={t('canvas.condition.aria.messageStep', { label })}
              value={condition.nodeId}
              onChange={(e) => onChange({ ...condition, nodeId: e.target.value })}
            >
              <option value="">{t('canvas.choose')}</option>
              {sends.map((n, i) => (
                <option key={n.id} value={n.id}>
                  {n.label ?? t('canvas.condition.sendN', { n: i + 1 })}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('canvas.condition.andItWas')}
            <select
              aria-label={t('canvas.condition.aria.messageStatus', { label })}
              value={condition.status}
              onChange={(e) => onChange({ ...condition, status: e.target.value as typeof condition.status })}
            >
              <option value="delivered">{t('canvas.condition.status.delivered')}</option>
              <option value="read">{t('canvas.condition.status.read')}</option>
              <option value="replied">{t('canvas.condition.status.replied')}</option>
            </select>
          </label>
        </div>
      )}
    </fieldset>
  );
}
