import type { Table } from '@tanstack/react-table';
import type { Customer } from '../../api/contracts';
import { DataGrid } from '../../ui/grid/DataGrid';

/** The customers grid: the first column (name) sits on the right in RTL; a click on a row opens the customer. */
export function CustomersTable(grid: { table: Table<Customer>; loading: boolean; refreshing: boolean }) {
  return (
    <DataGrid {...grid} caption="לקוחות" loadingLabel="טוען לקוחות…" rowHref={(customer) => `/customers/${customer.id}`} />
  );
}
