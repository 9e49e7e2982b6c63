import { useRef, useState, type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { CallSettings } from '../../api/contracts';
import { adminKeys, HOLD_CLIP_SECONDS, removeHoldClip, uploadHoldClip } from './adminApi';
import { holdClipErrorMessage } from './callSettingsErrors';
import { checkGreetingFile } from './GreetingAudioSettings';

function seconds(value: number): string {
  return value.toLocaleString('he-IL', { maximumFractionDigits: 1 });
}

/** What callers hear while the reply is prepared: the built-in hold music or the business's own clip. */
export function HoldClipSettings({ settings }: { settings: CallSettings }) {
  const queryClient = useQueryClient();
  const input = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [missingFile, setMissingFile] = useState(false);
  const [serverError, setServerError] = useState<string | null>(null);
  // The clip's URL may stay the same after a new upload; a new element makes the browser load it again.
  const [version, setVersion] = useState(0);

  const saved = (next: CallSettings) => {
    queryClient.setQueryData(adminKeys.callSettings, next);
    setVersion((v) => v + 1);
  };
  const upload = useMutation({
    mutationFn: uploadHoldClip,
    onSuccess: (next) => {
      saved(next);
      setFile(null);
      if (input.current) input.current.value = '';
    },
    onError: (error) => setServerError(holdClipErrorMessage(error)),
  });
  const remove = useMutation({ mutationFn: removeHoldClip, onSuccess: saved });
  const busy = upload.isPending || remove.isPending;
  const localProblem = file ? checkGreetingFile(file) : null;
  const fileError = localProblem ?? serverError ?? (missingFile ? 'יש לבחור קובץ שמע.' : null);
  const own = settings.hasHoldClip && settings.holdClipUrl;

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
    <form className="hold-clip" noValidate onSubmit={submit}>
      <div className="hold-clip__current">
        {own ? (
          <p>
            המתקשרים שומעים את הקטע שלכם
            {settings.holdClipSeconds ? ` (${seconds(Number(settings.holdClipSeconds))} שניות)` : ''} בזמן שהתשובה מוכנה:
          </p>
        ) : (
          <p className="muted">המתקשרים שומעים את מוזיקת ההמתנה המובנית בזמן שהתשובה מוכנה.</p>
        )}
        {/* Public URLs (no token needed), so the element loads them directly. */}
        <audio
          key={`${own ? settings.holdClipUrl : settings.defaultHoldClipUrl}#${version}`}
          className="hold-clip__player"
          controls
          preload="metadata"
          src={own ? settings.holdClipUrl! : settings.defaultHoldClipUrl}
          aria-label={own ? 'קטע ההמתנה הנוכחי' : 'מוזיקת ההמתנה המובנית'}
        />
        {own && (
          <button
            type="button"
            className="button button--danger-outline"
            disabled={busy}
            onClick={() => {
              upload.reset();
              remove.mutate();
            }}
          >
            {remove.isPending ? 'מסיר…' : 'חזרה למוזיקה המובנית'}
          </button>
        )}
      </div>

      <div className="field">
        <label htmlFor="hold-clip-file">{own ? 'החלפת קטע ההמתנה' : 'העלאת קטע המתנה'}</label>
        <input
          ref={input}
          id="hold-clip-file"
          name="file"
          type="file"
          accept="audio/*"
          aria-invalid={fileError ? true : undefined}
          aria-describedby={fileError ? 'hold-clip-hint hold-clip-error' : 'hold-clip-hint'}
          onChange={(event) => choose(event.target.files?.[0] ?? null)}
        />
        <p id="hold-clip-hint" className="muted settings-page__hint">
          קובץ שמע (MP3 או WAV) של {HOLD_CLIP_SECONDS.min} עד {HOLD_CLIP_SECONDS.max} שניות ועד 5MB. הקטע מושמע במלואו (ובלולאה
          כשהוא קצר) לפני התשובה, ולכן קטע קצר מביא את התשובה מהר יותר.
        </p>
        <p id="hold-clip-error" className="form-error" role="alert">
          {fileError}
        </p>
      </div>
      <div className="form-actions">
        <button type="submit" className="button button--primary" disabled={busy || localProblem !== null}>
          {upload.isPending ? 'מעלה…' : 'העלאת הקטע'}
        </button>
      </div>
      <p role="status" aria-live="polite" className="settings-page__message">
        {upload.isSuccess && 'קטע ההמתנה הועלה.'}
        {remove.isSuccess && 'חזרתם למוזיקת ההמתנה המובנית.'}
        {remove.isError && 'ההסרה נכשלה. נסו שוב.'}
      </p>
    </form>
  );
}
