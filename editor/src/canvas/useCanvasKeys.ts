import { useEffect } from 'react';
import { i18n } from '../i18n/i18n';
import { useCanvas } from './store';

/** Canvas shortcuts: Delete/Backspace, Ctrl/Cmd+C and +V (duplicate with new ids), +Z undo, +Shift+Z or +Y redo. */
export function useCanvasKeys(onChange: (what: string) => void): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement;
      // Typing in a field keeps the browser's own meaning of these keys.
      if (target.closest('input, textarea, select, [contenteditable="true"]')) return;
      const store = useCanvas.getState();
      const mod = e.ctrlKey || e.metaKey;
      const key = e.key.toLowerCase();
      if (mod && key === 'z') {
        e.preventDefault();
        if (e.shiftKey) store.redo();
        else store.undo();
      } else if (mod && key === 'y') {
        e.preventDefault();
        store.redo();
      } else if (mod && key === 'c') {
        const n = store.copy();
        if (n) onChange(i18n.t('canvas.copied', { count: n }));
      } else if (mod && key === 'v') {
        e.preventDefault();
        const n = store.paste();
        if (n) onChange(i18n.t('canvas.pasted', { count: n }));
      } else if (mod && key === 'a' && target.closest('.react-flow')) {
        e.preventDefault();
        useCanvas.setState({ nodes: store.nodes.map((n) => ({ ...n, selected: true })) });
      } else if ((e.key === 'Delete' || e.key === 'Backspace') && !target.closest('button')) store.deleteSelection();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onChange]);
}
