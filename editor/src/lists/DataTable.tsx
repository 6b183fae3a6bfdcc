import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

export interface Column<T, S extends string> {
  /** The header's text. */
  label: ReactNode;
  /** The server's sort key for this column; absent: the column does not sort. */
  sort?: S;
  cell(row: T): ReactNode;
  className?: string;
}

interface Props<T, S extends string> {
  columns: ReadonlyArray<Column<T, S>>;
  rows: readonly T[];
  rowKey(row: T): string | number;
  /** What a row carries besides its cells: a class, data attributes (`data-testid`, `data-name`…). */
  rowProps?(row: T): { className?: string | undefined } & Record<`data-${string}`, string>;
  /** The sorted column and its direction; absent for a table that does not sort. */
  sort?: S;
  dir?: 'asc' | 'desc';
  onSort?(sort: S): void;
  testId?: string;
}

/**
 * A table drawn from its columns. Where it sorts (on the server), the sortable headers are buttons and
 * the sorted column says its direction (aria-sort).
 */
export function DataTable<T, S extends string = never>({
  columns,
  rows,
  rowKey,
  rowProps,
  sort,
  dir,
  onSort,
  testId,
}: Props<T, S>) {
  return (
    <table data-testid={testId}>
      <thead>
        <tr>
          {columns.map((c, i) => {
            const active = c.sort !== undefined && c.sort === sort;
            return (
              <th
                key={i}
                aria-sort={active ? (dir === 'asc' ? 'ascending' : 'descending') : c.sort ? 'none' : undefined}
              >
                {c.sort ? (
                  <button type="button" className="sort" onClick={() => onSort?.(c.sort!)}>
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
          <tr key={rowKey(row)} {...rowProps?.(row)}>
            {columns.map((c, i) => (
              <td key={i} className={c.className}>
                {c.cell(row)}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

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
  const { t } = useTranslation();
  if (total <= limit && offset === 0) return null;
  return (
    <nav className="pager" aria-label={t('common.pager.label')}>
      <button type="button" disabled={offset === 0} onClick={() => onPage(offset - limit)}>
        {t('common.pager.previous')}
      </button>
      <span data-testid="pager-range">
        {t('common.pager.range', {
          from: Math.min(total, offset + 1),
          to: Math.min(total, offset + limit),
          total,
        })}
      </span>
      <button type="button" disabled={offset + limit >= total} onClick={() => onPage(offset + limit)}>
        {t('common.pager.next')}
      </button>
    </nav>
  );
}
