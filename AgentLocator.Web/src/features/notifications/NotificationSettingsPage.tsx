import { LoadingState } from '../../ui/StatusViews';
import { usePushState } from './usePushState';
import './Notifications.css';

/** /settings/notifications: every user can switch task alerts on this browser on or off. */
export function NotificationSettingsPage() {
  const push = usePushState();

  return (
    <section className="page" aria-labelledby="notifications-title">
      <h1 id="notifications-title">התראות</h1>
      <p className="page__lead">תזכורות למשימות מופיעות כחלון במסך. התראות דפדפן מביאות אותן גם כשהאתר סגור או ברקע.</p>

      <div className="card notification-settings" data-state={push.state ?? 'loading'}>
        {push.state === null && <LoadingState message="בודק את מצב ההתראות…" />}

        {push.state === 'unsupported' && (
          <>
            <h2>הדפדפן אינו תומך בהתראות</h2>
            <p>
              התראות דחיפה דורשות דפדפן עדכני וחיבור מאובטח (https). תזכורות עדיין יופיעו כחלון בזמן שהאתר פתוח.
            </p>
          </>
        )}

        {push.state === 'denied' && (
          <>
            <h2>ההתראות חסומות בדפדפן</h2>
            <p>כדי לאפשר אותן מחדש:</p>
            <ol>
              <li>לחצו על סמל המנעול (או סמל ההגדרות) שליד כתובת האתר.</li>
              <li>בהרשאות האתר, שנו את „התראות” ל„אפשר”.</li>
              <li>רעננו את הדף וחזרו לכאן.</li>
            </ol>
          </>
        )}

        {(push.state === 'default' || push.state === 'granted') && (
          <>
            <h2>ההתראות כבויות בדפדפן זה</h2>
            <p>הפעילו כדי לקבל תזכורות למשימות גם כשהאתר סגור.</p>
            <button type="button" className="button button--primary" disabled={push.busy} onClick={() => void push.enable()}>
              {push.busy ? 'מפעיל…' : 'הפעלת התראות'}
            </button>
          </>
        )}

        {push.state === 'subscribed' && (
          <>
            <h2>ההתראות פעילות בדפדפן זה</h2>
            <p>תזכורות למשימות יגיעו גם כשהאתר סגור.</p>
            <button type="button" className="button" disabled={push.busy} onClick={() => void push.disable()}>
              {push.busy ? 'מבטל…' : 'ביטול התראות'}
            </button>
          </>
        )}

        <p role="alert" className="form-error">
          {push.error}
        </p>
      </div>
    </section>
  );
}
