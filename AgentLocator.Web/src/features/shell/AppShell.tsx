import { NavLink, Outlet, useNavigate } from 'react-router-dom';
import { useAuth } from '../auth/AuthProvider';
import { ErrorState, LoadingState } from '../../ui/StatusViews';
import { useMe } from './useMe';
import { visibleNavItems } from './navigation';
import { ConnectionStatus } from '../../realtime';
import { DueAlertsProvider } from '../tasks/DueAlertsProvider';
import { NotificationsBanner } from '../notifications/NotificationsBanner';
import { DEFAULT_TIME_ZONE } from '../../time/zonedTime';
import { AccountMenu } from '../account/AccountMenu';
import './AppShell.css';

export function AppShell() {
  const { logout } = useAuth();
  const navigate = useNavigate();
  const me = useMe();

  async function handleLogout() {
    await logout();
    navigate('/login', { replace: true });
  }

  if (me.isPending) {
    return <LoadingState message="טוען את פרטי החשבון…" fullPage />;
  }
  if (me.isError) {
    return (
      <main className="shell-error">
        <ErrorState title="לא הצלחנו לטעון את פרטי החשבון" onRetry={() => void me.refetch()}>
          <p>ייתכן שהשרת אינו זמין כרגע. הנתונים שלך לא נפגעו.</p>
        </ErrorState>
      </main>
    );
  }

  const { user, business, features } = me.data;

  return (
    <DueAlertsProvider timeZone={business.timeZone || DEFAULT_TIME_ZONE}>
      <div className="shell">
        <header className="shell__header">
          <div className="shell__brand">
            <span className="shell__logo" aria-hidden="true">AL</span>
            <span className="shell__business" data-testid="business-name">{business.name}</span>
          </div>
          <div className="shell__account">
            <ConnectionStatus />
            <span className="shell__user" data-testid="user-display-name">{user.displayName}</span>
            <NavLink to="/settings/notifications" className="shell__settings-link">
              התראות
            </NavLink>
            <AccountMenu />
            <button type="button" className="button" onClick={() => void handleLogout()}>
              יציאה
            </button>
          </div>
        </header>

        <nav className="shell__nav" aria-label="ניווט ראשי">
          <ul>
            <li>
              <NavLink to="/" end>
                ראשי
              </NavLink>
            </li>
            {visibleNavItems(features).map((item) => (
              <li key={item.path}>
                <NavLink to={item.path}>{item.label}</NavLink>
              </li>
            ))}
          </ul>
          {user.role === 'admin' && (
            <div className="shell__nav-admin" aria-label="כלי מנהל">
              <ul>
                <li>
                  <NavLink to="/settings/features">הגדרות</NavLink>
                </li>
                <li>
                  <NavLink to="/settings/users">משתמשים</NavLink>
                </li>
                {features.includes('calls') && (
                  <li>
                    <NavLink to="/settings/calls">הגדרות מענה טלפוני</NavLink>
                  </li>
                )}
                <li>
                  <NavLink to="/settings/audit">יומן פעולות</NavLink>
                </li>
              </ul>
            </div>
          )}
        </nav>

        <main className="shell__main" id="main-content">
          <NotificationsBanner />
          <Outlet />
        </main>
      </div>
    </DueAlertsProvider>
  );
}
