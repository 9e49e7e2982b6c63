import { useEffect, useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { FeatureKey } from '../../api/contracts';
import { ErrorState, LoadingState } from '../../ui/StatusViews';
import { adminKeys, FEATURE_LABELS, fetchBusinessFeatures, saveBusinessFeatures } from './adminApi';
import { UserFeatureLimits } from './UserFeatureLimits';
import './Settings.css';

export function FeatureSettingsPage() {
  const queryClient = useQueryClient();
  const features = useQuery({ queryKey: adminKeys.features, queryFn: ({ signal }) => fetchBusinessFeatures(signal) });
  const [enabled, setEnabled] = useState<FeatureKey[]>([]);
  const save = useMutation({
    mutationFn: saveBusinessFeatures,
    onSuccess: (saved) => {
      queryClient.setQueryData(adminKeys.features, saved);
      // The nav and every feature gate read /api/me; the users' effective features changed too.
      void queryClient.invalidateQueries({ queryKey: ['me'] });
      void queryClient.invalidateQueries({ queryKey: adminKeys.users });
    },
  });

  useEffect(() => {
    if (features.data) setEnabled(features.data.enabled);
  }, [features.data]);

  function submit(event: FormEvent) {
    event.preventDefault();
    save.mutate(enabled);
  }

  function toggle(feature: FeatureKey, on: boolean) {
    setEnabled((current) => (on ? [...current, feature] : current.filter((f) => f !== feature)));
  }

  return (
    <section className="page settings-page" aria-labelledby="settings-title">
      <h1 id="settings-title">הגדרות: תכונות</h1>
      <p className="page__lead">אילו מתכונות החבילה פעילות בעסק, ולאילו מהן כל משתמש ניגש.</p>

      <div className="card">
        <h2>תכונות החבילה</h2>
        {features.isPending ? (
          <LoadingState message="טוען את תכונות החבילה…" />
        ) : features.isError ? (
          <ErrorState title="לא הצלחנו לטעון את תכונות החבילה" onRetry={() => void features.refetch()} />
        ) : (
          <form onSubmit={submit}>
            <fieldset className="settings-page__features">
              <legend>תכונות פעילות בעסק</legend>
              {features.data.plan.map((feature) => (
                <label key={feature} className="checkbox">
                  <input
                    type="checkbox"
                    checked={enabled.includes(feature)}
                    onChange={(event) => toggle(feature, event.target.checked)}
                  />
                  {FEATURE_LABELS[feature] ?? feature}
                </label>
              ))}
            </fieldset>
            <button type="submit" className="button button--primary" disabled={save.isPending}>
              {save.isPending ? 'שומר…' : 'שמירת תכונות'}
            </button>
            <p role="status" aria-live="polite" className="settings-page__message">
              {save.isSuccess && 'התכונות נשמרו.'}
              {save.isError && 'השמירה נכשלה. נסו שוב.'}
            </p>
          </form>
        )}
      </div>

      {features.data && <UserFeatureLimits plan={features.data.enabled} />}
    </section>
  );
}
