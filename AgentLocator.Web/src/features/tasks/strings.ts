/** Every string the tasks feature shows, in one place so the wording stays the same across its pages. */
export const TASKS_TEXT = {
  tasks: 'משימות',
  newTask: 'משימה חדשה',
  editTask: 'עריכת משימה',
  open: 'פתוחות',
  done: 'שבוצעו',
  loadingTasks: 'טוען משימות…',
  loadFailed: 'לא הצלחנו לטעון את המשימות',
  loading: 'טוען…',
  showMore: 'הצג עוד',
  noCustomer: 'ללא לקוח',
  toCallPage: 'לדף השיחה',
  snooze: 'נודניק 15 דק׳',
  markDone: 'בוצע',
} as const;

export const TASKS_PAGE_TEXT = {
  whichTasks: 'אילו משימות להציג',
  serverUnavailable: 'ייתכן שהשרת אינו זמין כרגע.',
  noneDone: 'עדיין אין משימות שבוצעו',
  noneOpen: 'אין משימות פתוחות',
  doneHint: 'משימות שתסמנו כבוצעו יופיעו כאן.',
  openHint: 'משימה חדשה נוצרת מכאן או מכרטיס הלקוח.',
  overdue: 'באיחור',
  today: 'היום',
  later: 'בהמשך',
  shown: (shown: number, total: number) => `מוצגות ${shown} מתוך ${total} משימות`,
} as const;

export const TASK_FORM_TEXT = {
  title: 'כותרת',
  customer: 'לקוח',
  due: 'מועד',
  dueZone: (zoneName: string) => `לפי ${zoneName}`,
  remind: 'תזכורת',
  notes: 'הערות',
  assignee: 'אחראי',
  me: 'אני',
  userIsMe: (name: string) => `${name} (אני)`,
  save: 'שמירה',
  create: 'יצירת משימה',
  titleRequired: 'יש להזין כותרת',
  customerRequired: 'יש לבחור לקוח',
  dueRequired: 'יש לבחור תאריך ושעה',
  remindAtDue: 'בזמן המשימה',
  remindMinutesBefore: (minutes: number) => `${minutes} דקות לפני`,
  remindHourBefore: 'שעה לפני',
  newNeedsCustomerAccess: 'יצירת משימה נעשית מכרטיס לקוח, ונדרשת לכך גישה ללקוחות.',
  loadingCustomer: 'טוען את פרטי הלקוח…',
  customerNotFound: 'הלקוח לא נמצא',
  backToCustomer: 'חזרה לכרטיס הלקוח',
  loadingTask: 'טוען את המשימה…',
  taskNotFound: 'המשימה לא נמצאה',
  maybeDeleted: 'ייתכן שנמחקה.',
  taskLoadFailed: 'לא הצלחנו לטעון את המשימה',
  notFoundReference: 'הלקוח או העובד שנבחרו לא נמצאו. ייתכן שנמחקו.',
  forbidden: 'אין לך הרשאה לשמור משימה זו.',
  saveFailed: 'השמירה נכשלה. בדקו את החיבור ונסו שוב.',
} as const;

export const CUSTOMER_PICKER_TEXT = {
  change: 'החלפת לקוח',
  searchPlaceholder: 'חיפוש לפי שם או טלפון',
  none: 'לא נמצאו לקוחות.',
  failed: 'החיפוש נכשל. נסו שוב.',
  results: 'תוצאות חיפוש לקוחות',
} as const;

export const TASK_ROW_TEXT = {
  doneBadge: 'בוצעה',
  actionsFor: (title: string) => `פעולות למשימה ${title}`,
  reopen: 'פתיחה מחדש',
  edit: 'עריכה',
  editLabel: (title: string) => `עריכה: ${title}`,
} as const;

export const CUSTOMER_TASKS_TEXT = {
  heading: 'משימות הלקוח',
  none: 'אין משימות ללקוח זה.',
  moreOpen: 'הצג עוד משימות פתוחות',
  moreDone: 'הצג עוד משימות שבוצעו',
} as const;

export const DUE_MODAL_TEXT = {
  kicker: 'תזכורת למשימה',
  due: 'מועד',
  customer: 'לקוח',
  caller: 'מתקשר',
  call: 'התקשר',
  whatsApp: 'וואטסאפ',
  opening: 'פותח…',
  snoozing: 'דוחה…',
  marking: 'מסמן…',
  waiting: (count: number) => (count === 1 ? 'משימה נוספת ממתינה' : `עוד ${count} משימות ממתינות`),
} as const;

export const TASK_ACTION_ERRORS = {
  offline: 'אין חיבור לשרת. בדקו את החיבור ונסו שוב.',
  notFound: 'המשימה לא נמצאה. ייתכן שנמחקה.',
  forbidden: 'אין לך הרשאה לעדכן משימה זו.',
  failed: 'הפעולה נכשלה. נסו שוב.',
} as const;
