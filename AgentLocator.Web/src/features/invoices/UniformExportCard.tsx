import { useEffect, useState } from 'react';
import { fetchUniformExport } from './invoicesApi';

function monthRange(month: string): [string, string] {
  const [year, m] = month.split('-').map(Number);
  const last = new Date(Date.UTC(year, m, 0)).getUTCDate();
  return [`${month}-01`, `${month}-${String(last).padStart(2, '0')}`];
}

/**
 * The Tax Authority's uniform-structure export (מבנה אחיד) for the accountant: a date range (the page's month by default)
 * downloads a zip of INI.TXT and BKMVDATA.TXT. Admins only, like the API route.
 */
export function UniformExportCard({ month }: { month: string }) {
  const [[from, to], setRange] = useState(() => monthRange(month));
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(false);
  useEffect(() => setRange(monthRange(month)), [month]);

  async function download() {
    setBusy(true);
    setFailed(false);
    try {
      const blob = await fetchUniformExport(from, to);
      const url = URL.createObjectURL(blob);
      Object.assign(window.document.createElement('a'), { href: url, download: `OPENFRMT-${from}-${to}.zip` }).click();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
    } catch {
      setFailed(true);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="card" aria-labelledby="uniform-title">
      <h2 id="uniform-title">מבנה אחיד לרשות המסים</h2>
      <div className="grid-toolbar">
        <label className="field field--inline">
          מתאריך
          <input type="date" value={from} onChange={(e) => e.target.value && setRange([e.target.value, to])} />
        </label>
        <label className="field field--inline">
          עד תאריך
          <input type="date" value={to} onChange={(e) => e.target.value && setRange([from, e.target.value])} />
        </label>
        <button type="button" className="button" disabled={busy || from > to} onClick={() => void download()}>
          הורדת קבצי מבנה אחיד
        </button>
      </div>
      {failed && <p role="alert">ההורדה נכשלה; נסו שוב.</p>}
    </section>
  );
}
