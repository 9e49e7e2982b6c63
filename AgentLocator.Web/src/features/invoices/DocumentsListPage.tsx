import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { api } from '../../api/client';
import { ErrorState, LoadingState } from '../../ui/StatusViews';
import { Money } from './Money';
import { DOCUMENT_TYPES, documentsQuery, fetchDocuments, invoiceKeys, type DocumentFilters, type DocumentListItem } from './invoicesApi';

const EMPTY: DocumentFilters = { type: '', status: '', from: '', to: '', number: '', page: 1, limit: 25 };

/** The business's documents (or one customer's), with filters, paging and a CSV of the same filters. */
const STATUS_NAMES: Record<string, string> = { issued: 'הופק', draft: 'טיוטה', pending_allocation: 'ממתין למספר הקצאה', cancelled: 'בוטל' };

export function DocumentsList({ customerId }: { customerId?: string }) {
  const [filters, setFilters] = useState<DocumentFilters>({ ...EMPTY, customerId });
  const list = useQuery({
    queryKey: invoiceKeys.list(filters),
    queryFn: ({ signal }) => fetchDocuments(filters, signal),
    placeholderData: keepPreviousData,
  });
  const set = (change: Partial<DocumentFilters>) => setFilters((current) => ({ ...current, ...change, page: change.page ?? 1 }));

  async function exportCsv() {
    const blob = await api.getBlob(`/api/invoices/documents/export.csv?${documentsQuery({ ...filters, page: 0, limit: 0 })}`);
    const url = URL.createObjectURL(blob);
    const link = Object.assign(document.createElement('a'), { href: url, download: 'documents.csv' });
    link.click();
    URL.revokeObjectURL(url);
  }

  return (
    <div className="invoices-list">
      <div className="grid-toolbar">
        <div className="grid-toolbar__filters">
          <label className="field field--inline">
            סוג
            <select value={filters.type} onChange={(e) => set({ type: e.target.value as DocumentFilters['type'] })}>
              <option value="">הכול</option>
              {DOCUMENT_TYPES.map((t) => (
                <option key={t.value} value={t.value}>
                  {t.label}
                </option>
              ))}
            </select>
          </label>
          <label className="field field--inline">
            סטטוס
            <select value={filters.status} onChange={(e) => set({ status: e.target.value as DocumentFilters['status'] })}>
              <option value="">הכול</option>
              <option value="issued">הופק</option>
              <option value="pending_allocation">ממתין למספר הקצאה</option>
              <option value="cancelled">בוטל</option>
              <option value="draft">טיוטה</option>
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
          <label className="field field--inline">
            מספר
            <input inputMode="numeric" value={filters.number} onChange={(e) => set({ number: e.target.value })} />
          </label>
        </div>
        <button type="button" className="button" onClick={() => void exportCsv()}>
          ייצוא CSV
        </button>
      </div>
      {list.isPending ? (
        <LoadingState message="טוען מסמכים…" />
      ) : list.isError ? (
        <ErrorState title="לא ניתן לטעון את המסמכים" onRetry={() => void list.refetch()} />
      ) : list.data.items.length === 0 ? (
        <p className="muted">אין מסמכים להצגה.</p>
      ) : (
        <>
          <table className="data-table invoices-table">
            <thead>
              <tr>
                <th>מסמך</th>
                <th>מספר</th>
                <th>תאריך</th>
                {!customerId && <th>לקוח</th>}
                <th>סטטוס</th>
                <th>סה״כ</th>
              </tr>
            </thead>
            <tbody>
              {list.data.items.map((d: DocumentListItem) => (
                <tr key={d.id}>
                  <td>
                    <Link to={`/invoices/${d.id}`}>{d.typeName}</Link>
                  </td>
                  <td>{d.number ?? '—'}</td>
                  <td>{d.documentDate}</td>
                  {!customerId && <td>{d.customerName}</td>}
                  <td>{STATUS_NAMES[d.status] ?? d.status}</td>
                  <td>
                    <Money agorot={d.totalAgorot} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <nav className="invoices-paging" aria-label="עמודים">
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
    </div>
  );
}

export function DocumentsListPage() {
  return (
    <section className="page" aria-labelledby="invoices-title">
      <div className="page__header">
        <h1 id="invoices-title">חשבוניות ומסמכים</h1>
        <div className="page__actions">
          <Link className="button" to="/invoices/summary">
            סיכום חודשי
          </Link>
          <Link className="button" to="/invoices/settings">
            הגדרות
          </Link>
          <Link className="button button--primary" to="/invoices/new">
            מסמך חדש
          </Link>
        </div>
      </div>
      <DocumentsList />
    </section>
  );
}
