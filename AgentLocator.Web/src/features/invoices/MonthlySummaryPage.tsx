import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { ErrorState, LoadingState } from '../../ui/StatusViews';
import { useMe } from '../shell/useMe';
import { Money } from './Money';
import { fetchMonthlySummary, fetchMonthlySummaryCsv, invoiceKeys } from './invoicesApi';
import { UniformExportCard } from './UniformExportCard';

function thisMonth() {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}`;
}

/** A month's income, VAT collected and each customer's open balance at its end, with the CSV for the accountant. */
export function MonthlySummaryPage() {
  const [month, setMonth] = useState(thisMonth);
  const isAdmin = useMe().data?.user.role === 'admin';
  const summary = useQuery({ queryKey: invoiceKeys.monthly(month), queryFn: ({ signal }) => fetchMonthlySummary(month, signal) });

  async function downloadCsv() {
    const blob = await fetchMonthlySummaryCsv(month);
    const url = URL.createObjectURL(blob);
    Object.assign(window.document.createElement('a'), { href: url, download: `summary-${month}.csv` }).click();
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  }

  return (
    <section className="page" aria-labelledby="summary-title">
      <div className="page__header">
        <h1 id="summary-title">סיכום חודשי</h1>
        <Link to="/invoices">לכל המסמכים</Link>
      </div>
      <div className="grid-toolbar">
        <label className="field field--inline">
          חודש
          <input type="month" value={month} onChange={(e) => e.target.value && setMonth(e.target.value)} />
        </label>
        <button type="button" className="button" onClick={() => void downloadCsv()}>
          ייצוא CSV
        </button>
      </div>
      {isAdmin && <UniformExportCard month={month} />}
      {summary.isPending && <LoadingState message="מחשב…" />}
      {summary.isError && <ErrorState title="לא ניתן לחשב את הסיכום" onRetry={() => void summary.refetch()} />}
      {summary.data && (
        <>
          <dl className="card invoices-totals" aria-label="סיכום החודש">
            <dt>הכנסות לפני מע״מ</dt>
            <dd>
              <Money agorot={summary.data.incomeAgorot} />
            </dd>
            <dt>מע״מ עסקאות</dt>
            <dd>
              <Money agorot={summary.data.vatAgorot} />
            </dd>
            <dt>התקבל</dt>
            <dd>
              <Money agorot={summary.data.receivedAgorot} />
            </dd>
            <dt>מסמכים</dt>
            <dd>{summary.data.documentCount}</dd>
          </dl>
          <table className="data-table invoices-table" aria-label="לפי לקוח">
            <thead>
              <tr>
                <th>לקוח</th>
                <th>חויב</th>
                <th>זוכה</th>
                <th>התקבל</th>
                <th>יתרה פתוחה בסוף החודש</th>
              </tr>
            </thead>
            <tbody>
              {summary.data.customers.map((c) => (
                <tr key={c.customerId}>
                  <td>
                    <Link to={`/customers/${c.customerId}`}>{c.customerName}</Link>
                  </td>
                  <td>
                    <Money agorot={c.invoicedAgorot} />
                  </td>
                  <td>
                    <Money agorot={c.creditedAgorot} />
                  </td>
                  <td>
                    <Money agorot={c.receivedAgorot} />
                  </td>
                  <td>
                    <Money agorot={c.openBalanceAgorot} />
                  </td>
                </tr>
              ))}
              {summary.data.customers.length === 0 && (
                <tr>
                  <td colSpan={5}>אין מסמכים בחודש זה</td>
                </tr>
              )}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
