/** What the app's own form controls say (ui/forms), in one place. */
export const DATE_FIELD_TEXT = { pickDate: 'בחירת תאריך', pickDateTime: 'בחירת תאריך ושעה' } as const;

export const CALENDAR_TEXT = {
  dialog: 'לוח שנה',
  previousMonth: 'החודש הקודם',
  nextMonth: 'החודש הבא',
  month: 'חודש',
  year: 'שנה',
  hour: 'שעה',
  minute: 'דקות',
  clear: 'ניקוי',
  close: 'סגירה',
  done: 'סיום',
} as const;

export const FILE_INPUT_TEXT = { choose: 'בחירת קובץ', none: 'לא נבחר קובץ' } as const;
