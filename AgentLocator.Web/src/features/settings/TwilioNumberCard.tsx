import { useEffect, useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ApiError } from '../../api/client';
import type { TwilioNumber, TwilioNumberTest } from '../../api/contracts';
import { ErrorState, LoadingState } from '../../ui/StatusViews';

const URL_PATH = '/api/admin/call-settings/twilio-number';
const key = ['admin', 'twilio-number'] as const;

function problemText(error: unknown): string {
  if (!(error instanceof ApiError)) return 'השמירה נכשלה. נסו שוב.';
  if (error.errors) return Object.values(error.errors).flat().join(' ');
  return error.detail ? `${error.title} ${error.detail}` : error.title;
}

/** The business's Twilio voice number, the webhook URLs to paste into Twilio, and a signed test through the public URL. */
export function TwilioNumberCard() {
  const queryClient = useQueryClient();
  const number = useQuery({ queryKey: key, queryFn: ({ signal }) => api.get<TwilioNumber>(URL_PATH, signal) });
  const [draft, setDraft] = useState('');
  useEffect(() => setDraft(number.data?.number ?? ''), [number.data?.number]);
  const save = useMutation({
    mutationFn: () => api.put<TwilioNumber>(URL_PATH, { number: draft.trim() || null }),
    onSuccess: (saved) => queryClient.setQueryData(key, saved),
  });
  const test = useMutation({ mutationFn: () => api.post<TwilioNumberTest>(`${URL_PATH}/test`) });

  function submit(event: FormEvent) {
    event.preventDefault();
    test.reset();
    save.mutate();
  }

  return (
    <div className="card" data-testid="twilio-number-card">
      <h2>מספר Twilio של העסק</h2>
      {number.isPending ? (
        <LoadingState message="טוען את המספר…" />
      ) : number.isError ? (
        <ErrorState title="לא הצלחנו לטעון את המספר" onRetry={() => void number.refetch()} />
      ) : (
        <>
          <form onSubmit={submit} noValidate>
            <div className="field">
              <label htmlFor="twilio-number">מספר הטלפון (כפי שמופיע ב-Twilio)</label>
              <input id="twilio-number" type="tel" dir="ltr" value={draft} onChange={(e) => setDraft(e.target.value)} placeholder="+97235550100" />
            </div>
            <button type="submit" className="button button--primary" disabled={save.isPending}>
              {save.isPending ? 'שומר…' : 'שמירת המספר'}
            </button>
            <p role="status" aria-live="polite" className="settings-page__message">
              {save.isSuccess && 'המספר נשמר.'}
              {save.isError && problemText(save.error)}
            </p>
          </form>
          {number.data.webhooks ? (
            <div>
              <p>הדביקו ב-Twilio, בהגדרות המספר (Voice):</p>
              <dl className="twilio-webhooks">
                <dt>שיחה נכנסת: בשדה „A call comes in” (HTTP POST)</dt>
                <dd dir="ltr" data-testid="incoming-call-url">{number.data.webhooks.incomingCall}</dd>
                <dt>מצב השיחה: בשדה „Call status changes” (HTTP POST)</dt>
                <dd dir="ltr">{number.data.webhooks.callStatus}</dd>
              </dl>
            </div>
          ) : (
            <p className="settings-page__hint">הכתובת הציבורית של השרת (PUBLIC_HOST) אינה מוגדרת.</p>
          )}
          <button type="button" className="button" disabled={!number.data.number || test.isPending} onClick={() => test.mutate()}>
            {test.isPending ? 'בודק…' : 'בדיקת חיבור'}
          </button>
          <p role="status" aria-live="polite" data-testid="twilio-test-result">
            {test.data && (test.data.ok ? '✓ ' : '✗ ') + test.data.detail}
            {test.isError && problemText(test.error)}
          </p>
        </>
      )}
    </div>
  );
}
