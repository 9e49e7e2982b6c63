import { useId, useState, type FormEvent, type KeyboardEvent } from 'react';

/**
 * Free text: Enter sends, Shift+Enter starts a new line (and Enter while an input method is composing a word is the
 * IME's, not ours). The text stays until the server took it, so a failed send loses nothing.
 */
export function Composer({ busy, onSend }: { busy: boolean; onSend: (text: string) => Promise<boolean> }) {
  const [text, setText] = useState('');
  const inputId = useId();

  async function send() {
    const body = text.trim();
    if (!body || busy) return;
    if (await onSend(body)) setText('');
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (event.key !== 'Enter' || event.shiftKey || event.nativeEvent.isComposing) return;
    event.preventDefault();
    void send();
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    void send();
  }

  return (
    <form className="wa-composer" onSubmit={submit}>
      <label htmlFor={inputId} className="visually-hidden">
        הודעה ללקוח
      </label>
      <textarea
        id={inputId}
        className="wa-composer__input"
        rows={2}
        maxLength={4096}
        placeholder="כתבו הודעה… (Enter לשליחה, Shift+Enter לשורה חדשה)"
        value={text}
        onChange={(event) => setText(event.target.value)}
        onKeyDown={onKeyDown}
      />
      <button type="submit" className="button button--primary" disabled={busy || !text.trim()}>
        {busy ? 'שולח…' : 'שליחה'}
      </button>
    </form>
  );
}
