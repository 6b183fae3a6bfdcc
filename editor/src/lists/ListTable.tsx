import type { ReactNode } from 'react';
import { ListBody } from '../components/Banner';
import { DataTable, type Column } from './DataTable';

/**
 * A loaded list as a table keyed by its rows' ids: the loading line until the rows come, the sentence
 * for none (when there is one), else the table.
 */
export function ListTable<T extends { id: string | number }>({
  items,
  empty,
  emptyTestId,
  testId,
  columns,
  rowProps,
}: {
  items: readonly T[] | null | undefined;
  empty?: ReactNode;
  emptyTestId?: string;
  testId: string;
  columns: ReadonlyArray<Column<T, never>>;
  rowProps?(row: T): { className?: string | undefined } & Record<`data-${string}`, string>;
}) {
  return (
    <ListBody items={items} empty={empty} {...(emptyTestId ? { emptyTestId } : {})}>
      {(rows) => (
        <DataTable
          testId={testId}
          columns={columns}
          rows={rows}
          rowKey={(row) => row.id}
          {...(rowProps ? { rowProps } : {})}
        />
      )}
    </ListBody>
  );
}
