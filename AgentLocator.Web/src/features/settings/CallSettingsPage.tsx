import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CallSettings, CallSettingsInput } from '../../api/contracts';
import { ErrorState, LoadingState } from '../../ui/StatusViews';
import { FeatureDisabledNotice } from '../../ui/FeatureDisabledNotice';
import { useFeatureOffError } from '../../api/useFeatureOffError';
import { retryUnlessClientError } from '../../api/retry';
import { adminKeys, fetchAdminUsers, fetchCallSettings, saveCallSettings } from './adminApi';
import {
  CALL_SETTINGS_FIELDS,
  toCallSettingsFailure,
  type CallSettingsFailure,
  type CallSettingsField,
} from './callSettingsErrors';
import { GreetingAudioSettings } from './GreetingAudioSettings';
import { HoldClipSettings } from './HoldClipSettings';
import { WhatsAppSenderSettings } from './WhatsAppSenderSettings';
import { useMe } from '../shell/useMe';
import { CallbackTimingSettings } from './CallbackTimingSettings';
import './Settings.css';
import { TwilioNumberCard } from './TwilioNumberCard';
import { PhoneNumber } from '../../ui/Ltr';
import { Select } from '../../ui/forms/Select';

type TextField = Exclude<CallSettingsField, 'defaultAgentId'>;
type Values = Record<CallSettingsField, string>;

function toValues(settings: CallSettings): Values {
  return {
    greetingText: settings.greetingText ?? '',
    replyPrompt: settings.replyPrompt ?? '',
    fallbackMessage: settings.fallbackMessage ?? '',
    defaultAgentId: settings.defaultAgentId ?? '',
  };
}

/** An empty box means "use the default", which the API takes as null. */
function toInput(values: Values): CallSettingsInput {
  const text = (value: string) => (value.trim() ? value.trim() : null);
  return {
    greetingText: text(values.greetingText),
    replyPrompt: text(values.replyPrompt),
    fallbackMessage: text(values.fallbackMessage),
    defaultAgentId: values.defaultAgentId || null,
  };
}

/** maxLength mirrors the API's limits, so a too-long text is stopped while typing rather than refused on save. */
const TEXT_FIELDS: {
  name: TextField;
  label: string;
  hint: string;
  rows: number;
  maxLength: number;
  defaultKey: keyof CallSettings;
}[] = [
  {
    name: 'greetingText',
    label: 'נוסח הפתיח',
    hint: 'מה המתקשר שומע כשהמענה עונה, לפני הצפצוף. כשהועלתה הקלטת פתיח, מושמעת ההקלטה במקומו.',
    rows: 3,
    maxLength: 1000,
    defaultKey: 'defaultGreetingText',
  },
  {
    name: 'replyPrompt',
    label: 'הנחיה לניסוח התשובה',
    hint: 'ההנחיה שהבינה המלאכותית מקבלת כדי לנסח תשובה קצרה למתקשר.',
    rows: 8,
    maxLength: 4000,
    defaultKey: 'defaultReplyPrompt',
  },
  {
    name: 'fallbackMessage',
    label: 'הודעת גיבוי',
    hint: 'מושמעת כשאין תשובה מוכנה בזמן, או כשהתמלול אינו מוגדר.',
    rows: 3,
    maxLength: 1000,
    defaultKey: 'defaultFallbackMessage',
  },
];

function CallSettingsForm({ settings }: { settings: CallSettings }) {
  const queryClient = useQueryClient();
  // Set once: a later cache update (an uploaded greeting) must not wipe what the admin is typing.
  const [values, setValues] = useState(() => toValues(settings));
  const [failure, setFailure] = useState<CallSettingsFailure | null>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const users = useQuery({ queryKey: adminKeys.users, queryFn: ({ signal }) => fetchAdminUsers(signal) });

  const save = useMutation({
    mutationFn: saveCallSettings,
    onMutate: () => setFailure(null),
    onSuccess: (saved) => {
      queryClient.setQueryData(adminKeys.callSettings, saved);
      setValues(toValues(saved));
    },
    onError: (error) => setFailure(toCallSettingsFailure(error)),
  });

  const fieldErrors = failure?.kind === 'fields' ? failure.errors : {};

  // After a refused save, move focus to the first field that needs attention.
  useEffect(() => {
    if (failure?.kind !== 'fields') return;
    const first = CALL_SETTINGS_FIELDS.find((name) => failure.errors[name]?.length);
    if (first) formRef.current?.querySelector<HTMLElement>(`[name="${first}"]`)?.focus();
  }, [failure]);

  function submit(event: FormEvent) {
    event.preventDefault();
    save.mutate(toInput(values));
  }

  function set(name: CallSettingsField, value: string) {
    setValues((current) => ({ ...current, [name]: value }));
  }

  function describedBy(name: CallSettingsField, hint: boolean) {
    return [hint ? `call-${name}-hint` : null, fieldErrors[name]?.length ? `call-${name}-error` : null]
      .filter(Boolean)
      .join(' ') || undefined;
  }

  function errorFor(name: CallSettingsField) {
    const messages = fieldErrors[name] ?? [];
    return messages.length ? (
      <p id={`call-${name}-error`} className="field__error">
        {messages.join(' ')}
      </p>
    ) : null;
  }

  const currentAgentMissing =
    values.defaultAgentId && users.data && !users.data.some((user) => user.id === values.defaultAgentId);

  return (
    <form ref={formRef} className="call-settings-form" noValidate onSubmit={submit}>
      {TEXT_FIELDS.map((field) => {
        const defaultText = settings[field.defaultKey] as string;
        return (
          <div className="field" key={field.name}>
            <label htmlFor={`call-${field.name}`}>{field.label}</label>
            <textarea
              id={`call-${field.name}`}
              name={field.name}
              rows={field.rows}
              maxLength={field.maxLength}
              value={values[field.name]}
              placeholder={defaultText}
              aria-invalid={fieldErrors[field.name]?.length ? true : undefined}
              aria-describedby={describedBy(field.name, true)}
              onChange={(event) => set(field.name, event.target.value)}
            />
            <p id={`call-${field.name}-hint`} className="muted settings-page__hint">
              {field.hint} השאירו ריק כדי להשתמש בנוסח ברירת המחדל (מוצג באפור).
              {!values[field.name] && defaultText && (
                <>
                  {' '}
                  <button
                    type="button"
                    className="button-link"
                    onClick={() => set(field.name, defaultText)}
                    aria-label={`עריכה מתוך ברירת המחדל: ${field.label}`}
                  >
                    עריכה מתוך ברירת המחדל
                  </button>
                </>
              )}
            </p>
            {errorFor(field.name)}
          </div>
        );
      })}

      <div className="field">
        <label htmlFor="call-defaultAgentId">סוכן ברירת מחדל</label>
        <Select
          id="call-defaultAgentId"
          name="defaultAgentId"
          value={values.defaultAgentId}
          aria-invalid={fieldErrors.defaultAgentId?.length ? true : undefined}
          aria-describedby={describedBy('defaultAgentId', true)}
          onChange={(event) => set('defaultAgentId', event.target.value)}
        >
          <option value="">ללא</option>
          {users.data?.map((user) => (
            <option key={user.id} value={user.id}>
              {user.displayName} ({user.role === 'admin' ? 'מנהל' : 'סוכן'})
            </option>
          ))}
          {(currentAgentMissing || (values.defaultAgentId && !users.data)) && (
            <option value={values.defaultAgentId}>{users.isPending ? 'טוען…' : 'משתמש שאינו קיים עוד'}</option>
          )}
        </Select>
        <p id="call-defaultAgentId-hint" className="muted settings-page__hint">
          מי מקבל את משימת ההמשך של שיחה ממתקשר שאין לו סוכן מטפל.
          {users.isError && ' לא הצלחנו לטעון את רשימת המשתמשים.'}
        </p>
        {errorFor('defaultAgentId')}
      </div>

      <div role="alert" className="form-error">
        {failure?.kind === 'general' && failure.message}
        {failure?.kind === 'fields' && (failure.other ?? 'יש לתקן את השדות המסומנים.')}
      </div>

      <div className="form-actions">
        <button type="submit" className="button button--primary" disabled={save.isPending}>
          {save.isPending ? 'שומר…' : 'שמירת הגדרות'}
        </button>
      </div>
      <p role="status" aria-live="polite" className="settings-page__message">
        {save.isSuccess && 'ההגדרות נשמרו.'}
      </p>
    </form>
  );
}

/** /settings/calls: how the AI receptionist answers (admins only, and only with the calls feature). */
export function CallSettingsPage() {
  const settings = useQuery({
    queryKey: adminKeys.callSettings,
    queryFn: ({ signal }) => fetchCallSettings(signal),
    retry: retryUnlessClientError,
  });
  const featureOff = useFeatureOffError(settings.error);
  const hasWhatsApp = useMe().data?.features.includes('whatsapp') ?? false;
  if (featureOff) return <FeatureDisabledNotice />;

  return (
    <section className="page settings-page" aria-labelledby="call-settings-title">
      <h1 id="call-settings-title">הגדרות: מענה טלפוני</h1>
      <p className="page__lead">
        מה המתקשרים שומעים ומי מטפל בשיחה.
        {settings.data && (
          <>
            {' '}
            מספר המענה:{' '}
            {settings.data.twilioNumber ? <PhoneNumber value={settings.data.twilioNumber} /> : 'עדיין לא הוגדר'}.
          </>
        )}
      </p>

      {settings.isPending ? (
        <LoadingState message="טוען את הגדרות המענה…" />
      ) : settings.isError ? (
        <ErrorState title="לא הצלחנו לטעון את הגדרות המענה" onRetry={() => void settings.refetch()} />
      ) : (
        <>
          <div className="card">
            <h2>הקלטת פתיח</h2>
            <GreetingAudioSettings settings={settings.data} />
          </div>
          <div className="card">
            <h2>מוזיקת המתנה</h2>
            <HoldClipSettings settings={settings.data} />
          </div>
          <div className="card">
            <h2>נוסחים וסוכן</h2>
            <CallSettingsForm settings={settings.data} />
          </div>
          {hasWhatsApp && (
            <div className="card">
              <h2>וואטסאפ</h2>
              <WhatsAppSenderSettings />
            </div>
          )}
          <div className="card">
            <h2>חזרה למתקשר</h2>
            <CallbackTimingSettings settings={settings.data} />
          </div>
        </>
      )}
      <TwilioNumberCard />
    </section>
  );
}
