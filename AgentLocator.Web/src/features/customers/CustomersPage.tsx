import { useCallback, useMemo } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import {
  getCoreRowModel,
  useReactTable,
  type SortingState,
  type Updater,
  type VisibilityState,
} from '@tanstack/react-table';
import { Link } from 'react-router-dom';
import { ErrorState } from '../../ui/StatusViews';
import { FeatureDisabledNotice } from '../../ui/FeatureDisabledNotice';
import { useFeatureOffError } from '../../api/useFeatureOffError';
import { useBusinessTimeZone } from '../shell/useMe';
import { customerColumns, COLUMN_IDS } from './customerColumns';
import { customerKeys, fetchCustomers, type CustomerSort } from './customersApi';
import { retryUnlessClientError } from '../../api/retry';
import { useCustomersUrlState } from './useCustomersUrlState';
import { DEFAULT_GRID_PREFERENCES, useGridPreferences, useSaveGridPreferences } from '../../ui/grid/gridPreferences';
import { CustomersToolbar } from './CustomersToolbar';
import { CustomersTable } from './CustomersTable';
import { GridPagination } from '../../ui/grid/GridPagination';
import { NoCustomersYet, NoMatchingCustomers } from './CustomersEmptyStates';
import './Customers.css';

/** Where the server keeps this user's column choice and page size. */
const GRID_KEY = 'customers-grid';

function apply<T>(updater: Updater<T>, current: T): T {
  return typeof updater === 'function' ? (updater as (old: T) => T)(current) : updater;
}

export function CustomersPage() {
  const timeZone = useBusinessTimeZone();
  const [view, updateView] = useCustomersUrlState();
  const preferencesQuery = useGridPreferences(GRID_KEY);
  const savePreferences = useSaveGridPreferences(GRID_KEY);
  const preferences = savePreferences.saving ?? preferencesQuery.data ?? DEFAULT_GRID_PREFERENCES;

  const query = { ...view, limit: preferences.limit };
  const list = useQuery({
    queryKey: customerKeys.list(query),
    queryFn: ({ signal }) => fetchCustomers(query, signal),
    // Wait for the saved page size, or the first page would be fetched twice.
    enabled: !preferencesQuery.isPending,
    placeholderData: keepPreviousData,
    retry: retryUnlessClientError,
  });
  const featureOff = useFeatureOffError(list.error);

  const columns = useMemo(() => customerColumns(timeZone), [timeZone]);
  const sorting: SortingState = [{ id: view.sort.replace(/^-/, ''), desc: view.sort.startsWith('-') }];
  const columnVisibility: VisibilityState = Object.fromEntries(
    preferences.hiddenColumns.map((id) => [id, false]),
  );

  const table = useReactTable({
    data: list.data?.items ?? [],
    columns,
    getCoreRowModel: getCoreRowModel(),
    getRowId: (customer) => customer.id,
    manualSorting: true,
    manualPagination: true,
    enableMultiSort: false,
    enableSortingRemoval: false,
    pageCount: list.data?.page.totalPages ?? -1,
    state: { sorting, columnVisibility },
    onSortingChange: (updater) => {
      const [next] = apply(updater, sorting);
      if (next) updateView({ sort: `${next.desc ? '-' : ''}${next.id}` as CustomerSort });
    },
    onColumnVisibilityChange: (updater) => {
      const next = apply(updater, columnVisibility);
      const hiddenColumns = COLUMN_IDS.filter((id) => next[id] === false);
      savePreferences.save({ ...preferences, hiddenColumns });
    },
  });

  const onSearch = useCallback((q: string) => updateView({ q }, { replace: true }), [updateView]);
  const filtered = Boolean(view.q || view.status || view.tag);
  const visibleColumnIds = table.getVisibleLeafColumns().map((column) => column.id);

  let body;
  if (featureOff) {
    return <FeatureDisabledNotice />;
  } else if (list.isError && !list.data) {
    body = (
      <ErrorState title="לא הצלחנו לטעון את רשימת הלקוחות" onRetry={() => void list.refetch()}>
        <p>ייתכן שהשרת אינו זמין כרגע. נסו שוב בעוד רגע.</p>
      </ErrorState>
    );
  } else if (!list.data) {
    body = <CustomersTable table={table} loading refreshing={false} />;
  } else if (list.data.page.total === 0 && !filtered) {
    body = <NoCustomersYet />;
  } else if (list.data.page.total === 0) {
    body = <NoMatchingCustomers query={view.q} onClear={() => updateView({ q: '', status: '', tag: '' })} />;
  } else {
    body = (
      <>
        <CustomersTable table={table} loading={false} refreshing={list.isPlaceholderData} />
        <GridPagination
          page={list.data.page}
          noun="לקוחות"
          sizeSelectId="customers-page-size"
          onPage={(page) => updateView({ page })}
          onLimit={(limit) => {
            savePreferences.save({ ...preferences, limit });
            updateView({});
          }}
        />
      </>
    );
  }

  return (
    <section className="page page--wide" aria-labelledby="customers-title">
      <header className="page__header">
        <h1 id="customers-title">לקוחות</h1>
        <div className="page__header-actions">
          <Link className="button" to="/customers/import">
            ייבוא
          </Link>
          <Link className="button button--primary" to="/customers/new">
            לקוח חדש
          </Link>
        </div>
      </header>
      <CustomersToolbar
        view={view}
        onSearch={onSearch}
        onFilter={(patch) => updateView(patch)}
        hideableColumns={table.getAllLeafColumns()}
        exportColumns={visibleColumnIds}
        timeZone={timeZone}
      />
      {savePreferences.isError && (
        <p role="alert" className="form-error">
          לא הצלחנו לשמור את בחירת העמודות. נסו שוב.
        </p>
      )}
      {body}
    </section>
  );
}
