/** What a page says instead of itself when the plan (or the admin's limits for this user) turned its feature off. */
export function FeatureDisabledNotice() {
  return (
    <section className="page" aria-labelledby="feature-off-title">
      <h1 id="feature-off-title">התכונה אינה זמינה בחבילה שלך</h1>
      <p className="page__lead">כדי להשתמש בה, פנו למנהל החשבון בעסק לשדרוג החבילה או להרשאה מתאימה.</p>
    </section>
  );
}
