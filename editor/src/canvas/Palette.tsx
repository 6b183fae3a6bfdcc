import { actionKinds, flowKinds, triggerKinds } from '@herald/engine';
import { stepLabel } from '../words/labels';
import { useCanvas } from './store';
import { useTranslation } from 'react-i18next';

const groups = [
  ['triggers', triggerKinds],
  ['flow', flowKinds],
  ['actions', actionKinds],
] as const;

/** The steps to add: click one, or drag it onto the canvas. */
export function Palette({ disabled }: { disabled: boolean }) {
  const { t } = useTranslation();
  const addNode = useCanvas((s) => s.addNode);
  return (
    <aside className="palette" aria-label={t('canvas.palette.label')}>
      {groups.map(([title, kinds]) => (
        <section key={title}>
          <h4>{t(`canvas.palette.${title}`)}</h4>
          {kinds.map((k) => (
            <button
              type="button"
              key={k}
              data-testid={`palette-${k}`}
              disabled={disabled}
              draggable
              onDragStart={(e) => e.dataTransfer.setData('application/herald-kind', k)}
              onClick={() => addNode(k)}
            >
              {stepLabel(k)}
            </button>
          ))}
        </section>
      ))}
    </aside>
  );
}
