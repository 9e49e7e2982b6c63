import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import { MemoryRouter, useLocation } from 'react-router-dom';
import { AuthProvider } from '../features/auth/AuthProvider';
import { AppRoutes } from '../AppRoutes';
import { RealtimeProvider } from '../realtime';
import { createFakeRealtime, type FakeRealtime } from './fakeRealtime';

/** Exposes the router's current path (and query, for state kept in the URL) so tests can assert them. */
function LocationProbe() {
  const location = useLocation();
  return (
    <>
      <output data-testid="location">{location.pathname}</output>
      <output data-testid="location-search">{location.search}</output>
    </>
  );
}

/** Renders the whole app at `path`, with a fake real-time connection the test can push events through. */
export function renderApp(path: string, { realtime = createFakeRealtime() }: { realtime?: FakeRealtime } = {}) {
  const queryClient = new QueryClient({
    defaultOptions: { queries: { retryDelay: 0 } },
  });
  const view = render(
    <QueryClientProvider client={queryClient}>
      <MemoryRouter initialEntries={[path]}>
        <AuthProvider>
          <RealtimeProvider client={realtime}>
            <AppRoutes />
            <LocationProbe />
          </RealtimeProvider>
        </AuthProvider>
      </MemoryRouter>
    </QueryClientProvider>,
  );
  return Object.assign(view, { realtime, queryClient });
}
