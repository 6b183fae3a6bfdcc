/** The ids with `id` added, or removed when it was there. */
export const toggle = (ids: readonly string[], id: string) =>
  ids.includes(id) ? ids.filter((x) => x !== id) : [...ids, id];

/** A group of toggle buttons, one per item, pressed when selected. */
export function Chips({
  label,
  items,
  selected,
  onToggle,
}: {
  label: string;
  items: ReadonlyArray<{ id: string; name: string }>;
  selected: readonly string[];
  onToggle(id: string): void;
}) {
  return (
    <div className="chips" role="group" aria-label={label}>
      {items.map((t) => (
        <button
          type="button"
          key={t.id}
          className={selected.includes(t.id) ? 'chip on' : 'chip'}
          aria-pressed={selected.includes(t.id)}
          onClick={() => onToggle(t.id)}
        >
          {t.name}
        </button>
      ))}
      {items.length === 0 && <span className="muted">None yet.</span>}
    </div>
  );
}
