import { useCallback, useId, useRef, useState, type Ref } from 'react';
import { dateTimeFormat } from '../../time/dateTimeFormat';
import { parseWallTime } from './calendar';
import { CalendarPopup } from './CalendarPopup';
import { CALENDAR_TEXT, DATE_FIELD_TEXT } from './strings';
import './Forms.css';

export { DATE_FIELD_TEXT };

/** "YYYY-MM-DD" or "YYYY-MM-DDTHH:mm" as a Hebrew reader reads it: "יום ו׳, 27.3.2026" / "יום ו׳, 27.3.2026, 09:30". */
export function hebrewWallTime(value: string): string | null {
  const parsed = parseWallTime(value);
  if (!parsed) return null;
  const { year, month, day, hour, minute } = parsed;
  // A wall time, not an instant: formatted in UTC so no zone can move it.
  const date = new Date(Date.UTC(year, month - 1, day, hour ?? 0, minute ?? 0));
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
 * A date (or date and time) field that reads Hebrew whatever the browser's language. The browser's own date input
 * shows its segments ("mm/dd/yyyy") and its picker in the browser's locale, so it is not used: the field is a button
 * reading "יום ו׳, 27.3.2026, 09:30" (or "בחירת תאריך") that opens our Hebrew calendar. The value keeps the native
 * format ("YYYY-MM-DD[THH:mm]"); a `name` posts it with a form through a hidden input.
 */
export function DateField({
  ref,
  id,
  name,
  withTime = false,
  value,
  onValue,
  min,
  max,
  required,
  disabled,
  'aria-label': ariaLabel,
  'aria-invalid': ariaInvalid,
  'aria-describedby': describedBy,
}: {
  ref?: Ref<HTMLButtonElement>;
  id?: string;
  name?: string;
  withTime?: boolean;
  value: string;
  onValue: (value: string) => void;
  min?: string;
  max?: string;
  required?: boolean;
  disabled?: boolean;
  'aria-label'?: string;
  'aria-invalid'?: boolean;
  'aria-describedby'?: string;
}) {
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement | null>(null);
  const readingId = useId();
  const shown = hebrewWallTime(value);
  const close = useCallback((returnFocus: boolean) => {
    setOpen(false);
    if (returnFocus) button.current?.focus();
  }, []);

  function setRefs(element: HTMLButtonElement | null) {
    button.current = element;
    if (typeof ref === 'function') ref(element);
    else if (ref) ref.current = element;
  }

  return (
    <span className="date-field" data-empty={shown ? undefined : ''}>
      <button
        ref={setRefs}
        id={id}
        // Named too, so a form that focuses its first invalid field by name finds the button (a type="button" posts nothing).
        name={name}
        type="button"
        className="date-field__button"
        aria-label={ariaLabel}
        aria-haspopup="dialog"
        aria-expanded={open}
        aria-invalid={ariaInvalid}
        aria-describedby={[readingId, describedBy].filter(Boolean).join(' ')}
        disabled={disabled}
        onClick={() => setOpen((current) => !current)}
        onKeyDown={(event) => {
          if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
            event.preventDefault();
            setOpen(true);
          }
        }}
      >
        <span id={readingId} className="date-field__text">
          {shown ?? (withTime ? DATE_FIELD_TEXT.pickDateTime : DATE_FIELD_TEXT.pickDate)}
        </span>
        <svg className="date-field__icon" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
          <rect x="1.5" y="3" width="13" height="11.5" rx="1.5" fill="none" stroke="currentColor" strokeWidth="1.4" />
          <path d="M1.5 6.5h13M5 1.5v3M11 1.5v3" stroke="currentColor" strokeWidth="1.4" strokeLinecap="round" />
        </svg>
      </button>
      {name && <input type="hidden" name={name} value={value} />}
      {open && (
        <CalendarPopup
          label={ariaLabel ?? CALENDAR_TEXT.dialog}
          value={value}
          withTime={withTime}
          min={min}
          max={max}
          clearable={!required}
          onPick={onValue}
          onClose={close}
        />
      )}
    </span>
  );
}
