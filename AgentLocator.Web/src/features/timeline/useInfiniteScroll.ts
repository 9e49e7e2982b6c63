import { useCallback, useEffect, useRef, useState, type RefObject } from 'react';

interface Pager {
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  isFetchNextPageError: boolean;
  fetchNextPage: () => Promise<unknown>;
}

/**
 * The next page loads when the end of the list comes near the viewport (IntersectionObserver). "Load more" is the
 * keyboard's way to the same thing; after it, focus moves to the first newly shown entry so the reader goes on there.
 */
export function useInfiniteScroll(pager: Pager, list: RefObject<HTMLElement | null>) {
  const [node, setNode] = useState<HTMLElement | null>(null);
  const sentinel = useCallback((element: HTMLElement | null) => setNode(element), []);
  const latest = useRef(pager);
  latest.current = pager;

  useEffect(() => {
    if (!node || typeof IntersectionObserver === 'undefined') return;
    const observer = new IntersectionObserver(
      (entries) => {
        const { hasNextPage, isFetchingNextPage, isFetchNextPageError, fetchNextPage } = latest.current;
        // After a failed page the button offers the retry; scrolling alone must not hammer the server.
        if (entries.some((entry) => entry.isIntersecting) && hasNextPage && !isFetchingNextPage && !isFetchNextPageError)
          void fetchNextPage();
      },
      { rootMargin: '0px 0px 400px 0px' },
    );
    observer.observe(node);
    return () => observer.disconnect();
  }, [node]);

  const [focusFrom, setFocusFrom] = useState<number | null>(null);
  const { isFetchingNextPage, hasNextPage, isFetchNextPageError } = pager;
  useEffect(() => {
    if (focusFrom === null || isFetchingNextPage) return;
    const entry = list.current?.querySelector<HTMLElement>(`[data-timeline-index="${focusFrom}"]`);
    if (entry) entry.focus();
    if (entry || isFetchNextPageError || !hasNextPage) setFocusFrom(null);
  }, [focusFrom, isFetchingNextPage, hasNextPage, isFetchNextPageError, list]);

  const loadMore = (shownCount: number) => {
    setFocusFrom(shownCount);
    void pager.fetchNextPage();
  };
  return { sentinel, loadMore };
}
