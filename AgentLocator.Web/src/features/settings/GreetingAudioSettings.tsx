import { useRef, useState, type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { CallSettings } from '../../api/contracts';
import { adminKeys, MAX_GREETING_AUDIO_BYTES, removeGreetingAudio, uploadGreetingAudio } from './adminApi';
import { greetingAudioErrorMessage } from './callSettingsErrors';

/** Checked before uploading, so a wrong file never travels: the server checks the same and answers 413/415. */
export function checkGreetingFile(file: File): string | null {
  if (file.size > MAX_GREETING_AUDIO_BYTES) {
    const mb = (file.size / (1024 * 1024)).toLocaleString('he-IL', { maximumFractionDigits: 1 });
    return `הקובץ גדול מדי (${mb}MB). אפשר להעלות קובץ שמע של עד 5MB.`;
  }
  if (file.size === 0) return 'הקובץ ריק.';
  // Some systems report no type at all; then the server decides.
  if (file.type && !file.type.startsWith('audio/')) return 'יש לבחור קובץ שמע (למשל MP3 או WAV).';
  return null;
}

/** The recorded greeting: hear the current one, replace it, or remove it to go back to the spoken text. */
export function GreetingAudioSettings({ settings }: { settings: CallSettings }) {
  const queryClient = useQueryClient();
  const input = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [missingFile, setMissingFile] = useState(false);
  const [serverError, setServerError] = useState<string | null>(null);
  // The audio URL may stay the same after a new upload; a new element makes the browser load it again.
  const [version, setVersion] = useState(0);

  const saved = (next: CallSettings) => {
    queryClient.setQueryData(adminKeys.callSettings, next);
    setVersion((v) => v + 1);
  };
  const upload = useMutation({
    mutationFn: uploadGreetingAudio,
    onSuccess: (next) => {
      saved(next);
      setFile(null);
      if (input.current) input.current.value = '';
    },
    onError: (error) => setServerError(greetingAudioErrorMessage(error)),
  });
  const remove = useMutation({
    mutationFn: removeGreetingAudio,
    onSuccess: saved,
  });
  const busy = upload.isPending || remove.isPending;
  const localProblem = file ? checkGreetingFile(file) : null;
  const fileError = localProblem ?? serverError ?? (missingFile ? 'יש לבחור קובץ שמע.' : null);

  function choose(next: File | null) {
    upload.reset();
    remove.reset();
    setServerError(null);
    setMissingFile(false);
    setFile(next);
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!file) {
      setMissingFile(true);
      return;
    }
    if (localProblem) return;
    setServerError(null);
    remove.reset();
    upload.mutate(file);
  }

  return (
    <form className="greeting-audio" noValidate onSubmit={submit}>
      {settings.hasGreetingAudio && settings.greetingAudioUrl ? (
        <div className="greeting-audio__current">
          <p>זו ההקלטה שמתקשרים שומעים בפתיח:</p>
          {/* A public URL (no token needed), so the element loads it directly. */}
          <audio
            key={`${settings.greetingAudioUrl}#${version}`}
            className="greeting-audio__player"
            controls
            preload="metadata"
            src={settings.greetingAudioUrl}
            aria-label="הקלטת הפתיח הנוכחית"
          />
          <button
            type="button"
            className="button button--danger-outline"
            disabled={busy}
            onClick={() => {
              upload.reset();
              remove.mutate();
            }}
          >
            {remove.isPending ? 'מסיר…' : 'הסרת ההקלטה'}
          </button>
        </div>
      ) : (
        <p className="muted">אין הקלטת פתיח; המתקשרים שומעים את נוסח הפתיח בקול מוקרא.</p>
      )}

      <div className="field">
        <label htmlFor="greeting-audio-file">{settings.hasGreetingAudio ? 'החלפת ההקלטה' : 'העלאת הקלטת פתיח'}</label>
        <input
          ref={input}
          id="greeting-audio-file"
          name="file"
          type="file"
          accept="audio/*"
          aria-invalid={fileError ? true : undefined}
          aria-describedby={fileError ? 'greeting-audio-hint greeting-audio-error' : 'greeting-audio-hint'}
          onChange={(event) => choose(event.target.files?.[0] ?? null)}
        />
        <p id="greeting-audio-hint" className="muted settings-page__hint">
          קובץ שמע (MP3 או WAV) של עד 5MB. כשיש הקלטה, היא מושמעת במקום נוסח הפתיח.
        </p>
        <p id="greeting-audio-error" className="form-error" role="alert">
          {fileError}
        </p>
      </div>
      <div className="form-actions">
        <button type="submit" className="button button--primary" disabled={busy || localProblem !== null}>
          {upload.isPending ? 'מעלה…' : 'העלאה'}
        </button>
      </div>
      <p role="status" aria-live="polite" className="settings-page__message">
        {upload.isSuccess && 'ההקלטה הועלתה.'}
        {remove.isSuccess && 'ההקלטה הוסרה.'}
        {remove.isError && 'ההסרה נכשלה. נסו שוב.'}
      </p>
    </form>
  );
}
