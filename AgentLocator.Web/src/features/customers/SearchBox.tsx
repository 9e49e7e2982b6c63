import { useDebouncedText } from '../../ui/useDebouncedText';

export const SEARCH_DEBOUNCE_MS = 300;

/** The customers grid's search box (debounced: see useDebouncedText). */
export function SearchBox({ value, onSearch }: { value: string; onSearch: (q: string) => void }) {
  const [text, setText] = useDebouncedText(value, onSearch, SEARCH_DEBOUNCE_MS);

  return (
    <div className="field field--inline grid-toolbar__search">
      <label htmlFor="customers-search">חיפוש</label>
      <input
        id="customers-search"
        type="search"
        value={text}
        placeholder="שם, טלפון, אימייל או עיר"
        onChange={(event) => setText(event.target.value)}
      />
    </div>
  );
}
