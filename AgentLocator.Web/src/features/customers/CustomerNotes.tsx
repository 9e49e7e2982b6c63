import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useInfiniteQuery, useMutation, useQueryClient, type InfiniteData } from '@tanstack/react-query';
import type { CustomerNote, Paged } from '../../api/contracts';
import { ApiError } from '../../api/client';
import { addNote, customerKeys, fetchNotes } from './customersApi';
import { retryUnlessClientError } from '../../api/retry';
import { formatDate } from '../../time/formatting';

/**
 * All loaded pages as one list, newest first. Pages are by number, so a note added meanwhile shifts the
 * next page by one and a note may arrive twice: keep the first.
 */
function newestFirst(pages: Paged<CustomerNote>[]): CustomerNote[] {
  const byId = new Map<string, CustomerNote>();
  pages.forEach((page) => page.items.forEach((note) => byId.has(note.id) || byId.set(note.id, note)));
  return [...byId.values()].sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt));
}

export function CustomerNotes({ customerId, timeZone }: { customerId: string; timeZone: string }) {
  const queryClient = useQueryClient();
  const [text, setText] = useState('');
  const notes = useInfiniteQuery({
    queryKey: customerKeys.notes(customerId),
    queryFn: ({ pageParam, signal }) => fetchNotes(customerId, pageParam, signal),
    initialPageParam: 1,
    getNextPageParam: (last) => (last.page.hasNext ? last.page.page + 1 : undefined),
    retry: retryUnlessClientError,
  });
  const add = useMutation({
    mutationFn: (value: string) => addNote(customerId, value),
    onSuccess: (note) => {
      queryClient.setQueryData<InfiniteData<Paged<CustomerNote>, number>>(customerKeys.notes(customerId), (current) =>
        current
          ? {
              ...current,
              pages: current.pages.map((page, index) => (index === 0 ? { ...page, items: [note, ...page.items] } : page)),
            }
          : current,
      );
      void queryClient.invalidateQueries({ queryKey: customerKeys.notes(customerId) });
      setText('');
    },
  });

  const loaded = notes.data ? newestFirst(notes.data.pages) : [];
  const total = notes.data?.pages.at(-1)?.page.total ?? 0;
  // After "הצג עוד", focus moves to the first newly shown note, so keyboard users continue from there.
  const list = useRef<HTMLOListElement>(null);
  const [focusFrom, setFocusFrom] = useState<number | null>(null);
  const settled = !notes.isFetchingNextPage;
  useEffect(() => {
    if (focusFrom === null) return;
    if (loaded.length > focusFrom) {
      (list.current?.children[focusFrom] as HTMLElement | undefined)?.focus();
      setFocusFrom(null);
    } else if (settled && (notes.isFetchNextPageError || !notes.hasNextPage)) {
      setFocusFrom(null);
    }
  }, [focusFrom, loaded.length, settled, notes.isFetchNextPageError, notes.hasNextPage]);

  function submit(event: FormEvent) {
    event.preventDefault();
    if (text.trim()) add.mutate(text.trim());
  }

  const addError =
    add.error instanceof ApiError && add.error.errors
      ? Object.values(add.error.errors).flat().join(' ')
      : add.isError
        ? 'ההערה לא נשמרה. נסו שוב.'
        : '';

  return (
    <section className="card customer-notes" aria-labelledby="customer-notes-title">
      <h2 id="customer-notes-title">הערות</h2>
      <form onSubmit={submit} className="customer-notes__form">
        <div className="field">
          <label htmlFor="customer-note-text">הערה חדשה</label>
          <textarea
            id="customer-note-text"
            rows={3}
            value={text}
            onChange={(event) => setText(event.target.value)}
            aria-describedby={addError ? 'customer-note-error' : undefined}
          />
        </div>
        <p id="customer-note-error" className="form-error" role="alert">
          {addError}
        </p>
        <button type="submit" className="button button--primary" disabled={add.isPending || !text.trim()}>
          {add.isPending ? 'שומר…' : 'הוספת הערה'}
        </button>
      </form>

      {notes.isPending ? (
        <p role="status">טוען הערות…</p>
      ) : notes.isError ? (
        <p role="alert">
          לא הצלחנו לטעון את ההערות.{' '}
          <button type="button" className="button-link" onClick={() => void notes.refetch()}>
            נסו שוב
          </button>
        </p>
      ) : loaded.length === 0 ? (
        <p className="muted">עדיין אין הערות ללקוח הזה.</p>
      ) : (
        <>
          <ol ref={list} className="customer-notes__list" aria-label="הערות, מהחדשה לישנה">
            {loaded.map((note) => (
              <li key={note.id} className="customer-notes__item" tabIndex={-1}>
                <p className="customer-notes__text">{note.text}</p>
                <p className="customer-notes__meta">
                  {note.authorName} · {formatDate(note.createdAt, timeZone, true)}
                </p>
              </li>
            ))}
          </ol>
          <div className="customer-notes__more">
            <p className="muted" role="status" aria-live="polite">
              {notes.isFetchingNextPage ? 'טוען הערות נוספות…' : `מוצגות ${loaded.length} מתוך ${total} הערות`}
            </p>
            {notes.isFetchNextPageError && (
              <p role="alert" className="form-error">
                לא הצלחנו לטעון הערות נוספות. נסו שוב.
              </p>
            )}
            {notes.hasNextPage && (
              <button
                type="button"
                className="button"
                disabled={notes.isFetchingNextPage}
                onClick={() => {
                  setFocusFrom(loaded.length);
                  void notes.fetchNextPage();
                }}
              >
                הצג עוד
              </button>
            )}
          </div>
        </>
      )}
    </section>
  );
}
