import { useState, type FormEvent } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { AuditEntry } from '../../api/contracts';
import { retryUnlessClientError } from '../../api/retry';
import { formatDate } from '../../time/formatting';
import { DEFAULT_TIME_ZONE } from '../../time/zonedTime';
import { ErrorState, LoadingState } from '../../ui/StatusViews';
import { DateField } from '../../ui/forms/DateField';
import { GridPagination } from '../../ui/grid/GridPagination';
import { useMe } from '../shell/useMe';
import { adminKeys, fetchAdminUsers } from '../settings/adminApi';
import { AuditExportButton } from './AuditExportButton';
import { auditKeys, EMPTY_AUDIT_FILTERS, fetchAuditPage, type AuditFilters } from './auditApi';
import { ACTOR_TYPE_LABELS, AUDIT_ACTIONS, auditActionLabel, AUDIT_ACTION_LABELS, TARGET_TYPE_LABELS } from './auditActions';
import { describeDetails } from './auditDetails';
import '../settings/Settings.css';
import './AuditLogPage.css';

function actorName(entry: AuditEntry): string {
  if (entry.actorType === 'user') return entry.actorName ?? 'משתמש';
  return ACTOR_TYPE_LABELS[entry.actorType] ?? entry.actorType;
}

function targetName(entry: AuditEntry): string {
  const type = TARGET_TYPE_LABELS[entry.targetType] ?? entry.targetType;
  return entry.targetLabel ? `${type}: ${entry.targetLabel}` : type;
}

/** /settings/audit: who did what and when in the business, for its admins; read-only, with filters and CSV export. */
export function AuditLogPage() {
  const { data: me } = useMe();
  const timeZone = me?.business.timeZone || DEFAULT_TIME_ZONE;
  const [draft, setDraft] = useState<AuditFilters>(EMPTY_AUDIT_FILTERS);
  const [filters, setFilters] = useState<AuditFilters>(EMPTY_AUDIT_FILTERS);
  const [page, setPage] = useState(1);
  const [limit, setLimit] = useState(25);
  const users = useQuery({ queryKey: adminKeys.users, queryFn: ({ signal }) => fetchAdminUsers(signal) });
  const log = useQuery({
    queryKey: auditKeys.page(filters, page, limit),
    queryFn: ({ signal }) => fetchAuditPage(filters, page, limit, signal),
    placeholderData: keepPreviousData,
    retry: retryUnlessClientError,
  });

  function apply(event: FormEvent) {
    event.preventDefault();
    setFilters(draft);
    setPage(1);
  }

  function clear() {
    setDraft(EMPTY_AUDIT_FILTERS);
    setFilters(EMPTY_AUDIT_FILTERS);
    setPage(1);
  }

  const set = (key: keyof AuditFilters) => (value: string) => setDraft((current) => ({ ...current, [key]: value }));

  return (
    <section className="page settings-page audit-page" aria-labelledby="audit-title">
      <h1 id="audit-title">יומן פעולות</h1>
      <p className="page__lead">מי עשה מה בעסק ומתי: כניסות, שינויי הגדרות, ייצוא, ייבוא ומחיקות. היומן אינו ניתן לעריכה.</p>

      <form className="card audit-page__filters" onSubmit={apply} aria-label="סינון היומן">
        <div className="field">
          <label htmlFor="audit-action">פעולה</label>
          <select id="audit-action" value={draft.action} onChange={(event) => set('action')(event.target.value)}>
            <option value="">כל הפעולות</option>
            {AUDIT_ACTIONS.map((action) => (
              <option key={action} value={action}>
                {AUDIT_ACTION_LABELS[action]}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="audit-actor">מבצע</label>
          <select id="audit-actor" value={draft.actor} onChange={(event) => set('actor')(event.target.value)}>
            <option value="">כולם</option>
            {(users.data ?? []).map((user) => (
              <option key={user.id} value={user.id}>
                {user.displayName} ({user.email})
              </option>
            ))}
            {Object.entries(ACTOR_TYPE_LABELS).map(([type, label]) => (
              <option key={type} value={type}>
                {label}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="audit-from">מתאריך</label>
          <DateField id="audit-from" value={draft.from} max={draft.to || undefined} onValue={set('from')} />
        </div>
        <div className="field">
          <label htmlFor="audit-to">עד תאריך</label>
          <DateField id="audit-to" value={draft.to} min={draft.from || undefined} onValue={set('to')} />
        </div>
        <div className="audit-page__filter-actions">
          <button type="submit" className="button button--primary">
            סינון
          </button>
          <button type="button" className="button" onClick={clear}>
            ניקוי
          </button>
          <AuditExportButton filters={filters} timeZone={timeZone} />
        </div>
      </form>

      <div className="card">
        {log.isPending ? (
          <LoadingState message="טוען את יומן הפעולות…" />
        ) : log.isError ? (
          <ErrorState title="לא הצלחנו לטעון את יומן הפעולות" onRetry={() => void log.refetch()} />
        ) : log.data.items.length === 0 ? (
          <p className="audit-page__empty" role="status">
            אין פעולות ביומן שמתאימות לסינון.
          </p>
        ) : (
          <>
            {/* Scrolls sideways on a phone; focusable so a keyboard can scroll it too. */}
            <div className="audit-page__table-wrap" role="region" aria-label="טבלת יומן הפעולות" tabIndex={0}>
              <table className="audit-page__table">
                <caption className="visually-hidden">יומן פעולות</caption>
                <thead>
                  <tr>
                    <th scope="col">זמן</th>
                    <th scope="col">פעולה</th>
                    <th scope="col">מבצע</th>
                    <th scope="col">יעד</th>
                    <th scope="col">פרטים</th>
                    <th scope="col">כתובת IP</th>
                  </tr>
                </thead>
                <tbody>
                  {log.data.items.map((entry) => (
                    <tr key={entry.id}>
                      <td>
                        <time dateTime={entry.occurredAt}>{formatDate(entry.occurredAt, timeZone, true)}</time>
                      </td>
                      <th scope="row">{auditActionLabel(entry.action)}</th>
                      <td>{actorName(entry)}</td>
                      <td>{targetName(entry)}</td>
                      <td>
                        {describeDetails(entry.details, entry.action).map((line) => (
                          <div key={line}>{line}</div>
                        ))}
                      </td>
                      <td dir="ltr" translate="no" title={entry.userAgent ?? undefined}>
                        {entry.ip ?? '—'}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <GridPagination
              page={log.data.page}
              noun="פעולות"
              sizeSelectId="audit-page-size"
              onPage={setPage}
              onLimit={(size) => {
                setLimit(size);
                setPage(1);
              }}
            />
          </>
        )}
      </div>
    </section>
  );
}
