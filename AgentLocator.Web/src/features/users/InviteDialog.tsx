import { useState, type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ApiError } from '../../api/client';
import type { FeatureKey, Invitation, Role } from '../../api/contracts';
import { FEATURE_LABELS } from '../settings/adminApi';
import { createInvitation, usersKeys } from './usersApi';
import { CopyableLink } from './CopyableLink';

function problemMessage(error: unknown): string {
  if (!(error instanceof ApiError)) return 'ההזמנה נכשלה. נסו שוב.';
  if (error.errors) return Object.values(error.errors).flat().join(' ');
  return error.detail ? `${error.title} ${error.detail}` : error.title;
}

/** Invite by email or phone, with a role and (optionally) a narrower set of the plan's features; shows the link once. */
export function InviteDialog({ plan, onClose }: { plan: FeatureKey[]; onClose: () => void }) {
  const queryClient = useQueryClient();
  const [email, setEmail] = useState('');
  const [phone, setPhone] = useState('');
  const [role, setRole] = useState<Role>('agent');
  const [limit, setLimit] = useState(false);
  const [features, setFeatures] = useState<FeatureKey[]>(plan);
  const [sendSms, setSendSms] = useState(false);
  const invite = useMutation({
    mutationFn: () =>
      createInvitation({
        email: email.trim() || undefined,
        phone: phone.trim() || undefined,
        role,
        features: limit ? features : null,
        sendSms,
      }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: usersKeys.invitations }),
  });
  const created: Invitation | undefined = invite.data;

  function submit(event: FormEvent) {
    event.preventDefault();
    invite.mutate();
  }

  return (
    <div className="dialog-backdrop">
      <section className="dialog card" role="dialog" aria-modal="true" aria-labelledby="invite-title">
        <h2 id="invite-title">הזמנת משתמש</h2>
        {created ? (
          <>
            {created.url && <CopyableLink url={created.url} label="קישור ההזמנה" />}
            {created.smsSent && <p role="status">ההזמנה נשלחה ב-SMS.</p>}
            {created.smsProblem && <p role="alert">ה-SMS לא נשלח: {created.smsProblem}</p>}
            <button type="button" className="button button--primary" onClick={onClose}>
              סגירה
            </button>
          </>
        ) : (
          <form onSubmit={submit} noValidate>
            <div className="field">
              <label htmlFor="invite-email">אימייל</label>
              <input id="invite-email" type="email" dir="ltr" value={email} onChange={(e) => setEmail(e.target.value)} />
            </div>
            <div className="field">
              <label htmlFor="invite-phone">טלפון (לשליחה ב-SMS)</label>
              <input id="invite-phone" type="tel" dir="ltr" value={phone} onChange={(e) => setPhone(e.target.value)} />
            </div>
            <div className="field">
              <label htmlFor="invite-role">תפקיד</label>
              <select id="invite-role" value={role} onChange={(e) => setRole(e.target.value as Role)}>
                <option value="agent">סוכן/ת</option>
                <option value="admin">מנהל/ת</option>
              </select>
            </div>
            <label className="checkbox">
              <input type="checkbox" checked={limit} onChange={(e) => setLimit(e.target.checked)} />
              הגבלת התכונות של המשתמש
            </label>
            {limit && (
              <fieldset className="settings-page__features">
                <legend>תכונות זמינות למשתמש</legend>
                {plan.map((feature) => (
                  <label key={feature} className="checkbox">
                    <input
                      type="checkbox"
                      checked={features.includes(feature)}
                      onChange={(e) =>
                        setFeatures((current) => (e.target.checked ? [...current, feature] : current.filter((f) => f !== feature)))
                      }
                    />
                    {FEATURE_LABELS[feature] ?? feature}
                  </label>
                ))}
              </fieldset>
            )}
            <label className="checkbox">
              <input type="checkbox" checked={sendSms} onChange={(e) => setSendSms(e.target.checked)} />
              שליחת הקישור ב-SMS
            </label>
            <p role="alert" className="field__error">
              {invite.isError && problemMessage(invite.error)}
            </p>
            <div className="dialog__actions">
              <button type="submit" className="button button--primary" disabled={invite.isPending}>
                {invite.isPending ? 'יוצר הזמנה…' : 'יצירת הזמנה'}
              </button>
              <button type="button" className="button" onClick={onClose}>
                ביטול
              </button>
            </div>
          </form>
        )}
      </section>
    </div>
  );
}
