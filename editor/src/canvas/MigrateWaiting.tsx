import { useState } from 'react';
import { journeyRoutes } from '@herald/api/contracts';
import { call } from '../api/client';
import { errorText } from '../api/error-text';
import { nodeKindLabels, type NodeKind } from '@herald/engine';

type Report = Awaited<ReturnType<typeof call<typeof journeyRoutes.migrate>>>;

/**
 * Moves contacts still waiting in earlier versions to the live one, at the step with the same id:
 * first counts who would move and who stays (a dry run), then moves them when the marketer confirms.
 */
export function MigrateWaiting({ journeyId, version }: { journeyId: string; version: number }) {
  const [report, setReport] = useState<Report | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const run = async (dryRun: boolean) => {
    setError(null);
    try {
      const r = await call(journeyRoutes.migrate, { params: { id: journeyId }, body: { dryRun } });
      if (dryRun) setReport(r);
      else {
        setReport(null);
        setDone(`Moved ${r.moved} waiting ${r.moved === 1 ? 'contact' : 'contacts'} to version ${version}.`);
      }
    } catch (e) {
      setError(errorText(e));
    }
  };
  return (
    <div className="migrate" data-testid="migrate">
      <button type="button" onClick={() => void run(true)}>
        Move waiting contacts to v{version}…
      </button>
      {report && (
        <div role="dialog" aria-label="Move waiting contacts" className="dialog">
          {report.steps.length === 0 ? (
            <p>Nobody is waiting in an earlier version.</p>
          ) : (
            <ul data-testid="migrate-steps">
              {report.steps.map((s) => (
                <li key={s.nodeId}>
                  {s.count} at “{s.nodeId}” ({nodeKindLabels[s.kind as NodeKind] ?? s.kind}):{' '}
                  {s.moves ? `move to the same step of v${version}` : 'stay: this version has no such step'}
                </li>
              ))}
            </ul>
          )}
          <p>
            {report.moved} will move, {report.staying} will finish on their version.
          </p>
          <button type="button" className="primary" disabled={report.moved === 0} onClick={() => void run(false)}>
            Move {report.moved}
          </button>
          <button type="button" onClick={() => setReport(null)}>
            Cancel
          </button>
        </div>
      )}
      {done && (
        <span role="status" data-testid="migrate-done">
          {done}
        </span>
      )}
      {error && <span className="error">{error}</span>}
    </div>
  );
}
