import { useQuery } from '@tanstack/react-query';
import type { Column } from '@tanstack/react-table';
import type { Customer } from '../../api/contracts';
import { customerKeys, fetchTags } from './customersApi';
import { retryUnlessClientError } from '../../api/retry';
import { STATUS_LABELS, STATUSES, isCustomerStatus } from './customerLabels';
import type { CustomersUrlPatch, CustomersUrlState } from './useCustomersUrlState';
import { SearchBox } from './SearchBox';
import { ColumnsMenu } from './ColumnsMenu';
import { ExportCsvButton } from './ExportCsvButton';
import { Select } from '../../ui/forms/Select';

export function CustomersToolbar({
  view,
  onSearch,
  onFilter,
  hideableColumns,
  exportColumns,
  timeZone,
}: {
  view: CustomersUrlState;
  onSearch: (q: string) => void;
  onFilter: (patch: CustomersUrlPatch) => void;
  hideableColumns: Column<Customer, unknown>[];
  exportColumns: readonly string[];
  timeZone: string;
}) {
  const tags = useQuery({
    queryKey: customerKeys.tags,
    queryFn: ({ signal }) => fetchTags(signal),
    staleTime: 60_000,
    retry: retryUnlessClientError,
  });
  // A tag from the address bar stays selectable even before (or without) the tag list.
  const tagOptions = [...new Set([...(tags.data ?? []), ...(view.tag ? [view.tag] : [])])];

  return (
    <div className="grid-toolbar">
      <div className="grid-toolbar__filters" role="search" aria-label="סינון הרשימה">
        <SearchBox value={view.q} onSearch={onSearch} />
        <div className="field field--inline">
          <label htmlFor="customers-status">סטטוס</label>
          <Select
            id="customers-status"
            value={view.status}
            onChange={(event) => onFilter({ status: isCustomerStatus(event.target.value) ? event.target.value : '' })}
          >
            <option value="">הכל</option>
            {STATUSES.map((status) => (
              <option key={status} value={status}>
                {STATUS_LABELS[status]}
              </option>
            ))}
          </Select>
        </div>
        <div className="field field--inline">
          <label htmlFor="customers-tag">תגית</label>
          <Select id="customers-tag" value={view.tag} onChange={(event) => onFilter({ tag: event.target.value })}>
            <option value="">הכל</option>
            {tagOptions.map((tag) => (
              <option key={tag} value={tag}>
                {tag}
              </option>
            ))}
          </Select>
        </div>
      </div>
      <div className="grid-toolbar__actions">
        <ColumnsMenu columns={hideableColumns} />
        <ExportCsvButton filters={view} columns={exportColumns} timeZone={timeZone} />
      </div>
    </div>
  );
}
