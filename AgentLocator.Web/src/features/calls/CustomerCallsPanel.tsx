import { useState } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { ErrorState } from '../../ui/StatusViews';
import { GridPagination } from '../../ui/grid/GridPagination';
import { retryUnlessClientError } from '../../api/retry';
import { callKeys, fetchCalls, type CallListQuery } from './callsApi';
import { useCallsTable } from './useCallsTable';
import { useLiveCalls } from './liveCalls';
import { CallsTable } from './CallsTable';
import './Calls.css';
import { CALLS_TEXT, CALLS_LIST_TEXT } from './strings';

const PAGE_SIZE = 25;

/** The customer page's Calls tab: this customer's calls, newest first, each opening its call page. */
export function CustomerCallsPanel({ customerId, timeZone }: { customerId: string; timeZone: string }) {
  const [page, setPage] = useState(1);
  const [limit, setLimit] = useState(PAGE_SIZE);
  const query: CallListQuery = { customerId, disposition: '', from: '', to: '', page, limit };
  const list = useQuery({
    queryKey: callKeys.list(query),
    queryFn: ({ signal }) => fetchCalls(query, signal),
    placeholderData: keepPreviousData,
    retry: retryUnlessClientError,
  });
  useLiveCalls({ timeZone });

  // The caller is this customer on every row.
  const table = useCallsTable(list.data?.items, { timeZone, canOpenCustomer: false, columnVisibility: { caller: false } });

  return (
    <div className="customer-calls">
      <h2 className="visually-hidden">{CALLS_TEXT.customerCalls}</h2>
      {list.isError && !list.data ? (
        <ErrorState title={CALLS_LIST_TEXT.customerLoadFailed} onRetry={() => void list.refetch()} />
      ) : !list.data ? (
        <CallsTable table={table} loading refreshing={false} caption={CALLS_TEXT.customerCalls} />
      ) : list.data.items.length === 0 && page === 1 ? (
        <p className="muted">{CALLS_LIST_TEXT.customerNone}</p>
      ) : (
        <>
          <CallsTable table={table} loading={false} refreshing={list.isPlaceholderData} caption={CALLS_TEXT.customerCalls} />
          {list.data.page.totalPages > 1 && (
            <GridPagination
              page={list.data.page}
              noun={CALLS_TEXT.calls}
              sizeSelectId="customer-calls-page-size"
              onPage={setPage}
              onLimit={(next) => {
                setLimit(next);
                setPage(1);
              }}
            />
          )}
        </>
      )}
    </div>
  );
}
