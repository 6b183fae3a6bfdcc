import type { Column } from './DataTable';

/** One thing a row offers: a button that acts on it, or a link that opens it (`href`); shown where `when` allows. */
export interface RowAction<T> {
  label: string | ((row: T) => string);
  when?(row: T): boolean;
  act?(row: T): void;
  href?(row: T): string;
}

/** A row's actions that apply to it, in order: links drawn as buttons, buttons plain or link-styled. */
export function RowActions<T>({
  row,
  actions,
  links,
}: {
  row: T;
  actions: ReadonlyArray<RowAction<T>>;
  links: boolean;
}) {
  return (
    <>
      {actions
        .filter((a) => a.when?.(row) ?? true)
        .map((a, i) => {
          const label = typeof a.label === 'function' ? a.label(row) : a.label;
          return a.href ? (
            <a key={i} className="button" href={a.href(row)}>
              {label}
            </a>
          ) : (
            <button key={i} type="button" className={links ? 'link' : undefined} onClick={() => a.act?.(row)}>
              {label}
            </button>
          );
        })}
    </>
  );
}

/**
 * A table's column of row actions: with a `label`, an operations column (its cells of class `ops`);
 * without, a trailing column with no header. `links` draws the buttons as links.
 */
export function actionsColumn<T, S extends string = never>(
  actions: ReadonlyArray<RowAction<T>>,
  { label, links = false }: { label?: string; links?: boolean } = {},
): Column<T, S> {
  return {
    label: label ?? '',
    ...(label ? { className: 'ops' } : {}),
    cell: (row) => <RowActions row={row} actions={actions} links={links} />,
  };
}
