import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError } from '../../api/client';
import type { AccountLinkIssued, AdminUser, Role } from '../../api/contracts';
import { ErrorState, LoadingState } from '../../ui/StatusViews';
import { FEATURE_LABELS, fetchAdminUsers, fetchBusinessFeatures, adminKeys } from '../settings/adminApi';
import {
  disableUser,
  enableUser,
  fetchInvitations,
  issuePasswordReset,
  revokeInvitation,
  ROLE_LABELS,
  sendInvitationSms,
  setUserRole,
  STATUS_LABELS,
  usersKeys,
} from './usersApi';
import { InviteDialog } from './InviteDialog';
import { CopyableLink } from './CopyableLink';
import '../settings/Settings.css';
import './Users.css';

function message(error: unknown): string {
  if (error instanceof ApiError) return error.detail ? `${error.title} ${error.detail}` : error.title;
  return 'הפעולה נכשלה. נסו שוב.';
}

/** The business's users (role, status, features) and open invitations, for admins. */
export function UsersPage() {
  const queryClient = useQueryClient();
  const users = useQuery({ queryKey: usersKeys.users, queryFn: ({ signal }) => fetchAdminUsers(signal) });
  const invitations = useQuery({ queryKey: usersKeys.invitations, queryFn: ({ signal }) => fetchInvitations(signal) });
  const features = useQuery({ queryKey: adminKeys.features, queryFn: ({ signal }) => fetchBusinessFeatures(signal) });
  const [inviting, setInviting] = useState(false);
  const [resetLink, setResetLink] = useState<{ name: string; link: AccountLinkIssued } | null>(null);

  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: usersKeys.users });
    void queryClient.invalidateQueries({ queryKey: usersKeys.invitations });
  };
  const change = useMutation({
    mutationFn: async (action: () => Promise<unknown>) => action(),
    onSuccess: refresh,
  });
  const reset = useMutation({
    mutationFn: (user: AdminUser) => issuePasswordReset(user.id).then((link) => ({ name: user.displayName, link })),
    onSuccess: setResetLink,
  });

  return (
    <section className="page settings-page users-page" aria-labelledby="users-title">
      <h1 id="users-title">משתמשים</h1>
      <p className="page__lead">מי עובד במערכת, באיזה תפקיד ועם אילו תכונות. הזמנת משתמשים חדשים בקישור חד-פעמי.</p>
      <div className="users-page__actions">
        <button type="button" className="button button--primary" onClick={() => setInviting(true)} disabled={!features.data}>
          הזמנת משתמש
        </button>
      </div>
      {(change.isError || reset.isError) && (
        <p role="alert" className="field__error">
          {message(change.error ?? reset.error)}
        </p>
      )}
      {resetLink && (
        <div className="card">
          <h2>קישור לאיפוס סיסמה עבור {resetLink.name}</h2>
          <CopyableLink url={resetLink.link.url} label="קישור האיפוס" />
          <button type="button" className="button" onClick={() => setResetLink(null)}>
            סגירה
          </button>
        </div>
      )}

      <div className="card">
        <h2>משתמשי העסק</h2>
        {users.isPending ? (
          <LoadingState message="טוען משתמשים…" />
        ) : users.isError ? (
          <ErrorState title="לא הצלחנו לטעון את המשתמשים" onRetry={() => void users.refetch()} />
        ) : (
          <table className="data-table users-table">
            <thead>
              <tr>
                <th scope="col">שם</th>
                <th scope="col">אימייל</th>
                <th scope="col">תפקיד</th>
                <th scope="col">מצב</th>
                <th scope="col">תכונות</th>
                <th scope="col">פעולות</th>
              </tr>
            </thead>
            <tbody>
              {users.data.map((user) => (
                <tr key={user.id} data-testid={`user-row-${user.email}`}>
                  <td>{user.displayName}</td>
                  <td dir="ltr">{user.email}</td>
                  <td>
                    <select
                      aria-label={`תפקיד של ${user.displayName}`}
                      value={user.role}
                      disabled={change.isPending}
                      onChange={(e) => change.mutate(() => setUserRole(user.id, e.target.value as Role))}
                    >
                      {Object.entries(ROLE_LABELS).map(([role, label]) => (
                        <option key={role} value={role}>
                          {label}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td data-testid="user-status">{STATUS_LABELS[user.status ?? 'active'] ?? user.status}</td>
                  <td>{user.effectiveFeatures.map((f) => FEATURE_LABELS[f] ?? f).join(', ') || '—'}</td>
                  <td className="users-table__actions">
                    {user.status === 'disabled' ? (
                      <button type="button" className="button" onClick={() => change.mutate(() => enableUser(user.id))}>
                        הפעלה
                      </button>
                    ) : (
                      <>
                        <button type="button" className="button" onClick={() => change.mutate(() => disableUser(user.id))}>
                          השבתה
                        </button>
                        <button type="button" className="button" onClick={() => reset.mutate(user)}>
                          קישור לאיפוס סיסמה
                        </button>
                      </>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>

      <div className="card">
        <h2>הזמנות פתוחות</h2>
        {invitations.isPending ? (
          <LoadingState message="טוען הזמנות…" />
        ) : invitations.isError ? (
          <ErrorState title="לא הצלחנו לטעון את ההזמנות" onRetry={() => void invitations.refetch()} />
        ) : invitations.data.length === 0 ? (
          <p className="settings-page__hint">אין הזמנות פתוחות.</p>
        ) : (
          <ul className="invitations">
            {invitations.data.map((invitation) => (
              <li key={invitation.id}>
                <span dir="ltr">{invitation.email ?? invitation.phone}</span> · {ROLE_LABELS[invitation.role]} · בתוקף עד{' '}
                {new Date(invitation.expiresAt).toLocaleDateString('he-IL')}
                {invitation.phone && (
                  <button type="button" className="button" onClick={() => change.mutate(() => sendInvitationSms(invitation.id))}>
                    שליחה ב-SMS
                  </button>
                )}
                <button type="button" className="button" onClick={() => change.mutate(() => revokeInvitation(invitation.id))}>
                  ביטול
                </button>
              </li>
            ))}
          </ul>
        )}
      </div>

      {inviting && features.data && (
        <InviteDialog
          plan={features.data.enabled}
          onClose={() => {
            setInviting(false);
            refresh();
          }}
        />
      )}
    </section>
  );
}
