import { useId, useState, type FormEvent, type KeyboardEvent } from 'react';
import { useNoteActions } from './useNoteActions';
import { isSendShortcut, NOTE_MAX_LENGTH, noteErrorMessage } from './noteErrors';

/** A new note at the head of a customer's timeline; Ctrl+Enter sends. The text stays if saving fails. */
export function NoteComposer({ customerId }: { customerId: string }) {
  const actions = useNoteActions(customerId);
  const id = useId();
  const [text, setText] = useState('');
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState('');

  async function send() {
    const value = text.trim();
    if (!value || saving) return;
    setSaving(true);
    setError('');
    try {
      await actions.add(value);
      setText('');
    } catch (failure) {
      setError(noteErrorMessage(failure, 'save'));
    } finally {
      setSaving(false);
    }
  }

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    void send();
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (isSendShortcut(event)) {
      event.preventDefault();
      void send();
    }
  }

  return (
    <form className="timeline-composer" onSubmit={onSubmit}>
      <div className="field">
        <label htmlFor={id}>הערה חדשה</label>
        <textarea
          id={id}
          rows={2}
          maxLength={NOTE_MAX_LENGTH}
          value={text}
          onChange={(event) => setText(event.target.value)}
          onKeyDown={onKeyDown}
          aria-describedby={`${id}-hint${error ? ` ${id}-error` : ''}`}
        />
      </div>
      <p id={`${id}-hint`} className="timeline-composer__hint">
        <kbd>Ctrl</kbd>+<kbd>Enter</kbd> לשליחה
      </p>
      <p id={`${id}-error`} className="form-error" role="alert">
        {error}
      </p>
      <button type="submit" className="button button--primary" disabled={saving || !text.trim()}>
        {saving ? 'שומר…' : 'הוספת הערה'}
      </button>
    </form>
  );
}
