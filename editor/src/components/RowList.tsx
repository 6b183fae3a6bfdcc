import type { ReactNode } from 'react';

/**
 * Rows a marketer adds and removes (event filters, split branches): each row's fields and its remove
 * link (while more than `min` rows are left), then the add button (while fewer than `max`).
 */
export function RowList<T>({
  items,
  rowClass,
  keyOf,
  row,
  min,
  max,
  removeLabel,
  onRemove,
  addLabel,
  onAdd,
}: {
  items: readonly T[];
  rowClass: string;
  keyOf(item: T, i: number): string | number;
  row(item: T, i: number): ReactNode;
  min: number;
  max: number;
  removeLabel: string;
  onRemove(i: number): void;
  addLabel: string;
  onAdd(): void;
}) {
  return (
    <>
      {items.map((item, i) => (
        <div key={keyOf(item, i)} className={rowClass}>
          {row(item, i)}
          {items.length > min && (
            <button type="button" className="link" onClick={() => onRemove(i)}>
              {removeLabel}
            </button>
          )}
        </div>
      ))}
      {items.length < max && (
        <button type="button" onClick={onAdd}>
          {addLabel}
        </button>
      )}
    </>
  );
}
