import type { Table } from '@tanstack/react-table';
import type { CallListItem } from '../../api/contracts';
import { DataGrid } from '../../ui/grid/DataGrid';
import { CALLS_TEXT } from './strings';

/** The calls grid: the first column (time) sits on the right in RTL; a click on a row opens the call. */
export function CallsTable({
  caption = CALLS_TEXT.calls,
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
      loadingLabel={CALLS_TEXT.loadingCalls}
      rowHref={(call) => `/calls/${call.id}`}
      rowAttributes={(call) => ({ 'data-testid': `call-row-${call.id}`, 'data-disposition': call.disposition })}
    />
  );
}
