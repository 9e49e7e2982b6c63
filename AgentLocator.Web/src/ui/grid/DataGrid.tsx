import { flexRender, type Header, type Row, type Table } from '@tanstack/react-table';
import { useNavigate } from 'react-router-dom';
import './DataGrid.css';

const SKELETON_ROWS = 8;

function ariaSort<T>(header: Header<T, unknown>) {
  if (!header.column.getCanSort()) return undefined;
  const direction = header.column.getIsSorted();
  return direction === 'asc' ? 'ascending' : direction === 'desc' ? 'descending' : 'none';
}

/** A sortable column's header is a button (with aria-sort on the cell); a table without sorting has plain headers. */
function HeaderCell<T>({ header }: { header: Header<T, unknown> }) {
  const label = flexRender(header.column.columnDef.header, header.getContext());
  const direction = header.column.getIsSorted();
  return (
    <th scope="col" aria-sort={ariaSort(header)}>
      {header.column.getCanSort() ? (
        <button type="button" className="data-grid__sort" onClick={header.column.getToggleSortingHandler()}>
          {label}
          <span aria-hidden="true" className="data-grid__sort-icon">
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
 * The app's one list grid (customers, calls). The table's DOM order is the column order; with dir="rtl" the browser
 * puts the first column on the right, so no physical positioning is needed. A click anywhere on a row opens
 * `rowHref`; links and buttons inside the row keep their own targets (and ctrl-click to a new tab).
 */
export function DataGrid<T>({
  table,
  loading,
  refreshing,
  caption,
  loadingLabel,
  rowHref,
  rowAttributes,
}: {
  table: Table<T>;
  loading: boolean;
  refreshing: boolean;
  /** For screen readers; visually hidden. */
  caption: string;
  /** Announced while the first page loads, e.g. "טוען לקוחות…". */
  loadingLabel: string;
  rowHref: (row: T) => string;
  /** Extra data-* attributes for a row, e.g. a test id. */
  rowAttributes?: (row: T) => Record<`data-${string}`, string | undefined>;
}) {
  const navigate = useNavigate();
  const visibleColumns = table.getVisibleLeafColumns();

  const renderRow = (row: Row<T>) => (
    <tr
      key={row.id}
      className="data-grid__row"
      {...rowAttributes?.(row.original)}
      onClick={(event) => {
        if ((event.target as HTMLElement).closest('a, button')) return;
        navigate(rowHref(row.original));
      }}
    >
      {row.getVisibleCells().map((cell) => (
        <td key={cell.id} data-column={cell.column.id}>
          {flexRender(cell.column.columnDef.cell, cell.getContext())}
        </td>
      ))}
    </tr>
  );

  return (
    <div className="data-grid__scroll">
      <table className="data-grid" aria-busy={loading || refreshing} data-refreshing={refreshing || undefined}>
        <caption className="visually-hidden">{caption}</caption>
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
                <tr key={row} className="data-grid__skeleton" data-testid="skeleton-row" aria-hidden="true">
                  {visibleColumns.map((column) => (
                    <td key={column.id}>
                      <span className="skeleton-bar" />
                    </td>
                  ))}
                </tr>
              ))
            : table.getRowModel().rows.map(renderRow)}
        </tbody>
      </table>
      {loading && (
        <p className="visually-hidden" role="status">
          {loadingLabel}
        </p>
      )}
    </div>
  );
}
