import { useState } from 'react';
import { Link, useLocation } from 'react-router-dom';
import { notificationPermission } from './pushSubscription';
import { usePushState } from './usePushState';
import './Notifications.css';

const DISMISSED_KEY = 'al-notifications-banner-dismissed';

function wasDismissed(): boolean {
  try {
    return localStorage.getItem(DISMISSED_KEY) === '1';
  } catch {
    return false;
  }
}

/** Offered once per browser while the user has never been asked; the prompt itself only follows a click. */
export function NotificationsBanner() {
  const [hidden, setHidden] = useState(() => wasDismissed() || notificationPermission() !== 'default');
  // The settings page has the same button; one is enough.
  const onSettingsPage = useLocation().pathname === '/settings/notifications';
  if (hidden || onSettingsPage) return null;
  return <BannerContent onHide={() => setHidden(true)} />;
}

function BannerContent({ onHide }: { onHide: () => void }) {
  const push = usePushState();

  function dismiss() {
    try {
      localStorage.setItem(DISMISSED_KEY, '1');
    } catch {
      // Private mode: the banner comes back next visit, which is harmless.
    }
    onHide();
  }

  if (push.state !== 'default') return null;
  return (
    <aside className="notifications-banner" aria-label="התראות דפדפן">
      <p>
        רוצים לקבל תזכורות למשימות גם כשהאתר סגור? <Link to="/settings/notifications">פרטים</Link>
      </p>
      <div className="notifications-banner__actions">
        <button type="button" className="button button--primary" disabled={push.busy} onClick={() => void push.enable()}>
          הפעלת התראות
        </button>
        <button type="button" className="button" onClick={dismiss}>
          לא עכשיו
        </button>
      </div>
      <p role="alert" className="form-error">
        {push.error}
      </p>
    </aside>
  );
}
