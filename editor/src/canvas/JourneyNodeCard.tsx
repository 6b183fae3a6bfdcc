import { memo } from 'react';
import { Handle, Position, type NodeProps } from '@xyflow/react';
import { outputsOf, summarizeMessages, isTrigger, type JourneyNode } from '@herald/engine';
import { useCanvas, type CanvasNode } from './store';
import { useCounts } from './useCounts';
import { countWords } from '../words/step-counts';
import { countOf, methodLabel, stepLabel, variantLabel } from '../words/labels';
import { i18n, textOf } from '../i18n/i18n';
import { issueText } from './IssuesPanel';
import { useTranslation } from 'react-i18next';

const unitNoun = { minutes: 'minute', hours: 'hour', days: 'day' } as const;
const span = (d: { amount: number; unit: keyof typeof unitNoun }) => countOf(d.amount, unitNoun[d.unit]);

/** One line that says what a node does, from its settings. */
function summary(node: JourneyNode): string {
  switch (node.kind) {
    case 'wait':
      return span(node.data.duration);
    case 'wait_for_event':
      return i18n.t('canvas.card.waitForEvent', { event: node.data.eventName || '…', span: span(node.data.timeout) });
    case 'send':
      return [
        methodLabel(node.data.method),
        summarizeMessages(node.data.messages) || i18n.t('canvas.card.noMessage'),
      ].join(' · ');
    case 'event':
      return node.data.eventName || i18n.t('canvas.card.anyEvent');
    case 'tag':
      return i18n.t(node.data.action === 'add' ? 'canvas.card.addTags' : 'canvas.card.removeTags', {
        tags: countOf(node.data.tagIds.length, 'tag'),
      });
    case 'random_split':
      return node.data.branches.map((b) => `${b.label} ${b.percent}%`).join(' / ');
    default:
      return '';
  }
}

const noIssues: never[] = [];

// The card shows only these: a drag or a measurement (position, size) does not re-render it.
const sameCard = (a: NodeProps<CanvasNode>, b: NodeProps<CanvasNode>) =>
  a.id === b.id && a.type === b.type && a.data === b.data && a.selected === b.selected;

/** A node on the canvas: kind, summary, counts when published, one handle per output. */
export const JourneyNodeCard = memo(function JourneyNodeCard({ id, type, data, selected }: NodeProps<CanvasNode>) {
  // This node's own entry: the store keeps it the same array while its issues do not change.
  useTranslation(); // re-render on a change of language: the memo below would not
  const issues = useCanvas((s) => s.issuesByNode[id]) ?? noIssues;
  const counts = useCounts((s) => s.counts[id]);
  const variants = useCounts((s) => s.variants[id]);
  const node = { id, kind: type, data, position: { x: 0, y: 0 } } as unknown as JourneyNode;
  const outputs = outputsOf(node);
  return (
    <div
      className={`node node-${type}${selected ? ' selected' : ''}${issues.length ? ' invalid' : ''}`}
      data-testid={`node-${id}`}
      title={issues.map(issueText).join('\n')}
    >
      {!isTrigger(node) && <Handle type="target" position={Position.Top} />}
      <div className="node-kind">
        {stepLabel(type)}
        {issues.length > 0 && (
          <span className="node-badge" aria-label={countOf(issues.length, 'problem')}>
            !
          </span>
        )}
      </div>
      <div className="node-summary">{summary(node)}</div>
      {counts && (
        <div className="node-counts" data-testid={`counts-${id}`}>
          {countWords(counts, type === 'send').map((w) => (
            <span key={w.key} className={`count count-${w.key}`} data-count={w.key}>
              {w.text}
            </span>
          ))}
        </div>
      )}
      {variants && (
        <div className="node-variants" data-testid={`variants-${id}`}>
          {variants.variants.map((v) => (
            <span key={v.id} className={variants.decision?.winner === v.id ? 'count winner' : 'count'}>
              {i18n.t('composer.variants.onCard', {
                variant: variantLabel(v),
                sent: i18n.t('labels.stepCount.sent', { count: v.sent }),
              })}
              {variants.decision?.winner === v.id ? i18n.t('composer.variants.stats.winner') : ''}
            </span>
          ))}
        </div>
      )}
      <div className="node-outputs">
        {outputs.map((handle, i) => (
          <Handle
            key={handle}
            id={handle}
            type="source"
            position={Position.Bottom}
            style={{ left: `${((i + 1) / (outputs.length + 1)) * 100}%` }}
          >
            {outputs.length > 1 && <span className="handle-label">{textOf(`canvas.handle.${handle}`) ?? handle}</span>}
          </Handle>
        ))}
      </div>
    </div>
  );
}, sameCard);
