import type { PageInfo } from '../../api/contracts';
import { PAGE_SIZES } from './gridPreferences';
import { Select } from '../../ui/forms/Select';

/** The grids' page controls: page size, where we are, and first/previous/next/last. */
export function GridPagination({
  page,
  onPage,
  onLimit,
  noun,
  sizeSelectId,
}: {
  page: PageInfo;
  onPage: (page: number) => void;
  onLimit: (limit: number) => void;
  /** What the rows are, in the plural, for the count ("30 לקוחות", "12 שיחות"). */
  noun: string;
  /** Unique on the page, for the page-size label. */
  sizeSelectId: string;
}) {
  const last = Math.max(page.totalPages, 1);
  const atFirst = page.page <= 1;
  // A broad search is counted only up to a bound: then "next" follows hasNext and there is no known last page.
  const bounded = page.totalIsLowerBound === true;
  const atLast = bounded ? !page.hasNext : page.page >= last;
  const count = page.total.toLocaleString('he-IL');

  return (
    <nav className="grid-pagination" aria-label="דפדוף בין עמודים">
      <div className="field field--inline">
        <label htmlFor={sizeSelectId}>שורות בעמוד</label>
        <Select id={sizeSelectId} value={page.limit} onChange={(event) => onLimit(Number(event.target.value))}>
          {PAGE_SIZES.map((size) => (
            <option key={size} value={size}>
              {size}
            </option>
          ))}
        </Select>
      </div>
      <p className="grid-pagination__status" aria-live="polite" data-testid="page-status">
        {bounded ? `עמוד ${page.page} · יותר מ-${count} ${noun}` : `עמוד ${page.page} מתוך ${last} · ${count} ${noun}`}
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
        <button type="button" className="button" disabled={atLast || bounded} onClick={() => onPage(last)}>
          אחרון
        </button>
      </div>
    </nav>
  );
}
