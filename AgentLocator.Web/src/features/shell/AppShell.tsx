import { useEffect, useRef, useState, type RefObject } from 'react';
import { NavLink, Outlet, useLocation, useNavigate } from 'react-router-dom';
import { useAuth } from '../auth/AuthProvider';
import { ErrorState, LoadingState } from '../../ui/StatusViews';
import { useFocusTrap } from '../../ui/useFocusTrap';
import { useMe } from './useMe';
import { isFeatureEnabled, visibleMenuItems, visibleNavItems } from './navigation';
import { ConnectionStatus } from '../../realtime';
import { DueAlertsProvider } from '../tasks/DueAlertsProvider';
import { NotificationsBanner } from '../notifications/NotificationsBanner';
import { DEFAULT_TIME_ZONE } from '../../time/zonedTime';
import { AccountMenu } from '../account/AccountMenu';
import { HeaderSearch } from './HeaderSearch';
import { UserMenu } from './UserMenu';
import { SHELL_TEXT } from './shellText';
import { useWhatsAppUnread } from '../whatsapp/useWhatsAppUnread';
import './AppShell.css';

const NAV_ID = 'main-navigation';
const WHATSAPP_PATH = '/whatsapp';

/** Mounted only while the phone drawer is open: focus stays inside it and goes back to the menu button after. */
function DrawerFocus({ drawer, initial }: { drawer: RefObject<HTMLElement | null>; initial: RefObject<HTMLElement | null> }) {
  useFocusTrap(drawer, initial);
  return null;
}

/**
 * Above the breakpoint (AppShell.css) the navigation is a column at the start side; below it, a drawer that slides in
 * from the start side (the right, in Hebrew), opened by the menu button in the header. A drawer rather than a bottom
 * bar: the areas a business has depend on its plan (up to eight, more as modules land), and a drawer holds any number
 * in the same order as the desktop column, where a bottom bar would have to pick four and hide the rest.
 */
export function AppShell() {
  const { logout } = useAuth();
  const navigate = useNavigate();
  const me = useMe();
  const unreadWhatsApp = useWhatsAppUnread(Boolean(me.data && isFeatureEnabled('whatsapp', me.data.features)));
  const [drawerOpen, setDrawerOpen] = useState(false);
  const drawer = useRef<HTMLElement>(null);
  const closeButton = useRef<HTMLButtonElement>(null);
  const menuButton = useRef<HTMLButtonElement>(null);
  const wasOpen = useRef(false);
  const { pathname } = useLocation();

  useEffect(() => setDrawerOpen(false), [pathname]);
  // Closing the drawer (Escape, the close button, the backdrop, a link) puts focus back on the menu button.
  useEffect(() => {
    if (wasOpen.current && !drawerOpen) menuButton.current?.focus();
    wasOpen.current = drawerOpen;
  }, [drawerOpen]);

  async function handleLogout() {
    await logout();
    navigate('/login', { replace: true });
  }

  if (me.isPending) {
    return <LoadingState message={SHELL_TEXT.loadingAccount} fullPage />;
  }
  if (me.isError) {
    return (
      <main className="shell-error">
        <ErrorState title={SHELL_TEXT.accountError} onRetry={() => void me.refetch()}>
          <p>{SHELL_TEXT.accountErrorHint}</p>
        </ErrorState>
      </main>
    );
  }

  const { user, business, features } = me.data;

  return (
    <DueAlertsProvider timeZone={business.timeZone || DEFAULT_TIME_ZONE}>
      <div className="shell" data-drawer={drawerOpen ? 'open' : 'closed'}>
        <header className="shell__header" inert={drawerOpen}>
          <button
            ref={menuButton}
            type="button"
            className="shell__menu-button"
            aria-label={SHELL_TEXT.openMenu}
            aria-expanded={drawerOpen}
            aria-controls={NAV_ID}
            onClick={() => setDrawerOpen(true)}
          >
            <svg viewBox="0 0 24 24" aria-hidden="true" focusable="false">
              <path d="M4 6h16M4 12h16M4 18h16" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
            </svg>
          </button>
          <div className="shell__brand">
            <span className="shell__logo" aria-hidden="true">AL</span>
            <span className="shell__business" data-testid="business-name">
              {business.name}
            </span>
          </div>
          {isFeatureEnabled('crm', features) && <HeaderSearch />}
          <div className="shell__account">
            <ConnectionStatus />
            <AccountMenu />
            <UserMenu displayName={user.displayName} items={visibleMenuItems(me.data)} onLogout={() => void handleLogout()} />
          </div>
        </header>

        {drawerOpen && <div className="shell__backdrop" aria-hidden="true" onClick={() => setDrawerOpen(false)} />}
        {drawerOpen && <DrawerFocus drawer={drawer} initial={closeButton} />}
        <nav
          ref={drawer}
          id={NAV_ID}
          className="shell__nav"
          aria-label={SHELL_TEXT.mainNav}
          onKeyDown={(event) => {
            if (event.key === 'Escape' && drawerOpen) setDrawerOpen(false);
          }}
        >
          <button
            ref={closeButton}
            type="button"
            className="shell__drawer-close"
            aria-label={SHELL_TEXT.closeMenu}
            onClick={() => setDrawerOpen(false)}
          >
            <svg viewBox="0 0 24 24" aria-hidden="true" focusable="false">
              <path d="M6 6l12 12M18 6 6 18" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
            </svg>
          </button>
          <ul>
            <li>
              <NavLink to="/" end>
                {SHELL_TEXT.home}
              </NavLink>
            </li>
            {visibleNavItems(features).map((item) => (
              <li key={item.path}>
                <NavLink to={item.path}>
                  {item.label}
                  {item.path === WHATSAPP_PATH && unreadWhatsApp > 0 && ' '}
                  {item.path === WHATSAPP_PATH && unreadWhatsApp > 0 && (
                    <span className="shell__nav-badge" data-testid="nav-whatsapp-unread">
                      <span aria-hidden="true">{unreadWhatsApp}</span>
                      <span className="visually-hidden">{SHELL_TEXT.unreadWhatsApp(unreadWhatsApp)}</span>
                    </span>
                  )}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>

        <main className="shell__main" id="main-content" inert={drawerOpen}>
          <NotificationsBanner />
          <Outlet />
        </main>
      </div>
    </DueAlertsProvider>
  );
}
