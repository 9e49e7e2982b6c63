import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { useMe } from '../shell/useMe';

/** The API answers 403 to agents anyway; this says so plainly instead of showing a broken page. */
export function AdminRoute({ children }: { children: ReactNode }) {
  const { data } = useMe();
  if (!data) return null;
  if (data.user.role !== 'admin') {
    return (
      <section className="page" aria-labelledby="admin-only-title">
        <h1 id="admin-only-title">הדף מיועד למנהלים בלבד</h1>
        <p className="page__lead">ההגדרות האלה זמינות רק למנהלי החשבון בעסק.</p>
        <p>
          <Link to="/">חזרה לדף הראשי</Link>
        </p>
      </section>
    );
  }
  return <>{children}</>;
}
