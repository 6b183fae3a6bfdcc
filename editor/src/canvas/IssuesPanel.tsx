import { useCanvas } from './store';

/** The problems of the drawing, as the engine's validator lists them; clicking one selects its node. */
export function IssuesPanel({ onSelect }: { onSelect(nodeId: string): void }) {
  const issues = useCanvas((s) => s.issues);
  return (
    <section className="issues" data-testid="issues-panel" data-issue-count={issues.length} aria-label="Problems">
      {issues.length === 0 ? (
        <span className="ok">No problems: ready to publish.</span>
      ) : (
        issues.map((i, n) => (
          <button
            type="button"
            key={n}
            className={`issue ${i.severity}`}
            onClick={() => {
              if (i.nodeId) onSelect(i.nodeId);
            }}
            data-code={i.code}
          >
            {i.message}
          </button>
        ))
      )}
    </section>
  );
}
