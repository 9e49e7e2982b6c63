import { Link } from 'react-router-dom';

export function NotFoundPage() {
  return (
    <section className="page" aria-labelledby="not-found-title">
      <h1 id="not-found-title">הדף לא נמצא</h1>
      <p className="page__lead">הכתובת שביקשת אינה קיימת במערכת. ייתכן שהקישור שגוי או שהדף הוסר.</p>
      <p>
        <Link to="/">חזרה לדף הראשי</Link>
      </p>
    </section>
  );
}
