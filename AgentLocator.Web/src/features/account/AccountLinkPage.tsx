import { useEffect, useState, type FormEvent } from 'react';
import type { AccountLink } from '../../api/contracts';
import { useNavigate, useParams } from 'react-router-dom';
import { ApiError } from '../../api/client';
import { ErrorState, LoadingState } from '../../ui/StatusViews';
import { signInWith } from '../auth/session';
import { acceptAccountLink, fetchAccountLink, MIN_PASSWORD_LENGTH } from './accountApi';
import '../auth/LoginPage.css';

type LinkState =
  | { isPending: true; isError: false; data?: undefined; error?: undefined }
  | { isPending: false; isError: true; data?: undefined; error: unknown }
  | { isPending: false; isError: false; data: AccountLink; error?: undefined };

/**
 * The link, read once. Not through the query cache: this page is open to signed-out visitors, and the auth
 * provider clears the cache when it finds no session, which would drop the answer in flight.
 */
function useAccountLink(token: string): LinkState {
  const [state, setState] = useState<LinkState>({ isPending: true, isError: false });
  useEffect(() => {
    const controller = new AbortController();
    fetchAccountLink(token, controller.signal).then(
      (data) => setState({ isPending: false, isError: false, data }),
      (error: unknown) => {
        if (!controller.signal.aborted) setState({ isPending: false, isError: true, error });
      },
    );
    return () => controller.abort();
  }, [token]);
  return state;
}

function problemText(error: unknown): string {
  if (!(error instanceof ApiError)) return 'אירעה שגיאה לא צפויה. נסו שוב.';
  if (error.isNetworkError) return 'אין חיבור לשרת. נסו שוב.';
  if (error.errors) return Object.values(error.errors).flat().join(' ');
  return error.detail ? `${error.title} ${error.detail}` : error.title;
}

/**
 * /invite/:token and /reset-password/:token: the person sets a password (and, when invited, a display name, and
 * the email to sign in with if the invitation went to a phone) and lands signed in.
 */
export function AccountLinkPage() {
  const { token = '' } = useParams();
  const navigate = useNavigate();
  const link = useAccountLink(token);
  const [displayName, setDisplayName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);

  if (link.isPending) return <LoadingState message="בודק את הקישור…" fullPage />;
  if (link.isError) {
    return (
      <main className="login">
        <ErrorState title={link.error instanceof ApiError && link.error.status === 404 ? 'הקישור אינו בתוקף' : 'לא הצלחנו לבדוק את הקישור'}>
          <p>{problemText(link.error)}</p>
        </ErrorState>
      </main>
    );
  }
  const isInvitation = link.data.kind === 'invitation';

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (password.length < MIN_PASSWORD_LENGTH) return setError(`הסיסמה חייבת להכיל לפחות ${MIN_PASSWORD_LENGTH} תווים.`);
    if (password !== confirm) return setError('שתי הסיסמאות אינן זהות.');
    setSubmitting(true);
    setError(null);
    try {
      const response = await acceptAccountLink(token, {
        password,
        displayName: isInvitation ? displayName.trim() : undefined,
        email: link.data?.needsEmail ? email.trim() : undefined,
      });
      signInWith(response);
      navigate('/', { replace: true });
    } catch (failure) {
      setError(problemText(failure));
      setSubmitting(false);
    }
  }

  return (
    <main className="login">
      <form className="login__card" onSubmit={submit} aria-labelledby="link-title" noValidate>
        <h1 id="link-title" className="login__title">
          {isInvitation ? `הצטרפות ל${link.data.businessName}` : 'בחירת סיסמה חדשה'}
        </h1>
        <p className="login__subtitle" dir="auto">
          {link.data.email ?? link.data.phone}
        </p>
        {isInvitation && (
          <div className="field">
            <label htmlFor="link-name">שם לתצוגה</label>
            <input id="link-name" required value={displayName} onChange={(e) => setDisplayName(e.target.value)} autoComplete="name" />
          </div>
        )}
        {link.data.needsEmail && (
          <div className="field">
            <label htmlFor="link-email">אימייל (לכניסה למערכת)</label>
            <input id="link-email" type="email" dir="ltr" required value={email} onChange={(e) => setEmail(e.target.value)} autoComplete="username" />
          </div>
        )}
        <div className="field">
          <label htmlFor="link-password">סיסמה (לפחות {MIN_PASSWORD_LENGTH} תווים)</label>
          <input id="link-password" type="password" dir="ltr" required value={password} onChange={(e) => setPassword(e.target.value)} autoComplete="new-password" />
        </div>
        <div className="field">
          <label htmlFor="link-confirm">אימות סיסמה</label>
          <input id="link-confirm" type="password" dir="ltr" required value={confirm} onChange={(e) => setConfirm(e.target.value)} autoComplete="new-password" />
        </div>
        <p className="login__error" role="alert" aria-live="assertive">
          {error}
        </p>
        <button type="submit" className="button button--primary login__submit" disabled={submitting}>
          {submitting ? 'שומר…' : isInvitation ? 'הצטרפות' : 'שמירת הסיסמה'}
        </button>
      </form>
    </main>
  );
}
