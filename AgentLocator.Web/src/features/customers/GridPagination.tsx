import type { PageInfo } from '../../api/contracts';
import { PAGE_SIZES } from './gridPreferences';

export function GridPagination({
  page,
  onPage,
  onLimit,
}: {
  page: PageInfo;
  onPage: (page: number) => void;
  onLimit: (limit: number) => void;
}) {
  const last = Math.max(page.totalPages, 1);
  const atFirst = page.page <= 1;
  const atLast = page.page >= last;

  return (
    <nav className="grid-pagination" aria-label="דפדוף בין עמודים">
      <div className="field field--inline">
        <label htmlFor="customers-page-size">שורות בעמוד</label>
        <select id="customers-page-size" value={page.limit} onChange={(event) => onLimit(Number(event.target.value))}>
          {PAGE_SIZES.map((size) => (
            <option key={size} value={size}>
              {size}
            </option>
          ))}
        </select>
      </div>
      <p className="grid-pagination__status" aria-live="polite" data-testid="page-status">
        עמוד {page.page} מתוך {last} · {page.total} לקוחות
      </p>
      <div className="grid-pagination__buttons">
        <button type="button" className="button" disabled={atFirst} onClick={() => onPage(1)}>
          ראשון
        </button>
        <button type="button" className="button" disabled={atFirst} onClick={() => onPage(page.page - 1)}>
          הקודם
        </button>
        <button type="button" className="button" disabled={atLast} onClick={() => onPage(page.page + 1)}>
          הבא
        </button>
        <button type="button" className="button" disabled={atLast} onClick={() => onPage(last)}>
          אחרון
        </button>
      </div>
    </nav>
  );
}
