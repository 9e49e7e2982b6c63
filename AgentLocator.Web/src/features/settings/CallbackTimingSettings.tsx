import { useState, type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { CallSettings } from '../../api/contracts';
import { ApiError } from '../../api/client';
import { adminKeys, saveCallbackTiming } from './adminApi';
import { TimeField } from '../../ui/forms/TimeField';

/** Sunday first, as the business's week (and the API's day numbers, 0 = Sunday) runs. */
const DAYS = ['א׳', 'ב׳', 'ג׳', 'ד׳', 'ה׳', 'ו׳', 'ש׳'] as const;
const DAY_NAMES = ['ראשון', 'שני', 'שלישי', 'רביעי', 'חמישי', 'שישי', 'שבת'] as const;

interface Values {
  delay: string;
  limited: boolean;
  days: number[];
  opens: string;
  closes: string;
}

function toValues(settings: CallSettings): Values {
  const hours = settings.workingHours;
  return {
    delay: String(settings.callbackDelayMinutes),
    limited: hours != null,
    days: hours?.days ? hours.days.map(Number) : [0, 1, 2, 3, 4],
    opens: hours?.opens ?? '09:00',
    closes: hours?.closes ?? '18:00',
  };
}

/** "Callback due after": how long after a call its follow-up task rings, counted in the business's working hours. */
export function CallbackTimingSettings({ settings }: { settings: CallSettings }) {
  const queryClient = useQueryClient();
  const [values, setValues] = useState(() => toValues(settings));
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const save = useMutation({
    mutationFn: () =>
      saveCallbackTiming({
        callbackDelayMinutes: values.delay.trim() === '' ? null : Number(values.delay),
        workingHours: values.limited ? { days: values.days, opens: values.opens, closes: values.closes } : null,
      }),
    onMutate: () => setErrors({}),
    onSuccess: (saved) => {
      queryClient.setQueryData(adminKeys.callSettings, saved);
      setValues(toValues(saved));
    },
    onError: (error) =>
      setErrors(error instanceof ApiError && error.errors ? error.errors : { '': ['השמירה נכשלה. נסו שוב.'] }),
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    save.mutate();
  }

  const toggleDay = (day: number) =>
    setValues((current) => ({
      ...current,
      days: current.days.includes(day) ? current.days.filter((d) => d !== day) : [...current.days, day].sort(),
    }));
  const errorOf = (field: string) =>
    errors[field]?.length ? (
      <p className="field__error" id={`callback-${field.replace('.', '-')}-error`}>
        {errors[field].join(' ')}
      </p>
    ) : null;

  return (
    <form className="call-settings-form" noValidate onSubmit={submit}>
      <div className="field">
        <label htmlFor="callback-delay">משימת חזרה למתקשר — מועד (דקות אחרי השיחה)</label>
        <input
          id="callback-delay"
          name="callbackDelayMinutes"
          type="number"
          inputMode="numeric"
          min={0}
          max={1440}
          value={values.delay}
          aria-invalid={errors.callbackDelayMinutes?.length ? true : undefined}
          onChange={(event) => setValues((current) => ({ ...current, delay: event.target.value }))}
        />
        <p className="muted settings-page__hint">0 = מיד כשהשיחה מסתיימת. הדקות נספרות בשעות הפעילות בלבד.</p>
        {errorOf('callbackDelayMinutes')}
      </div>
      <div className="field">
        <label>
          <input
            type="checkbox"
            checked={values.limited}
            onChange={(event) => setValues((current) => ({ ...current, limited: event.target.checked }))}
          />{' '}
          שעות פעילות (אחרת: כל יום, כל השעות)
        </label>
        {values.limited && (
          <>
            <fieldset className="callback-days">
              <legend>ימי פעילות</legend>
              {DAYS.map((label, day) => (
                <label key={day} title={DAY_NAMES[day]}>
                  <input
                    type="checkbox"
                    aria-label={`יום ${DAY_NAMES[day]}`}
                    checked={values.days.includes(day)}
                    onChange={() => toggleDay(day)}
                  />{' '}
                  {label}
                </label>
              ))}
            </fieldset>
            {errorOf('workingHours.days')}
            <label htmlFor="callback-opens">משעה</label>
            <TimeField
              id="callback-opens"
              value={values.opens}
              onValue={(time) => setValues((current) => ({ ...current, opens: time }))}
            />
            {errorOf('workingHours.opens')}
            <label htmlFor="callback-closes">עד שעה</label>
            <TimeField
              id="callback-closes"
              value={values.closes}
              onValue={(time) => setValues((current) => ({ ...current, closes: time }))}
            />
            {errorOf('workingHours.closes')}
            <p className="muted settings-page__hint">לפי אזור הזמן של העסק. שיחה מחוץ לשעות — המשימה תזכיר בפתיחה הבאה.</p>
          </>
        )}
      </div>
      <div role="alert" className="form-error">
        {errors['']?.join(' ')}
      </div>
      <div className="form-actions">
        <button type="submit" className="button button--primary" disabled={save.isPending}>
          {save.isPending ? 'שומר…' : 'שמירת מועד החזרה'}
        </button>
      </div>
      <p role="status" aria-live="polite" className="settings-page__message">
        {save.isSuccess && 'מועד החזרה נשמר.'}
      </p>
    </form>
  );
}
