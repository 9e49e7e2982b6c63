import { useState, type FormEvent } from 'react';
import { Navigate, useLocation, useNavigate, type Location } from 'react-router-dom';
import { useAuth } from './AuthProvider';
import { loginErrorMessage } from './loginErrorMessage';
import { LoadingState } from '../../ui/StatusViews';
import './LoginPage.css';

export function LoginPage() {
  const { status, login } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const from = (location.state as { from?: Location } | null)?.from;
  const destination = from ? `${from.pathname}${from.search}${from.hash}` : '/';

  if (status === 'restoring') {
    return <LoadingState message="בודק את פרטי ההתחברות…" fullPage />;
  }
  if (status === 'authenticated' && !submitting) {
    return <Navigate to={destination} replace />;
  }

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSubmitting(true);
    setError(null);
    try {
      await login(email.trim(), password);
      navigate(destination, { replace: true });
    } catch (failure) {
      setError(loginErrorMessage(failure));
      setSubmitting(false);
    }
  }

  return (
    <main className="login">
      <form className="login__card" onSubmit={handleSubmit} aria-labelledby="login-title" noValidate>
        <h1 id="login-title" className="login__title">
          כניסה ל-AgentLocator
        </h1>
        <p className="login__subtitle">ניהול לקוחות ומענה טלפוני חכם לעסק שלך</p>

        <div className="field">
          <label htmlFor="login-email">אימייל</label>
          <input
            id="login-email"
            name="email"
            type="email"
            dir="ltr"
            autoComplete="username"
            required
            value={email}
            onChange={(e) => setEmail(e.target.value)}
          />
        </div>

        <div className="field">
          <label htmlFor="login-password">סיסמה</label>
          <input
            id="login-password"
            name="password"
            type="password"
            dir="ltr"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </div>

        {/* Always rendered so screen readers are already watching it when the message appears. */}
        <p className="login__error" role="alert" aria-live="assertive">
          {error}
        </p>

        <button type="submit" className="button button--primary login__submit" disabled={submitting}>
          {submitting ? 'מתחבר…' : 'כניסה'}
        </button>
      </form>
    </main>
  );
}
