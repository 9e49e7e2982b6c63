import { useEffect, useRef, useState } from 'react';

export const SEARCH_DEBOUNCE_MS = 300;

/**
 * Typing updates the box at once but the query only after a pause, so each keystroke is not a request.
 * A change of `value` from outside (back button, "clear filters") is copied in, but our own debounced
 * value echoing back is not, or it would overwrite what the user typed meanwhile.
 */
export function SearchBox({ value, onSearch }: { value: string; onSearch: (q: string) => void }) {
  const [text, setText] = useState(value);
  const lastSent = useRef(value);

  useEffect(() => {
    if (value !== lastSent.current) {
      lastSent.current = value;
      setText(value);
    }
  }, [value]);

  useEffect(() => {
    if (text === lastSent.current) return;
    const timer = setTimeout(() => {
      lastSent.current = text;
      onSearch(text);
    }, SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [text, onSearch]);

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
