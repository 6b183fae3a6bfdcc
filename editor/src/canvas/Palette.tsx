import { actionKinds, flowKinds, triggerKinds, type NodeKind } from '@herald/engine';
import { stepLabel } from '../words/labels';
import { useCanvas } from './store';

const groups: Array<[string, readonly NodeKind[]]> = [
  ['Triggers', triggerKinds],
  ['Flow', flowKinds],
  ['Actions', actionKinds],
];

/** The steps to add: click one, or drag it onto the canvas. */
export function Palette({ disabled }: { disabled: boolean }) {
  const addNode = useCanvas((s) => s.addNode);
  return (
    <aside className="palette" aria-label="Palette">
      {groups.map(([title, kinds]) => (
        <section key={title}>
          <h4>{title}</h4>
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
