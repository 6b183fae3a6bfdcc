import { useShallow } from 'zustand/react/shallow';
import { useCanvas } from './store';
import { useTranslation } from 'react-i18next';

/** The toolbar's undo and redo: each enabled while there is a change to step back or forward over. */
export function HistoryButtons() {
  const { t } = useTranslation();
  const { canUndo, canRedo, undo, redo } = useCanvas(
    useShallow((s) => ({ canUndo: s.past.length > 0, canRedo: s.future.length > 0, undo: s.undo, redo: s.redo })),
  );
  const buttons = [
    { act: undo, can: canUndo, label: t('canvas.undo'), keys: t('canvas.undoKeys'), glyph: '↶' },
    { act: redo, can: canRedo, label: t('canvas.redo'), keys: t('canvas.redoKeys'), glyph: '↷' },
  ];
  return buttons.map((b) => (
    <button key={b.glyph} type="button" onClick={b.act} disabled={!b.can} aria-label={b.label} title={b.keys}>
      {b.glyph}
    </button>
  ));
}
