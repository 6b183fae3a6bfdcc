import type { VariantReport } from '@herald/api/contracts';
import { variantLabel, winnerMetricLabel } from '../words/labels';

type Step = VariantReport['steps'][number];

const pct = (n: number, of: number) => (of > 0 ? `${Math.round((n / of) * 1000) / 10}%` : '—');
const duration = (minutes: number) =>
  minutes % 1440 === 0
    ? `${minutes / 1440} day${minutes === 1440 ? '' : 's'}`
    : minutes % 60 === 0
      ? `${minutes / 60} hour${minutes === 60 ? '' : 's'}`
      : `${minutes} minute${minutes === 1 ? '' : 's'}`;

/** What the experiment decided, or will decide, in words. */
export function winnerWords(step: Step): string | null {
  const { decision, winner } = step;
  if (decision) {
    const name = variantLabel(step.variants.find((v) => v.id === decision.winner) ?? { id: decision.winner });
    const sure =
      decision.confidence === null
        ? 'without a test (the other variant sent nothing)'
        : `with ${(Math.floor(decision.confidence * 1000) / 10).toFixed(1)}% confidence (p = ${decision.pValue!.toPrecision(2)})`;
    return (
      `${name} won on ${winnerMetricLabel(decision.metric)} ${sure}` +
      (decision.significant ? '' : ': not a significant difference, the best rate was chosen') +
      '; the rest of the audience got it.'
    );
  }
  if (winner)
    return (
      `The winner is chosen by ${winnerMetricLabel(winner.metric)} ${duration(winner.afterMinutes)} after ` +
      `${winner.testPercent}% of the audience got the variants, then sent to the rest.`
    );
  return null;
}

/** A send step's variants side by side: share, sends and what became of them, and the winner. */
export function VariantStats({ step }: { step: Step }) {
  const words = winnerWords(step);
  return (
    <div className="variant-stats" data-testid={`variant-stats-${step.nodeId}`}>
      <table>
        <thead>
          <tr>
            <th>Variant</th>
            <th>Share</th>
            <th>Sent</th>
            <th>Delivered</th>
            <th>Read</th>
            <th>Replied</th>
            <th>Converted</th>
          </tr>
        </thead>
        <tbody>
          {step.variants.map((v) => (
            <tr key={v.id} data-variant={v.id} className={step.decision?.winner === v.id ? 'winner' : undefined}>
              <td>
                {variantLabel(v)}
                {step.decision?.winner === v.id ? ' · winner' : ''}
              </td>
              <td>{v.share}%</td>
              <td>{v.sent}</td>
              <td>
                {v.delivered} ({pct(v.delivered, v.sent)})
              </td>
              <td>
                {v.read} ({pct(v.read, v.sent)})
              </td>
              <td>
                {v.replied} ({pct(v.replied, v.sent)})
              </td>
              <td>
                {v.converted} ({pct(v.converted, v.sent)})
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {words && (
        <p className="muted" data-testid="winner-words">
          {words}
        </p>
      )}
    </div>
  );
}
