import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { ErrorState, LoadingState } from '../../ui/StatusViews';
import { useMe } from '../shell/useMe';
import { contractKeys, fetchContracts, STATUS_LABELS, type ContractFilters, type ContractStatus } from './contractsApi';

const EMPTY: ContractFilters = { status: '', from: '', to: '', page: 1 };

/** Every contract of the business, newest first, by status and date. */
export function ContractsListPage() {
  const { data: me } = useMe();
  const [filters, setFilters] = useState<ContractFilters>(EMPTY);
  const list = useQuery({ queryKey: contractKeys.list(filters), queryFn: ({ signal }) => fetchContracts(filters, signal), placeholderData: keepPreviousData });
  const set = (change: Partial<ContractFilters>) => setFilters((current) => ({ ...current, ...change, page: change.page ?? 1 }));

  return (
    <section className="page" aria-labelledby="contracts-title">
      <div className="page__header">
        <h1 id="contracts-title">חוזים</h1>
        {me?.user.role === 'admin' && (
          <div className="page__actions">
            <Link className="button" to="/contracts/templates">
              תבניות חוזים
            </Link>
          </div>
        )}
      </div>
      <div className="grid-toolbar">
        <div className="grid-toolbar__filters">
          <label className="field field--inline">
            מצב
            <select value={filters.status} onChange={(e) => set({ status: e.target.value as ContractStatus | '' })}>
              <option value="">הכול</option>
              {Object.entries(STATUS_LABELS).map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </select>
          </label>
          <label className="field field--inline">
            מתאריך
            <input type="date" value={filters.from} onChange={(e) => set({ from: e.target.value })} />
          </label>
          <label className="field field--inline">
            עד תאריך
            <input type="date" value={filters.to} onChange={(e) => set({ to: e.target.value })} />
          </label>
        </div>
      </div>
      {list.isPending ? (
        <LoadingState message="טוען חוזים…" />
      ) : list.isError ? (
        <ErrorState title="לא ניתן לטעון את החוזים" onRetry={() => void list.refetch()} />
      ) : list.data.items.length === 0 ? (
        <div className="card card--muted">
          <p>אין חוזים להצגה.</p>
          <p className="muted">חוזה נוצר מתוך כרטיס הלקוח, בלשונית המסמכים.</p>
        </div>
      ) : (
        <>
          <table className="data-table contracts-table">
            <thead>
              <tr>
                <th>חוזה</th>
                <th>לקוח</th>
                <th>תאריך</th>
                <th>מצב</th>
              </tr>
            </thead>
            <tbody>
              {list.data.items.map((c) => (
                <tr key={c.id}>
                  <td>
                    <Link to={`/contracts/${c.id}`}>{c.title}</Link>
                  </td>
                  <td>
                    <Link to={`/customers/${c.customer.id}`}>{c.customer.name}</Link>
                  </td>
                  <td>{c.contractDate}</td>
                  <td>
                    <span className={`badge contract-status contract-status--${c.status}`}>{STATUS_LABELS[c.status]}</span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <nav className="contracts-paging" aria-label="עמודים">
            <button type="button" className="button" disabled={filters.page <= 1} onClick={() => set({ page: filters.page - 1 })}>
              הקודם
            </button>
            <span>
              עמוד {filters.page} מתוך {Math.max(1, list.data.page.totalPages ?? 1)}
            </span>
            <button type="button" className="button" disabled={!list.data.page.hasNext} onClick={() => set({ page: filters.page + 1 })}>
              הבא
            </button>
          </nav>
        </>
      )}
    </section>
  );
}
