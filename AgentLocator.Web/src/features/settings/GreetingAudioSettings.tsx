import type { CallSettings } from '../../api/contracts';
import { removeGreetingAudio, uploadGreetingAudio } from './adminApi';
import { greetingAudioErrorMessage } from './callSettingsErrors';
import { useAudioUploadForm } from './useAudioUploadForm';
import { FileInput } from '../../ui/forms/FileInput';

/** The recorded greeting: hear the current one, replace it, or remove it to go back to the spoken text. */
export function GreetingAudioSettings({ settings }: { settings: CallSettings }) {
  const { input, file, version, upload, remove, busy, localProblem, fileError, choose, submit } = useAudioUploadForm({
    upload: uploadGreetingAudio,
    remove: removeGreetingAudio,
    errorMessage: greetingAudioErrorMessage,
  });

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
        <FileInput
          ref={input}
          id="greeting-audio-file"
          name="file"
          accept="audio/*"
          aria-invalid={fileError ? true : undefined}
          aria-describedby={fileError ? 'greeting-audio-hint greeting-audio-error' : 'greeting-audio-hint'}
          file={file}
          onFile={choose}
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
