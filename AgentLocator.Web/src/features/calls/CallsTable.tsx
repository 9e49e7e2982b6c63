import { flexRender, type Table } from '@tanstack/react-table';
import { useNavigate } from 'react-router-dom';
import type { CallListItem } from '../../api/contracts';

const SKELETON_ROWS = 8;

/**
 * The calls grid, built like the customers grid: DOM order is column order, so in RTL the first column (time)
 * sits on the right. A click anywhere on a row opens the call; links inside the row keep their own targets.
 */
export function CallsTable({
  table,
  loading,
  refreshing,
  caption = 'שיחות',
}: {
  table: Table<CallListItem>;
  loading: boolean;
  refreshing: boolean;
  caption?: string;
}) {
  const navigate = useNavigate();
  const visibleColumns = table.getVisibleLeafColumns();

  return (
    <div className="customers-grid__scroll">
      <table
        className="customers-grid calls-grid"
        aria-busy={loading || refreshing}
        data-refreshing={refreshing || undefined}
      >
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          {table.getHeaderGroups().map((group) => (
            <tr key={group.id}>
              {group.headers.map((header) => (
                <th key={header.id} scope="col">
                  {flexRender(header.column.columnDef.header, header.getContext())}
                </th>
              ))}
            </tr>
          ))}
        </thead>
        <tbody>
          {loading
            ? Array.from({ length: SKELETON_ROWS }, (_, row) => (
                <tr key={row} className="customers-grid__skeleton" data-testid="skeleton-row" aria-hidden="true">
                  {visibleColumns.map((column) => (
                    <td key={column.id}>
                      <span className="skeleton-bar" />
                    </td>
                  ))}
                </tr>
              ))
            : table.getRowModel().rows.map((row) => (
                <tr
                  key={row.id}
                  className="customers-grid__row"
                  data-testid={`call-row-${row.original.id}`}
                  data-disposition={row.original.disposition}
                  onClick={(event) => {
                    if ((event.target as HTMLElement).closest('a, button')) return;
                    navigate(`/calls/${row.original.id}`);
                  }}
                >
                  {row.getVisibleCells().map((cell) => (
                    <td key={cell.id} data-column={cell.column.id}>
                      {flexRender(cell.column.columnDef.cell, cell.getContext())}
                    </td>
                  ))}
                </tr>
              ))}
        </tbody>
      </table>
      {loading && (
        <p className="visually-hidden" role="status">
          טוען שיחות…
        </p>
      )}
    </div>
  );
}
