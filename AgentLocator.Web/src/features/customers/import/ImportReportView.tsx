import { useEffect, useRef, type ReactNode } from 'react';
import { Link } from 'react-router-dom';
import type { ImportReport, ImportRowResult } from '../../../api/contracts';
import { rejectionReason } from './importReasons';

/** A 10,000-row file could reject every row; the page lists this many and says how many more there are. */
export const REPORT_ROWS_SHOWN = 200;

function RowsTable({
  id,
  caption,
  rows,
  lastColumn,
  cell,
}: {
  id: string;
  caption: string;
  rows: ImportRowResult[];
  lastColumn: string;
  cell: (row: ImportRowResult) => ReactNode;
}) {
  const shown = rows.slice(0, REPORT_ROWS_SHOWN);
  return (
    <section className="import-report__section" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{caption}</h3>
      <div className="import-report__scroll">
        <table className="data-table import-report__table" aria-labelledby={`${id}-title`}>
          <thead>
            <tr>
              <th scope="col">שורה בקובץ</th>
              <th scope="col">{lastColumn}</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((row) => (
              <tr key={row.row}>
                <td className="import-report__row-number">{row.row}</td>
                <td>{cell(row)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {rows.length > shown.length && (
        <p className="muted">
          מוצגות {shown.length} השורות הראשונות מתוך {rows.length.toLocaleString('he-IL')}.
        </p>
      )}
    </section>
  );
}

/** What the import did: counts, then the rows that need a look (rejected) or a check (merged). */
export function ImportReportView({ report, onAnother }: { report: ImportReport; onAnother: () => void }) {
  const heading = useRef<HTMLHeadingElement>(null);
  // The form the user was in is gone; move focus to the result so screen readers start there.
  useEffect(() => heading.current?.focus(), []);

  const rejected = report.rows.filter((row) => row.outcome === 'rejected');
  const merged = report.rows.filter((row) => row.outcome === 'merged');
  const counts = [
    { key: 'created', label: 'נוצרו', value: report.created },
    { key: 'merged', label: 'מוזגו ללקוחות קיימים', value: report.merged },
    { key: 'rejected', label: 'נדחו', value: report.rejected },
  ];

  return (
    <section className="card import-report" aria-labelledby="import-report-title" data-testid="import-report">
      <h2 id="import-report-title" ref={heading} tabIndex={-1}>
        הייבוא הסתיים
      </h2>
      <dl className="import-report__counts">
        {counts.map(({ key, label, value }) => (
          <div key={key} className={`import-report__count import-report__count--${key}`} data-testid={`import-${key}`}>
            <dt>{label}</dt>
            <dd>{value.toLocaleString('he-IL')}</dd>
          </div>
        ))}
      </dl>

      {rejected.length > 0 && (
        <RowsTable
          id="import-rejected"
          caption="שורות שנדחו"
          rows={rejected}
          lastColumn="סיבה"
          // An untranslated (English) reason is isolated, so its full stop stays at its end in RTL.
          cell={(row) => <bdi>{rejectionReason(row.reason)}</bdi>}
        />
      )}
      {merged.length > 0 && (
        <RowsTable
          id="import-merged"
          caption="שורות שמוזגו ללקוחות קיימים"
          rows={merged}
          lastColumn="לקוח"
          cell={(row) =>
            row.customerId ? (
              // Every row's link reads the same; the label tells them apart in a screen reader's links list.
              <Link to={`/customers/${row.customerId}`} aria-label={`לכרטיס הלקוח משורה ${row.row}`}>
                לכרטיס הלקוח
              </Link>
            ) : (
              '—'
            )
          }
        />
      )}

      <div className="form-actions">
        <Link className="button button--primary" to="/customers">
          לרשימת הלקוחות
        </Link>
        <button type="button" className="button" onClick={onAnother}>
          ייבוא קובץ נוסף
        </button>
      </div>
    </section>
  );
}
