import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { ErrorState, LoadingState } from '../../ui/StatusViews';
import { contractKeys, fetchTemplates } from './contractsApi';

/** The admin's list of contract templates. */
export function TemplatesPage() {
  const templates = useQuery({ queryKey: contractKeys.templates, queryFn: ({ signal }) => fetchTemplates(signal) });
  return (
    <section className="page" aria-labelledby="templates-title">
      <div className="page__header">
        <h1 id="templates-title">תבניות חוזים</h1>
        <div className="page__actions">
          <Link className="button button--primary" to="/contracts/templates/new">
            תבנית חדשה
          </Link>
        </div>
      </div>
      {templates.isPending ? (
        <LoadingState message="טוען תבניות…" />
      ) : templates.isError ? (
        <ErrorState title="לא ניתן לטעון את התבניות" onRetry={() => void templates.refetch()} />
      ) : templates.data.length === 0 ? (
        <div className="card card--muted">
          <p>עדיין אין תבניות. תבנית היא נוסח חוזה עם שדות שממולאים בכל חוזה.</p>
        </div>
      ) : (
        <ul className="contract-templates">
          {templates.data.map((t) => (
            <li key={t.id} className="card">
              <Link to={`/contracts/templates/${t.id}`}>{t.name}</Link>
              <span className="muted">
                {' '}
                גרסה {t.version} · {t.source === 'pdf' ? 'קובץ PDF עם שדות לחתימה' : `${t.fields.length} שדות`}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
