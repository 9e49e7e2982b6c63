/** Every string the shell shows, in one place so the wording stays the same wherever it appears. */
export const SHELL_TEXT = {
  mainNav: 'ניווט ראשי',
  home: 'ראשי',
  openMenu: 'פתיחת התפריט',
  closeMenu: 'סגירת התפריט',
  userMenu: 'תפריט המשתמש',
  logout: 'יציאה',
  search: 'חיפוש לקוחות',
  searchPlaceholder: 'חיפוש לקוח לפי שם או טלפון',
  searchSubmit: 'חיפוש',
  loadingAccount: 'טוען את פרטי החשבון…',
  accountError: 'לא הצלחנו לטעון את פרטי החשבון',
  accountErrorHint: 'ייתכן שהשרת אינו זמין כרגע. הנתונים שלך לא נפגעו.',
} as const;
