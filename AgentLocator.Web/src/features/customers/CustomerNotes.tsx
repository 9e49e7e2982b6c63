import { useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CustomerNote, Paged } from '../../api/contracts';
import { ApiError } from '../../api/client';
import { addNote, customerKeys, fetchNotes, retryUnlessClientError } from './customersApi';
import { formatDate } from './formatting';

function newestFirst(notes: CustomerNote[]): CustomerNote[] {
  return [...notes].sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt));
}

export function CustomerNotes({ customerId, timeZone }: { customerId: string; timeZone: string }) {
  const queryClient = useQueryClient();
  const [text, setText] = useState('');
  const notes = useQuery({
    queryKey: customerKeys.notes(customerId),
    queryFn: ({ signal }) => fetchNotes(customerId, signal),
    retry: retryUnlessClientError,
  });
  const add = useMutation({
    mutationFn: (value: string) => addNote(customerId, value),
    onSuccess: (note) => {
      queryClient.setQueryData<Paged<CustomerNote>>(customerKeys.notes(customerId), (current) =>
        current ? { ...current, items: [note, ...current.items] } : current,
      );
      void queryClient.invalidateQueries({ queryKey: customerKeys.notes(customerId) });
      setText('');
    },
  });

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
      ) : notes.data.items.length === 0 ? (
        <p className="muted">עדיין אין הערות ללקוח הזה.</p>
      ) : (
        <ol className="customer-notes__list" aria-label="הערות, מהחדשה לישנה">
          {newestFirst(notes.data.items).map((note) => (
            <li key={note.id} className="customer-notes__item">
              <p className="customer-notes__text">{note.text}</p>
              <p className="customer-notes__meta">
                {note.authorName} · {formatDate(note.createdAt, timeZone, true)}
              </p>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
