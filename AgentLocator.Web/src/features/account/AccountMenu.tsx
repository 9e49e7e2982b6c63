import { useState, type FormEvent } from 'react';
import { useMutation } from '@tanstack/react-query';
import { ApiError } from '../../api/client';
import { changePassword, MIN_PASSWORD_LENGTH, signOutOtherSessions } from './accountApi';
import '../users/Users.css';

function problemText(error: unknown): string {
  if (!(error instanceof ApiError)) return 'הפעולה נכשלה. נסו שוב.';
  if (error.errors) return Object.values(error.errors).flat().join(' ');
  return error.title;
}

/** The user's own account in the header: change the password, sign out every other session. */
export function AccountMenu() {
  const [open, setOpen] = useState(false);
  const [changing, setChanging] = useState(false);
  const others = useMutation({ mutationFn: signOutOtherSessions });

  return (
    <div className="account-menu">
      <button type="button" className="button" aria-expanded={open} onClick={() => setOpen((value) => !value)}>
        החשבון שלי
      </button>
      {open && (
        <div className="account-menu__panel card" role="menu">
          <button type="button" role="menuitem" className="button" onClick={() => setChanging(true)}>
            שינוי סיסמה
          </button>
          <button type="button" role="menuitem" className="button" disabled={others.isPending} onClick={() => others.mutate()}>
            יציאה מכל שאר המכשירים
          </button>
          <p role="status" aria-live="polite">
            {others.isSuccess && `נותקו ${others.data.ended} חיבורים אחרים.`}
            {others.isError && problemText(others.error)}
          </p>
        </div>
      )}
      {changing && <ChangePasswordDialog onClose={() => setChanging(false)} />}
    </div>
  );
}

function ChangePasswordDialog({ onClose }: { onClose: () => void }) {
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [error, setError] = useState<string | null>(null);
  const change = useMutation({ mutationFn: () => changePassword(current, next), onError: (e) => setError(problemText(e)) });

  function submit(event: FormEvent) {
    event.preventDefault();
    if (next.length < MIN_PASSWORD_LENGTH) return setError(`הסיסמה החדשה חייבת להכיל לפחות ${MIN_PASSWORD_LENGTH} תווים.`);
    setError(null);
    change.mutate();
  }

  return (
    <div className="dialog-backdrop">
      <section className="dialog card" role="dialog" aria-modal="true" aria-labelledby="password-title">
        <h2 id="password-title">שינוי סיסמה</h2>
        {change.isSuccess ? (
          <>
            <p role="status">הסיסמה שונתה. שאר המכשירים נותקו.</p>
            <button type="button" className="button button--primary" onClick={onClose}>
              סגירה
            </button>
          </>
        ) : (
          <form onSubmit={submit} noValidate>
            <div className="field">
              <label htmlFor="current-password">הסיסמה הנוכחית</label>
              <input id="current-password" type="password" dir="ltr" value={current} onChange={(e) => setCurrent(e.target.value)} autoComplete="current-password" />
            </div>
            <div className="field">
              <label htmlFor="new-password">סיסמה חדשה (לפחות {MIN_PASSWORD_LENGTH} תווים)</label>
              <input id="new-password" type="password" dir="ltr" value={next} onChange={(e) => setNext(e.target.value)} autoComplete="new-password" />
            </div>
            <p role="alert" className="field__error">
              {error}
            </p>
            <div className="dialog__actions">
              <button type="submit" className="button button--primary" disabled={change.isPending}>
                {change.isPending ? 'שומר…' : 'שמירה'}
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
