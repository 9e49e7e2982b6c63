import { flexRender, type Header, type Table } from '@tanstack/react-table';
import { useNavigate } from 'react-router-dom';
import type { Customer } from '../../api/contracts';

const SKELETON_ROWS = 8;

function ariaSort(header: Header<Customer, unknown>) {
  if (!header.column.getCanSort()) return undefined;
  const direction = header.column.getIsSorted();
  return direction === 'asc' ? 'ascending' : direction === 'desc' ? 'descending' : 'none';
}

function HeaderCell({ header }: { header: Header<Customer, unknown> }) {
  const label = flexRender(header.column.columnDef.header, header.getContext());
  const direction = header.column.getIsSorted();
  return (
    <th scope="col" aria-sort={ariaSort(header)}>
      {header.column.getCanSort() ? (
        <button type="button" className="customers-grid__sort" onClick={header.column.getToggleSortingHandler()}>
          {label}
          <span aria-hidden="true" className="customers-grid__sort-icon">
            {direction === 'asc' ? '▲' : direction === 'desc' ? '▼' : '↕'}
          </span>
        </button>
      ) : (
        label
      )}
    </th>
  );
}

/**
 * The table's DOM order is the column order; with dir="rtl" the browser puts the first column (name)
 * on the right, so no physical positioning is needed.
 */
export function CustomersTable({
  table,
  loading,
  refreshing,
}: {
  table: Table<Customer>;
  loading: boolean;
  refreshing: boolean;
}) {
  const navigate = useNavigate();
  const visibleColumns = table.getVisibleLeafColumns();

  return (
    <div className="customers-grid__scroll">
      <table className="customers-grid" aria-busy={loading || refreshing} data-refreshing={refreshing || undefined}>
        <caption className="visually-hidden">לקוחות</caption>
        <thead>
          {table.getHeaderGroups().map((group) => (
            <tr key={group.id}>
              {group.headers.map((header) => (
                <HeaderCell key={header.id} header={header} />
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
                  onClick={(event) => {
                    // The name cell is a real link; let it (and ctrl-click to a new tab) work by itself.
                    if ((event.target as HTMLElement).closest('a, button')) return;
                    navigate(`/customers/${row.original.id}`);
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
          טוען לקוחות…
        </p>
      )}
    </div>
  );
}
