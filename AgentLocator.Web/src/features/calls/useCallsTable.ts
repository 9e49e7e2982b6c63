import { useMemo } from 'react';
import { getCoreRowModel, useReactTable, type VisibilityState } from '@tanstack/react-table';
import type { CallListItem } from '../../api/contracts';
import { callColumns } from './callColumns';

/**
 * The calls grid's table. The server sends the rows newest first and pages them, so the headers are labels, not
 * sort buttons, and no paging happens here.
 */
export function useCallsTable(
  items: CallListItem[] | undefined,
  options: { timeZone: string; canOpenCustomer: boolean; pageCount?: number; columnVisibility?: VisibilityState },
) {
  const { timeZone, canOpenCustomer } = options;
  const columns = useMemo(() => callColumns(timeZone, canOpenCustomer), [timeZone, canOpenCustomer]);
  return useReactTable({
    data: items ?? [],
    columns,
    getCoreRowModel: getCoreRowModel(),
    getRowId: (call) => call.id,
    enableSorting: false,
    manualPagination: true,
    pageCount: options.pageCount,
    state: options.columnVisibility ? { columnVisibility: options.columnVisibility } : undefined,
  });
}
