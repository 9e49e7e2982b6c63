import type { ReactNode } from 'react';

/**
 * A left-to-right run inside Hebrew text (a phone number, an amount, an e-mail, a duration): isolated, so it keeps
 * its own order and does not reorder the words around it, and never broken across lines (`.ltr` in global.css).
 */
export function Ltr({ children, className }: { children: ReactNode; className?: string }) {
  return (
    <bdi dir="ltr" className={className ? `ltr ${className}` : 'ltr'}>
      {children}
    </bdi>
  );
}

/** A phone number as shown to people: always one left-to-right piece. */
export function PhoneNumber({ value }: { value: string }) {
  return <Ltr className="phone-number">{value}</Ltr>;
}

/** A date or time already formatted for he-IL: right-to-left like its words, but never split across lines. */
export function DateText({ iso, children }: { iso: string; children: ReactNode }) {
  return (
    <time dateTime={iso} className="nowrap">
      {children}
    </time>
  );
}

/** A number-like run: digits with the separators phones, dates and amounts use, optionally led by "+". */
const NUMBER_RUN = /\+?\d(?:[\d\-–./:,]|\s(?=\d))*\d|\d/g;

/**
 * Text that may hold numbers, such as the name the server gives a new caller ("מתקשר חדש 050-123-4567"): every
 * number-like run with separators (a phone, a date, a time) becomes an isolated left-to-right piece, the Hebrew
 * around it stays as it is. A bare number ("לקוח 1") needs no help: digits alone keep their order and never break.
 */
export function TextWithNumbers({ text }: { text: string }) {
  const pieces: ReactNode[] = [];
  let last = 0;
  for (const match of text.matchAll(NUMBER_RUN)) {
    const start = match.index ?? 0;
    if (/^\d+$/.test(match[0])) continue;
    if (start > last) pieces.push(text.slice(last, start));
    pieces.push(<Ltr key={start}>{match[0]}</Ltr>);
    last = start + match[0].length;
  }
  if (last < text.length) pieces.push(text.slice(last));
  return <>{pieces}</>;
}

const digitsOf = (text: string) => text.replace(/\D/g, '');

/**
 * Whether `name` already shows `phone` (a caller the server named after their number), so the phone need not be
 * repeated beside it. Compared by the national digits, so "+972 50…" and "050…" are the same number.
 */
export function nameShowsPhone(name: string, phone: string | null | undefined): boolean {
  if (!phone) return false;
  const national = digitsOf(phone).replace(/^972/, '0');
  const nameDigits = digitsOf(name).replace(/^972/, '0');
  return national.length > 0 && nameDigits.includes(national.replace(/^0/, ''));
}
