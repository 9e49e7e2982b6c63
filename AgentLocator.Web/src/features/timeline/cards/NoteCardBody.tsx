import { useId, useState, type FormEvent, type KeyboardEvent } from 'react';
import type { CardBodyProps } from '../timelineKinds';
import { useTimelineContext } from '../TimelineContext';
import { useNoteActions } from '../useNoteActions';
import { isSendShortcut, NOTE_MAX_LENGTH, noteErrorMessage } from '../noteErrors';

type Busy = 'pin' | 'save' | 'delete' | null;

/** A note's text with pin/unpin for everyone, and edit and delete where the API says this user may. */
export function NoteCardBody({ item }: CardBodyProps) {
  const { scope } = useTimelineContext();
  const customerId = 'customerId' in scope ? scope.customerId : (item.customer?.id ?? null);
  const actions = useNoteActions(customerId);
  const note = item.note;
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState('');
  const [busy, setBusy] = useState<Busy>(null);
  const [error, setError] = useState<string | null>(null);
  const fieldId = useId();
  if (!note) return null;

  async function run(kind: Exclude<Busy, null>, action: () => Promise<void>) {
    setBusy(kind);
    setError(null);
    try {
      await action();
      if (kind === 'save') setEditing(false);
    } catch (failure) {
      setError(noteErrorMessage(failure, kind === 'delete' ? 'delete' : 'save'));
    } finally {
      setBusy(null);
    }
  }

  function save(event?: FormEvent) {
    event?.preventDefault();
    const text = draft.trim();
    if (text && text !== note!.text) void run('save', () => actions.edit(item, text));
    else if (text) setEditing(false);
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (isSendShortcut(event)) {
      event.preventDefault();
      save();
    } else if (event.key === 'Escape') {
      setEditing(false);
    }
  }

  return (
    <>
      {editing ? (
        <form className="timeline-note__edit" onSubmit={save}>
          <label htmlFor={fieldId} className="visually-hidden">
            עריכת ההערה
          </label>
          <textarea
            id={fieldId}
            rows={3}
            maxLength={NOTE_MAX_LENGTH}
            value={draft}
            autoFocus
            onChange={(event) => setDraft(event.target.value)}
            onKeyDown={onKeyDown}
          />
          <div className="timeline-card__actions">
            <button type="submit" className="button button--primary button--small" disabled={busy !== null || !draft.trim()}>
              {busy === 'save' ? 'שומר…' : 'שמירה'}
            </button>
            <button type="button" className="button button--small" onClick={() => setEditing(false)}>
              ביטול
            </button>
          </div>
        </form>
      ) : (
        <p className="timeline-note__text">
          {note.text}
          {note.edited && <span className="timeline-note__edited"> (נערך)</span>}
        </p>
      )}
      {actions.enabled && !editing && (
        <div className="timeline-card__actions">
          <button
            type="button"
            className="button button--small"
            disabled={busy !== null}
            onClick={() => void run('pin', () => actions.setPinned(item, !item.pinned))}
          >
            {item.pinned ? 'ביטול הצמדה' : 'הצמדה'}
          </button>
          {note.canEdit && (
            <button
              type="button"
              className="button button--small"
              disabled={busy !== null}
              onClick={() => {
                setDraft(note.text);
                setEditing(true);
              }}
            >
              עריכה
            </button>
          )}
          {note.canDelete && (
            <button
              type="button"
              className="button button--small button--danger-outline"
              disabled={busy !== null}
              onClick={() => void run('delete', () => actions.remove(item))}
            >
              {busy === 'delete' ? 'מוחק…' : 'מחיקה'}
            </button>
          )}
        </div>
      )}
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
    </>
  );
}
