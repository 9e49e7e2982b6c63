// The API explains rejected rows in English (its validation messages, joined by spaces). Known ones are shown
// in Hebrew; anything else is shown as sent, so a new server message is never lost.

const TRANSLATIONS: readonly [RegExp, string][] = [
  [/Name is required\./g, 'חסר שם.'],
  [/Name must be at most (\d+) characters\./g, 'השם ארוך מ-$1 תווים.'],
  [/Phone is not a valid phone number\./g, 'מספר הטלפון אינו תקין.'],
  [/Email is not a valid address\./g, 'כתובת האימייל אינה תקינה.'],
  [/City must be at most (\d+) characters\./g, 'שם העיר ארוך מ-$1 תווים.'],
  [/Status must be one of: [^.]*\./g, 'הסטטוס אינו מוכר.'],
  [/At most (\d+) tags\./g, 'יותר מ-$1 תגיות.'],
  [/Each tag must be at most (\d+) characters\./g, 'תגית ארוכה מ-$1 תווים.'],
  [/The existing customer could not be updated \(it was deleted meanwhile\)\./g, 'הלקוח הקיים נמחק בזמן הייבוא.'],
  [/The customer with this phone could not be updated\./g, 'לא הצלחנו לעדכן את הלקוח שכבר רשום עם הטלפון הזה.'],
];

export function rejectionReason(reason: string | null | undefined): string {
  if (!reason) return 'השורה לא יובאה.';
  return TRANSLATIONS.reduce((text, [pattern, hebrew]) => text.replace(pattern, hebrew), reason);
}
