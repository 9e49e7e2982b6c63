import { createContext, useContext, useEffect, useMemo, useSyncExternalStore, type ReactNode } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { User } from '../../api/contracts';
import {
  getSessionState,
  login,
  logout,
  restoreSession,
  subscribeToSession,
  type SessionStatus,
} from './session';

export interface AuthContextValue {
  status: SessionStatus;
  user: User | null;
  login(email: string, password: string): Promise<User>;
  logout(): Promise<void>;
}

const AuthContext = createContext<AuthContextValue | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const { status, user } = useSyncExternalStore(subscribeToSession, getSessionState);
  const queryClient = useQueryClient();

  useEffect(() => {
    void restoreSession();
  }, []);

  // Cached server data belongs to the user who fetched it; never show it to the next one.
  useEffect(() => {
    if (status === 'anonymous') queryClient.clear();
  }, [status, queryClient]);

  const value = useMemo<AuthContextValue>(() => ({ status, user, login, logout }), [status, user]);
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthContextValue {
  const value = useContext(AuthContext);
  if (!value) throw new Error('useAuth must be used inside <AuthProvider>');
  return value;
}
