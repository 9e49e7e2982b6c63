/** Every string the shell shows, in one place so the wording stays the same wherever it appears. */
export const SHELL_TEXT = {
  mainNav: 'ניווט ראשי',
  home: 'ראשי',
  unreadWhatsApp: (count: number) => (count === 1 ? 'הודעה אחת שלא נקראה' : `${count} הודעות שלא נקראו`),
  openMenu: 'פתיחת התפריט',
  closeMenu: 'סגירת התפריט',
  userMenu: 'תפריט המשתמש',
  logout: 'יציאה',
  // Worded apart from the pages' own "חיפוש" fields, so a label names one control on any page.
  search: 'מציאת לקוח',
  searchPlaceholder: 'מציאת לקוח לפי שם או טלפון',
  searchSubmit: 'מצא',
  loadingAccount: 'טוען את פרטי החשבון…',
  accountError: 'לא הצלחנו לטעון את פרטי החשבון',
  accountErrorHint: 'ייתכן שהשרת אינו זמין כרגע. הנתונים שלך לא נפגעו.',
} as const;
