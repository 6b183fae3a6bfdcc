import type { ReactNode } from 'react';

export interface Column<T, S extends string> {
  /** The header's text. */
  label: string;
  /** The server's sort key for this column; absent: the column does not sort. */
  sort?: S;
  cell(row: T): ReactNode;
  className?: string;
}

interface Props<T, S extends string> {
  columns: ReadonlyArray<Column<T, S>>;
  rows: readonly T[];
  rowKey(row: T): string;
  sort: S;
  dir: 'asc' | 'desc';
  onSort(sort: S): void;
  testId?: string;
}

/** A table whose headers sort on the server: the sorted column says its direction (aria-sort). */
export function DataTable<T, S extends string>({ columns, rows, rowKey, sort, dir, onSort, testId }: Props<T, S>) {
  return (
    <table data-testid={testId}>
      <thead>
        <tr>
          {columns.map((c) => {
            const active = c.sort !== undefined && c.sort === sort;
            return (
              <th
                key={c.label}
                aria-sort={active ? (dir === 'asc' ? 'ascending' : 'descending') : c.sort ? 'none' : undefined}
              >
                {c.sort ? (
                  <button type="button" className="sort" onClick={() => onSort(c.sort!)}>
                    {c.label}
                    <span aria-hidden="true">{active ? (dir === 'asc' ? ' ▲' : ' ▼') : ''}</span>
                  </button>
                ) : (
                  c.label
                )}
              </th>
            );
          })}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={rowKey(row)}>
            {columns.map((c) => (
              <td key={c.label} className={c.className}>
                {c.cell(row)}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

const n = (v: number) => v.toLocaleString('en');

/** "51–73 of 73" with Previous and Next. */
export function Pager({
  offset,
  limit,
  total,
  onPage,
}: {
  offset: number;
  limit: number;
  total: number;
  onPage(offset: number): void;
}) {
  if (total <= limit && offset === 0) return null;
  return (
    <nav className="pager" aria-label="Pages">
      <button type="button" disabled={offset === 0} onClick={() => onPage(offset - limit)}>
        Previous
      </button>
      <span data-testid="pager-range">
        {`${n(Math.min(total, offset + 1))}–${n(Math.min(total, offset + limit))} of ${n(total)}`}
      </span>
      <button type="button" disabled={offset + limit >= total} onClick={() => onPage(offset + limit)}>
        Next
      </button>
    </nav>
  );
}
