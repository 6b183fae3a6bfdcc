import { useTranslation } from 'react-i18next';
import type { ValidationIssue } from '@herald/engine';
import { currentLocale, i18n, textOf } from '../i18n/i18n';
import { stepLabel } from '../words/labels';
import { useCanvas } from './store';

/**
 * An issue in the editor's language. The engine writes each in English naming the step; in Chinese the
 * catalogue's sentence for its code, after the step's kind when it is pinned to one.
 */
export function issueText(issue: ValidationIssue): string {
  const text = currentLocale() === 'en' ? undefined : textOf(`issues.${issue.code}`);
  if (!text) return issue.message;
  const kind = issue.nodeId ? useCanvas.getState().nodes.find((n) => n.id === issue.nodeId)?.type : undefined;
  return kind ? i18n.t('canvas.problems.at', { step: stepLabel(kind), text }) : text;
}

/** The problems of the drawing, as the engine's validator lists them; clicking one selects its node. */
export function IssuesPanel({ onSelect }: { onSelect(nodeId: string): void }) {
  const { t } = useTranslation();
  const issues = useCanvas((s) => s.issues);
  return (
    <section
      className="issues"
      data-testid="issues-panel"
      data-issue-count={issues.length}
      aria-label={t('canvas.problems.label')}
    >
      {issues.length === 0 ? (
        <span className="ok">{t('canvas.problems.none')}</span>
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
            {issueText(i)}
          </button>
        ))
      )}
    </section>
  );
}
