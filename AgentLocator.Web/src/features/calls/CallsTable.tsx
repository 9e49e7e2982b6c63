import type { Table } from '@tanstack/react-table';
import type { CallListItem } from '../../api/contracts';
import { DataGrid } from '../../ui/grid/DataGrid';

/** The calls grid: the first column (time) sits on the right in RTL; a click on a row opens the call. */
export function CallsTable({
  caption = 'שיחות',
  ...grid
}: {
  table: Table<CallListItem>;
  loading: boolean;
  refreshing: boolean;
  caption?: string;
}) {
  return (
    <DataGrid
      {...grid}
      caption={caption}
      loadingLabel="טוען שיחות…"
      rowHref={(call) => `/calls/${call.id}`}
      rowAttributes={(call) => ({ 'data-testid': `call-row-${call.id}`, 'data-disposition': call.disposition })}
    />
  );
}
