import type { ReactNode } from 'react';
import { Loading } from '../components/Banner';
import { DataTable, Pager, type Column } from './DataTable';
import type { usePagedList } from './usePagedList';

/** A server-paged list's body: the loading line, the sentence for no rows, or the sorting table and its pager. */
export function PagedTable<T, S extends string>({
  list,
  columns,
  rowKey,
  testId,
  empty,
}: {
  list: ReturnType<typeof usePagedList<S, T>>;
  columns: ReadonlyArray<Column<T, S>>;
  rowKey(row: T): string | number;
  testId: string;
  empty: ReactNode;
}) {
  const rows = list.rows;
  if (!rows) return <Loading />;
  if (rows.total === 0) return <p className="muted">{empty}</p>;
  return (
    <>
      <DataTable
        testId={testId}
        columns={columns}
        rows={rows.items}
        rowKey={rowKey}
        sort={list.page.sort}
        dir={list.page.dir}
        onSort={list.sortBy}
      />
      <Pager offset={rows.offset} limit={list.page.limit} total={rows.total} onPage={list.goTo} />
    </>
  );
}
