import { useState } from 'react';
import { api } from '../../api/client';

/**
 * The Orleans dashboard is a separate page that cannot send our bearer token, so the API first grants this
 * browser a short cookie scoped to /dashboard. The tab is opened inside the click (before the await) because
 * browsers block windows opened later.
 */
export function OrleansDashboardLink() {
  const [failed, setFailed] = useState(false);

  async function open() {
    setFailed(false);
    const tab = window.open('about:blank', '_blank');
    try {
      await api.post('/api/auth/dashboard-cookie');
      if (tab) {
        tab.location.href = '/dashboard/';
      } else {
        window.location.href = '/dashboard/';
      }
    } catch {
      tab?.close();
      setFailed(true);
    }
  }

  return (
    <>
      <button type="button" className="shell__nav-action" onClick={() => void open()}>
        לוח Orleans
      </button>
      {failed && <p role="alert" className="shell__nav-error">לא ניתן לפתוח את לוח Orleans כרגע.</p>}
    </>
  );
}
