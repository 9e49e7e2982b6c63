/** Stands in for an area whose screens have not been built yet, and says so. */
export function ComingSoonPage({ title }: { title: string }) {
  return (
    <section className="page" aria-labelledby="coming-soon-title">
      <h1 id="coming-soon-title">{title}</h1>
      <div className="card card--muted">
        <p className="badge">בקרוב</p>
        <p>האזור הזה עדיין לא נבנה. הוא יתווסף באחת הגרסאות הקרובות.</p>
      </div>
    </section>
  );
}
