import type { InputHTMLAttributes, Ref } from 'react';
import { dateTimeFormat } from '../../time/dateTimeFormat';
import './Forms.css';

export const DATE_FIELD_TEXT = { pickDate: 'בחירת תאריך', pickDateTime: 'בחירת תאריך ושעה' } as const;

type NativeProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'type' | 'value' | 'className'>;

/** "YYYY-MM-DD" or "YYYY-MM-DDTHH:mm" as a Hebrew reader reads it: "יום ו׳, 27.3.2026" / "יום ו׳, 27.3.2026, 09:30". */
export function hebrewWallTime(value: string): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}))?/.exec(value);
  if (!match) return null;
  const [year, month, day, hour, minute] = match.slice(1).map((part) => (part === undefined ? undefined : Number(part)));
  // A wall time, not an instant: formatted in UTC so no zone can move it.
  const date = new Date(Date.UTC(year!, month! - 1, day!, hour ?? 0, minute ?? 0));
  const withTime = hour !== undefined;
  return dateTimeFormat('he-IL', {
    timeZone: 'UTC',
    weekday: 'short',
    day: 'numeric',
    month: 'numeric',
    year: 'numeric',
    ...(withTime ? { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' } : {}),
  }).format(date);
}

/**
 * A date (or date and time) field that reads in Hebrew whatever the browser's language: at rest it shows the value
 * as "יום ו׳, 27.3.2026, 09:30" (or "בחירת תאריך") over the native control, whose own locale-bound text
 * ("mm/dd/yyyy") is hidden; a click or tap opens the native picker, and while it has focus the native segments
 * show so the keyboard can edit them. The value stays the native one ("YYYY-MM-DD[THH:mm]").
 */
export function DateField({
  ref,
  withTime = false,
  value,
  ...native
}: NativeProps & { ref?: Ref<HTMLInputElement>; withTime?: boolean; value: string }) {
  const shown = hebrewWallTime(value);
  return (
    <span className="date-field" data-empty={shown ? undefined : ''}>
      <input
        {...native}
        ref={ref}
        type={withTime ? 'datetime-local' : 'date'}
        className="date-field__native"
        value={value}
        onClick={(event) => {
          native.onClick?.(event);
          // Opens the calendar from anywhere on the field, not only its small icon (where the browser supports it).
          try {
            event.currentTarget.showPicker?.();
          } catch {
            // Not allowed here (e.g. not a user gesture in a test): the native control still works.
          }
        }}
      />
      <span className="date-field__text" aria-hidden="true">
        {shown ?? (withTime ? DATE_FIELD_TEXT.pickDateTime : DATE_FIELD_TEXT.pickDate)}
      </span>
    </span>
  );
}
