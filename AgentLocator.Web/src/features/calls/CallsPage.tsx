import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { ErrorState } from '../../ui/StatusViews';
import { FeatureDisabledNotice } from '../../ui/FeatureDisabledNotice';
import { useFeatureOffError } from '../../api/useFeatureOffError';
import { useMe } from '../shell/useMe';
import { GridPagination } from '../../ui/grid/GridPagination';
import { retryUnlessClientError } from '../../api/retry';
import { DEFAULT_TIME_ZONE } from '../../time/zonedTime';
import { callKeys, fetchCalls, type CallListQuery } from './callsApi';
import { useCallsTable } from './useCallsTable';
import { useCallsUrlState } from './useCallsUrlState';
import { useLiveCalls } from './liveCalls';
import { CallsToolbar } from './CallsToolbar';
import { CallsTable } from './CallsTable';
import { NoCallsYet, NoMatchingCalls } from './CallsEmptyStates';
import { LiveNote } from './LiveNote';
import './Calls.css';
import { CALLS_TEXT, CALLS_LIST_TEXT } from './strings';

export function CallsPage() {
  const me = useMe().data;
  const timeZone = me?.business.timeZone || DEFAULT_TIME_ZONE;
  const canOpenCustomer = me?.features.includes('crm') ?? false;
  const [view, updateView] = useCallsUrlState();
  // Both days are inclusive; a reversed range can only be a typo, so it is not sent.
  const rangeError = view.from && view.to && view.from > view.to ? CALLS_LIST_TEXT.rangeError : null;

  const query: CallListQuery = { ...view };
  const list = useQuery({
    queryKey: callKeys.list(query),
    queryFn: ({ signal }) => fetchCalls(query, signal),
    enabled: !rangeError,
    placeholderData: keepPreviousData,
    retry: retryUnlessClientError,
  });
  const featureOff = useFeatureOffError(list.error);
  const live = useLiveCalls({ timeZone, enabled: !featureOff });

  const table = useCallsTable(list.data?.items, {
    timeZone,
    canOpenCustomer,
    pageCount: list.data?.page.totalPages ?? -1,
  });

  const filtered = Boolean(view.disposition || view.from || view.to);
  const clearFilters = () => updateView({ disposition: '', from: '', to: '' });

  let body;
  if (featureOff) {
    return <FeatureDisabledNotice />;
  } else if (rangeError) {
    body = null;
  } else if (list.isError && !list.data) {
    body = (
      <ErrorState title={CALLS_LIST_TEXT.loadFailed} onRetry={() => void list.refetch()}>
        <p>{CALLS_LIST_TEXT.loadFailedHint}</p>
      </ErrorState>
    );
  } else if (!list.data) {
    body = <CallsTable table={table} loading refreshing={false} />;
  } else if (list.data.page.total === 0 && list.data.items.length === 0 && !filtered) {
    body = <NoCallsYet twilioNumber={me?.business.twilioNumber ?? null} />;
  } else if (list.data.items.length === 0 && list.data.page.page === 1) {
    body = <NoMatchingCalls onClear={clearFilters} />;
  } else {
    body = (
      <>
        <CallsTable table={table} loading={false} refreshing={list.isPlaceholderData} />
        <GridPagination
          page={list.data.page}
          noun={CALLS_TEXT.calls}
          sizeSelectId="calls-page-size"
          onPage={(page) => updateView({ page })}
          onLimit={(limit) => updateView({ limit })}
        />
      </>
    );
  }

  return (
    // data-live says whether pushed updates are flowing (the e2e test waits for it before placing a call).
    <section className="page page--wide calls-page" aria-labelledby="calls-title" data-live={live}>
      <header className="page__header">
        <h1 id="calls-title">{CALLS_TEXT.calls}</h1>
        <LiveNote status={live} />
      </header>
      <CallsToolbar view={view} onFilter={(patch) => updateView(patch)} rangeError={rangeError} />
      {body}
    </section>
  );
}
