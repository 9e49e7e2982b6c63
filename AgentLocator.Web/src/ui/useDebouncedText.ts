import { useEffect, useRef, useState } from 'react';

/**
 * A search box's text: typing shows at once, but `onSearch` runs only after a pause, so each keystroke is not a
 * request. A change of `value` from outside (back button, "clear filters") is copied in; our own debounced value
 * echoing back is not, or it would overwrite what the user typed meanwhile.
 */
export function useDebouncedText(value: string, onSearch: (text: string) => void, delayMs: number) {
  const [text, setText] = useState(value);
  const lastSent = useRef(value);
  // The parent may pass a new callback each render; the pending search must not restart because of that.
  const latestOnSearch = useRef(onSearch);
  useEffect(() => {
    latestOnSearch.current = onSearch;
  });

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
      latestOnSearch.current(text);
    }, delayMs);
    return () => clearTimeout(timer);
  }, [text, delayMs]);

  return [text, setText] as const;
}
