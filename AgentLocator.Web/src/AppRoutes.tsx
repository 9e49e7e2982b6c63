import { lazy, Suspense, type ReactNode } from 'react';
import { Route, Routes } from 'react-router-dom';
import { LoginPage } from './features/auth/LoginPage';
import { RequireAuth } from './features/auth/RequireAuth';
import { AppShell } from './features/shell/AppShell';
import { HomePage } from './features/home/HomePage';
import { FeatureRoute } from './features/shell/FeatureRoute';
import { NAV_ITEMS, USER_MENU_ITEMS, type NavItem } from './features/shell/navigation';
import { ComingSoonPage } from './features/placeholders/ComingSoonPage';
import { NotFoundPage } from './features/placeholders/NotFoundPage';
import { CustomersRoutes } from './features/customers/CustomersRoutes';
import { AdminRoute } from './features/settings/AdminRoute';
import { FeatureSettingsPage } from './features/settings/FeatureSettingsPage';
import { TasksRoutes } from './features/tasks/TasksRoutes';
import { NotificationSettingsPage } from './features/notifications/NotificationSettingsPage';
import { LoadingState } from './ui/StatusViews';
import { AccountLinkPage } from './features/account/AccountLinkPage';
import { UsersPage } from './features/users/UsersPage';

// Loaded on first visit, which keeps the first download small for users who never open them.
const CallsRoutes = lazy(() => import('./features/calls/CallsRoutes').then((m) => ({ default: m.CallsRoutes })));
const WhatsAppRoutes = lazy(() =>
  import('./features/whatsapp/WhatsAppRoutes').then((m) => ({ default: m.WhatsAppRoutes })),
);
const AuditLogPage = lazy(() => import('./features/audit/AuditLogPage').then((m) => ({ default: m.AuditLogPage })));
const InvoicesRoutes = lazy(() => import('./features/invoices/InvoicesRoutes').then((m) => ({ default: m.InvoicesRoutes })));
const SignaturesRoutes = lazy(() =>
  import('./features/signatures/SignaturesRoutes').then((m) => ({ default: m.SignaturesRoutes })),
);
const SignPage = lazy(() => import('./features/signatures/SignPage').then((m) => ({ default: m.SignPage })));
const VerifyPage = lazy(() => import('./features/signatures/VerifyPage').then((m) => ({ default: m.VerifyPage })));
const ContractsRoutes = lazy(() => import('./features/contracts/ContractsRoutes').then((m) => ({ default: m.ContractsRoutes })));
const CallSettingsPage = lazy(() =>
  import('./features/settings/CallSettingsPage').then((m) => ({ default: m.CallSettingsPage })),
);

function Lazy({ children }: { children: ReactNode }) {
  return <Suspense fallback={<LoadingState message="טוען…" />}>{children}</Suspense>;
}

/**
 * The page of each path in navigation.ts (the side navigation and the user menu): one line per page. A nav item
 * without a page here shows "coming soon"; the item's feature and admin-only flag guard its route.
 */
const PAGES: Partial<Record<string, ReactNode>> = {
  '/customers': <CustomersRoutes />,
  '/calls': (
    <Lazy>
      <CallsRoutes />
    </Lazy>
  ),
  '/tasks': <TasksRoutes />,
  '/whatsapp': (
    <Lazy>
      <WhatsAppRoutes />
    </Lazy>
  ),
  '/contracts': (
    <Lazy>
      <ContractsRoutes />
    </Lazy>
  ),
  '/invoices': (
    <Lazy>
      <InvoicesRoutes />
    </Lazy>
  ),
  '/signatures': (
    <Lazy>
      <SignaturesRoutes />
    </Lazy>
  ),
  '/settings/notifications': <NotificationSettingsPage />,
  '/settings/features': <FeatureSettingsPage />,
  '/settings/calls': (
    <Lazy>
      <CallSettingsPage />
    </Lazy>
  ),
  '/settings/users': <UsersPage />,
  '/settings/audit': (
    <Lazy>
      <AuditLogPage />
    </Lazy>
  ),
};

function guarded(item: NavItem, page: ReactNode) {
  const withFeature = <FeatureRoute feature={item.feature}>{page}</FeatureRoute>;
  return item.adminOnly ? <AdminRoute>{withFeature}</AdminRoute> : withFeature;
}

export function AppRoutes() {
  return (
    <Routes>
      <Route path="/login" element={<LoginPage />} />
      <Route path="/invite/:token" element={<AccountLinkPage />} />
      <Route path="/reset-password/:token" element={<AccountLinkPage />} />
      {/* The signer's page and the check of a signed PDF need no login. */}
      <Route
        path="/sign/:token"
        element={
          <Lazy>
            <SignPage />
          </Lazy>
        }
      />
      <Route
        path="/verify"
        element={
          <Lazy>
            <VerifyPage />
          </Lazy>
        }
      />
      <Route element={<RequireAuth />}>
        <Route element={<AppShell />}>
          <Route index element={<HomePage />} />
          {NAV_ITEMS.map((item) => (
            <Route
              key={item.path}
              path={`${item.path}/*`}
              element={guarded(item, PAGES[item.path] ?? <ComingSoonPage title={item.label} />)}
            />
          ))}
          {USER_MENU_ITEMS.map((item) => (
            <Route key={item.path} path={item.path} element={guarded(item, PAGES[item.path] ?? <NotFoundPage />)} />
          ))}
          <Route path="*" element={<NotFoundPage />} />
        </Route>
      </Route>
    </Routes>
  );
}
