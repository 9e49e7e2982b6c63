import { useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError } from '../../api/client';
import { retryUnlessClientError } from '../../api/retry';
import { ErrorState, LoadingState } from '../../ui/StatusViews';
import { toE164 } from '../whatsapp/e164';
import { fetchWhatsAppSettings, saveWhatsAppSettings, whatsAppKeys, type WhatsAppSettings } from '../whatsapp/whatsAppApi';

function saveError(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.status === 409) return 'המספר כבר משמש עסק אחר.';
    if (error.status === 400) return 'זה אינו מספר טלפון תקין.';
  }
  return 'השמירה נכשלה. נסו שוב.';
}

function SenderForm({ settings }: { settings: WhatsAppSettings }) {
  const queryClient = useQueryClient();
  const [text, setText] = useState(settings.senderNumber ?? '');
  const [invalid, setInvalid] = useState(false);
  const save = useMutation({
    mutationFn: saveWhatsAppSettings,
    onSuccess: (saved) => {
      queryClient.setQueryData(whatsAppKeys.settings, saved);
      void queryClient.invalidateQueries({ queryKey: whatsAppKeys.sender });
      setText(saved.senderNumber ?? '');
    },
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!text.trim()) {
      setInvalid(false);
      save.mutate(null);
      return;
    }
    const number = toE164(text);
    setInvalid(number === null);
    if (number) save.mutate(number);
  }

  const error = invalid ? 'הזינו את המספר בפורמט בינלאומי: + וקידומת המדינה, למשל ‎+972501234567.' : save.isError ? saveError(save.error) : null;
  return (
    <form className="whatsapp-sender-form" noValidate onSubmit={submit}>
      <div className="field">
        <label htmlFor="whatsapp-sender">מספר השולח בוואטסאפ</label>
        <input
          id="whatsapp-sender"
          name="senderNumber"
          type="tel"
          dir="ltr"
          inputMode="tel"
          autoComplete="off"
          value={text}
          placeholder="+972501234567"
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? 'whatsapp-sender-hint whatsapp-sender-error' : 'whatsapp-sender-hint'}
          onChange={(event) => setText(event.target.value)}
        />
        <p id="whatsapp-sender-hint" className="muted settings-page__hint">
          המספר המחובר לוואטסאפ בחשבון Twilio של העסק. הודעות שלקוחות שולחים אליו נכנסות לתיבת הוואטסאפ. השאירו ריק כדי
          להפסיק.
          {!settings.sendingConfigured && ' שליחת הודעות עדיין לא מוגדרת בשרת (פרטי Twilio).'}
        </p>
        {error && (
          <p id="whatsapp-sender-error" className="field__error" role="alert">
            {error}
          </p>
        )}
      </div>
      <div className="form-actions">
        <button type="submit" className="button button--primary" disabled={save.isPending}>
          {save.isPending ? 'שומר…' : 'שמירת מספר הוואטסאפ'}
        </button>
      </div>
      <p role="status" aria-live="polite" className="settings-page__message">
        {save.isSuccess && 'המספר נשמר.'}
      </p>
    </form>
  );
}

/** The business's WhatsApp sender number, a small card on the settings page (admins with the whatsapp feature). */
export function WhatsAppSenderSettings() {
  const settings = useQuery({
    queryKey: whatsAppKeys.settings,
    queryFn: ({ signal }) => fetchWhatsAppSettings(signal),
    retry: retryUnlessClientError,
  });
  if (settings.isPending) return <LoadingState message="טוען את הגדרות הוואטסאפ…" />;
  if (settings.isError) return <ErrorState title="לא הצלחנו לטעון את הגדרות הוואטסאפ" onRetry={() => void settings.refetch()} />;
  return <SenderForm settings={settings.data} />;
}
