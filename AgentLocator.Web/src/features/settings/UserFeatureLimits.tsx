import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { AdminUser, FeatureKey } from '../../api/contracts';
import { ErrorState, LoadingState } from '../../ui/StatusViews';
import { adminKeys, FEATURE_LABELS, fetchAdminUsers, saveUserFeatures } from './adminApi';
import { Ltr } from '../../ui/Ltr';

function UserRow({ user, plan }: { user: AdminUser; plan: FeatureKey[] }) {
  const queryClient = useQueryClient();
  const [limits, setLimits] = useState<FeatureKey[] | null>(user.featureLimits);
  const save = useMutation({
    mutationFn: () => saveUserFeatures(user.id, limits),
    onSuccess: (saved) => {
      queryClient.setQueryData<AdminUser[]>(adminKeys.users, (users) =>
        users?.map((u) => (u.id === saved.id ? saved : u)),
      );
      void queryClient.invalidateQueries({ queryKey: ['me'] });
    },
  });
  const groupName = `limits-${user.id}`;

  return (
    <tr>
      <th scope="row">
        {user.displayName}
        <div className="muted">
          <Ltr className="ltr--wraps">{user.email}</Ltr> · {user.role === 'admin' ? 'מנהל' : 'סוכן'}
        </div>
      </th>
      <td>
        <fieldset className="user-limits">
          <legend className="visually-hidden">הרשאות עבור {user.displayName}</legend>
          <label className="checkbox">
            <input type="radio" name={groupName} checked={limits === null} onChange={() => setLimits(null)} />
            כל החבילה
          </label>
          <label className="checkbox">
            <input
              type="radio"
              name={groupName}
              checked={limits !== null}
              onChange={() => setLimits(user.effectiveFeatures.filter((f) => plan.includes(f)))}
            />
            תכונות נבחרות
          </label>
          {limits !== null && (
            <div className="user-limits__features">
              {plan.map((feature) => (
                <label key={feature} className="checkbox">
                  <input
                    type="checkbox"
                    checked={limits.includes(feature)}
                    onChange={(event) =>
                      setLimits(event.target.checked ? [...limits, feature] : limits.filter((f) => f !== feature))
                    }
                  />
                  {FEATURE_LABELS[feature] ?? feature}
                </label>
              ))}
            </div>
          )}
        </fieldset>
      </td>
      <td>
        <button
          type="button"
          className="button"
          disabled={save.isPending}
          onClick={() => save.mutate()}
          aria-label={`שמירה: הרשאות ${user.displayName}`}
        >
          שמירה
        </button>
        <p role="status" aria-live="polite" className="muted">
          {save.isSuccess && 'נשמר'}
          {save.isError && 'השמירה נכשלה'}
        </p>
      </td>
    </tr>
  );
}

export function UserFeatureLimits({ plan }: { plan: FeatureKey[] }) {
  const users = useQuery({ queryKey: adminKeys.users, queryFn: ({ signal }) => fetchAdminUsers(signal) });
  return (
    <div className="card">
      <h2>הרשאות משתמשים</h2>
      {users.isPending ? (
        <LoadingState message="טוען משתמשים…" />
      ) : users.isError ? (
        <ErrorState title="לא הצלחנו לטעון את המשתמשים" onRetry={() => void users.refetch()} />
      ) : (
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">משתמש</th>
              <th scope="col">תכונות זמינות</th>
              <th scope="col">
                <span className="visually-hidden">פעולות</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {users.data.map((user) => (
              <UserRow key={user.id} user={user} plan={plan} />
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
