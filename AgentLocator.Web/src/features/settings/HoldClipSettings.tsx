import type { CallSettings } from '../../api/contracts';
import { HOLD_CLIP_SECONDS, removeHoldClip, uploadHoldClip } from './adminApi';
import { holdClipErrorMessage } from './callSettingsErrors';
import { useAudioUploadForm } from './useAudioUploadForm';
import { FileInput } from '../../ui/forms/FileInput';

function seconds(value: number): string {
  return value.toLocaleString('he-IL', { maximumFractionDigits: 1 });
}

/** What callers hear while the reply is prepared: the built-in hold music or the business's own clip. */
export function HoldClipSettings({ settings }: { settings: CallSettings }) {
  const { input, file, version, upload, remove, busy, localProblem, fileError, choose, submit } = useAudioUploadForm({
    upload: uploadHoldClip,
    remove: removeHoldClip,
    errorMessage: holdClipErrorMessage,
  });
  const own = settings.hasHoldClip && settings.holdClipUrl;

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
        <FileInput
          ref={input}
          id="hold-clip-file"
          name="file"
          accept="audio/*"
          aria-invalid={fileError ? true : undefined}
          aria-describedby={fileError ? 'hold-clip-hint hold-clip-error' : 'hold-clip-hint'}
          file={file}
          onFile={choose}
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
