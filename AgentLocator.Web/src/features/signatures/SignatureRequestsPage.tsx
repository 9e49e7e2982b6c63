import { useState } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { ErrorState, LoadingState } from '../../ui/StatusViews';
import { useMe } from '../shell/useMe';
import { DEFAULT_TIME_ZONE } from '../../time/zonedTime';
import { formatDate } from '../../time/formatting';
import { fetchRequests, signatureKeys, STATUS_LABELS, type RequestFilters, type SignatureStatus } from './signaturesApi';
import { Select } from '../../ui/forms/Select';

/** Every request of the business, newest first: a status filter, pages of 25, an empty state that says what to do. */
export function SignatureRequestsPage() {
  const timeZone = useMe().data?.business.timeZone || DEFAULT_TIME_ZONE;
  const [filters, setFilters] = useState<RequestFilters>({ status: '', page: 1, limit: 25 });
  const list = useQuery({
    queryKey: signatureKeys.list(filters),
    queryFn: ({ signal }) => fetchRequests(filters, signal),
    placeholderData: keepPreviousData,
  });
  return (
    <section className="page" aria-labelledby="signatures-title">
      <div className="page__header">
        <h1 id="signatures-title">בקשות חתימה</h1>
        <Link className="button" to="/signatures/verify">
          בדיקת מסמך חתום
        </Link>
      </div>
      <div className="grid-toolbar">
        <label className="field field--inline">
          <span>סטטוס</span>
          <Select value={filters.status} onChange={(event) => setFilters({ ...filters, status: event.target.value as SignatureStatus | '', page: 1 })}>
            <option value="">הכול</option>
            {Object.entries(STATUS_LABELS).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </Select>
        </label>
      </div>
      {list.isPending ? (
        <LoadingState message="טוען בקשות…" />
      ) : list.isError ? (
        <ErrorState title="לא ניתן לטעון את הבקשות" onRetry={() => void list.refetch()} />
      ) : list.data.items.length === 0 ? (
        <div className="empty-state">
          <p>{filters.status ? 'אין בקשות בסטטוס הזה.' : 'עדיין לא נשלחו בקשות חתימה.'}</p>
          <p className="muted">בקשה חדשה נשלחת מדף הלקוח, בלשונית "חתימות".</p>
        </div>
      ) : (
        <>
          <ul className="signature-list">
            {list.data.items.map((item) => (
              <li key={item.id} className="signature-list__item">
                <Link to={`/signatures/${item.id}`}>
                  <strong>{item.title}</strong>
                  <span>{item.customerName}</span>
                  <span className={`signature-status signature-status--${item.status}`}>{STATUS_LABELS[item.status]}</span>
                  <span className="muted">
                    {item.signed}/{item.signers} חתמו · {formatDate(item.createdAt, timeZone, true)}
                  </span>
                </Link>
              </li>
            ))}
          </ul>
          <nav className="invoices-paging" aria-label="עמודים">
            <button type="button" className="button" disabled={filters.page <= 1} onClick={() => setFilters({ ...filters, page: filters.page - 1 })}>
              הקודם
            </button>
            <span>עמוד {filters.page}</span>
            <button type="button" className="button" disabled={!list.data.page.hasNext} onClick={() => setFilters({ ...filters, page: filters.page + 1 })}>
              הבא
            </button>
          </nav>
        </>
      )}
    </section>
  );
}
