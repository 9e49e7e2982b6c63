import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import {
  addDays,
  addMonths,
  clampDate,
  hebrewFullDate,
  hebrewMonthName,
  hebrewWeekdayLong,
  hebrewWeekdayShort,
  isoDate,
  isoWallTime,
  monthWeeks,
  parseWallTime,
  todayIso,
  weekday,
} from './calendar';
import { Select } from './Select';
import { CALENDAR_TEXT } from './strings';

const DEFAULT_HOUR = 9;
const MINUTE_STEP = 5;

/**
 * Our own calendar, so the picker reads Hebrew (month and day names from Intl he-IL, the week from Sunday, laid
 * out right to left) whatever the browser's language; the browser's own picker follows its locale. Keyboard: arrows
 * move a day or a week (left is the next day, as the row reads), Page Up/Down a month, Home/End the week's ends,
 * Enter picks, Escape closes.
 */
export function CalendarPopup({
  label,
  value,
  withTime,
  min,
  max,
  clearable,
  onPick,
  onClose,
}: {
  label: string;
  value: string;
  withTime: boolean;
  min?: string;
  max?: string;
  clearable: boolean;
  onPick: (value: string) => void;
  /** `returnFocus` is false when the user clicked elsewhere: focus stays where they clicked. */
  onClose: (returnFocus: boolean) => void;
}) {
  const picked = parseWallTime(value);
  const pickedDate = picked ? isoDate(picked.year, picked.month, picked.day) : null;
  const [focused, setFocused] = useState(() => clampDate(pickedDate ?? todayIso(), min, max));
  const root = useRef<HTMLDivElement>(null);
  const grid = useRef<HTMLTableElement>(null);
  const moveFocus = useRef(true);
  const [year, month] = focused.split('-').map(Number);

  useEffect(() => {
    if (!moveFocus.current) return;
    grid.current?.querySelector<HTMLButtonElement>(`[data-date="${focused}"]`)?.focus();
  }, [focused]);

  useEffect(() => {
    function onPointerDown(event: PointerEvent) {
      if (root.current && !root.current.contains(event.target as Node)) onClose(false);
    }
    document.addEventListener('pointerdown', onPointerDown);
    return () => document.removeEventListener('pointerdown', onPointerDown);
  }, [onClose]);

  const outOfRange = (date: string) => (min !== undefined && date < min.slice(0, 10)) || (max !== undefined && date > max.slice(0, 10));
  const show = (date: string, focusDay: boolean) => {
    moveFocus.current = focusDay;
    // The keyboard stays on days that can be picked; the month and year lists may show a month out of range.
    setFocused(focusDay ? clampDate(date, min, max) : date);
  };

  function pick(date: string) {
    if (outOfRange(date)) return;
    if (!withTime) {
      onPick(date);
      onClose(true);
      return;
    }
    onPick(isoWallTime(date, picked?.hour ?? DEFAULT_HOUR, picked?.minute ?? 0));
  }

  function setTime(hour: number, minute: number) {
    onPick(isoWallTime(pickedDate ?? focused, hour, minute));
  }

  function onGridKey(event: KeyboardEvent) {
    const moves: Record<string, () => string> = {
      ArrowLeft: () => addDays(focused, 1),
      ArrowRight: () => addDays(focused, -1),
      ArrowDown: () => addDays(focused, 7),
      ArrowUp: () => addDays(focused, -7),
      PageDown: () => addMonths(focused, 1),
      PageUp: () => addMonths(focused, -1),
      Home: () => addDays(focused, -weekday(focused)),
      End: () => addDays(focused, 6 - weekday(focused)),
    };
    const move = moves[event.key];
    if (!move) return;
    event.preventDefault();
    show(move(), true);
  }

  const thisYear = Number(todayIso().slice(0, 4));
  const firstYear = Math.min(min ? Number(min.slice(0, 4)) : thisYear - 10, year);
  const lastYear = Math.max(max ? Number(max.slice(0, 4)) : thisYear + 10, year);
  const minutes = Array.from({ length: 60 / MINUTE_STEP }, (_, index) => index * MINUTE_STEP);
  if (picked?.minute !== undefined && !minutes.includes(picked.minute)) minutes.push(picked.minute), minutes.sort((a, b) => a - b);
  const today = todayIso();
  const two = (n: number) => String(n).padStart(2, '0');

  return (
    <div
      ref={root}
      role="dialog"
      aria-label={label}
      className="calendar"
      onKeyDown={(event) => {
        if (event.key !== 'Escape') return;
        event.stopPropagation();
        onClose(true);
      }}
    >
      <div className="calendar__header">
        <button type="button" className="button calendar__step" aria-label={CALENDAR_TEXT.previousMonth} onClick={() => show(addMonths(focused, -1), false)}>
          ›
        </button>
        <Select aria-label={CALENDAR_TEXT.month} value={month} onChange={(event) => show(isoDate(year, Number(event.target.value), 1), false)}>
          {Array.from({ length: 12 }, (_, index) => (
            <option key={index} value={index + 1}>
              {hebrewMonthName(index + 1)}
            </option>
          ))}
        </Select>
        <Select aria-label={CALENDAR_TEXT.year} value={year} onChange={(event) => show(isoDate(Number(event.target.value), month, 1), false)}>
          {Array.from({ length: lastYear - firstYear + 1 }, (_, index) => (
            <option key={index} value={firstYear + index}>
              {firstYear + index}
            </option>
          ))}
        </Select>
        <button type="button" className="button calendar__step" aria-label={CALENDAR_TEXT.nextMonth} onClick={() => show(addMonths(focused, 1), false)}>
          ‹
        </button>
      </div>
      <table ref={grid} role="grid" className="calendar__grid" aria-label={`${hebrewMonthName(month)} ${year}`} onKeyDown={onGridKey}>
        <thead>
          <tr>
            {Array.from({ length: 7 }, (_, day) => (
              <th key={day} scope="col" abbr={hebrewWeekdayLong(day)}>
                {hebrewWeekdayShort(day)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {monthWeeks(year, month).map((week, row) => (
            <tr key={row}>
              {week.map((date, column) => (
                <td key={column} aria-selected={date !== null && date === pickedDate ? true : undefined}>
                  {date && (
                    <button
                      type="button"
                      data-date={date}
                      className="calendar__day"
                      tabIndex={date === focused ? 0 : -1}
                      aria-label={hebrewFullDate(date)}
                      aria-pressed={date === pickedDate}
                      aria-current={date === today ? 'date' : undefined}
                      aria-disabled={outOfRange(date) || undefined}
                      onClick={() => pick(date)}
                    >
                      {Number(date.slice(8))}
                    </button>
                  )}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      {withTime && (
        <div className="calendar__time">
          <Select aria-label={CALENDAR_TEXT.hour} value={picked?.hour ?? DEFAULT_HOUR} onChange={(event) => setTime(Number(event.target.value), picked?.minute ?? 0)}>
            {Array.from({ length: 24 }, (_, hour) => (
              <option key={hour} value={hour}>
                {two(hour)}
              </option>
            ))}
          </Select>
          <span aria-hidden="true">:</span>
          <Select aria-label={CALENDAR_TEXT.minute} value={picked?.minute ?? 0} onChange={(event) => setTime(picked?.hour ?? DEFAULT_HOUR, Number(event.target.value))}>
            {minutes.map((minute) => (
              <option key={minute} value={minute}>
                {two(minute)}
              </option>
            ))}
          </Select>
        </div>
      )}
      <div className="calendar__footer">
        {clearable && value && (
          <button type="button" className="button" onClick={() => (onPick(''), onClose(true))}>
            {CALENDAR_TEXT.clear}
          </button>
        )}
        <button type="button" className="button button--primary" onClick={() => onClose(true)}>
          {withTime ? CALENDAR_TEXT.done : CALENDAR_TEXT.close}
        </button>
      </div>
    </div>
  );
}
