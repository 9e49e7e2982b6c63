import type { Ref, SelectHTMLAttributes } from 'react';
import { Select } from './Select';

const STEP_MINUTES = 15;
const two = (n: number) => String(n).padStart(2, '0');
const TIMES = Array.from({ length: (24 * 60) / STEP_MINUTES }, (_, index) => {
  const minutes = index * STEP_MINUTES;
  return `${two(Math.floor(minutes / 60))}:${two(minutes % 60)}`;
});

/**
 * A time of day ("HH:mm", 24 hours) as a drop-down of quarter hours: the browser's own time input shows its locale
 * ("09:00 AM" in an English browser), this reads the same in every language. A value off the quarter hours (set
 * elsewhere) stays listed so it is not lost.
 */
export function TimeField({
  ref,
  value,
  onValue,
  ...native
}: Omit<SelectHTMLAttributes<HTMLSelectElement>, 'value' | 'onChange'> & {
  ref?: Ref<HTMLSelectElement>;
  value: string;
  onValue: (value: string) => void;
}) {
  const times = value && !TIMES.includes(value) ? [...TIMES, value].sort() : TIMES;
  return (
    <Select {...native} ref={ref} value={value} onChange={(event) => onValue(event.target.value)}>
      {times.map((time) => (
        <option key={time} value={time}>
          {time}
        </option>
      ))}
    </Select>
  );
}
