import { useState } from 'react';

export interface VatRateRow {
  effectiveFrom: string;
  ratePercent: string;
}

/**
 * The VAT rate's history: each rate holds from its day until the next one starts, so an old document re-renders with the
 * rate of its own day. Rows are edited here and saved with the rest of the settings.
 */
export function VatRatesEditor({ rows, onChange, error }: { rows: VatRateRow[]; onChange: (rows: VatRateRow[]) => void; error?: string[] }) {
  const [adding, setAdding] = useState<VatRateRow>({ effectiveFrom: '', ratePercent: '' });
  const sorted = [...rows].sort((a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom));
  return (
    <fieldset className="field">
      <legend>היסטוריית שיעור המע״מ</legend>
      <table className="data-table invoices-table">
        <thead>
          <tr>
            <th>בתוקף מ־</th>
            <th>שיעור (%)</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {sorted.map((row) => (
            <tr key={row.effectiveFrom}>
              <td>
                <bdi dir="ltr">{row.effectiveFrom}</bdi>
              </td>
              <td>{row.ratePercent}</td>
              <td>
                <button
                  type="button"
                  className="button"
                  aria-label={`הסרת השיעור מ־${row.effectiveFrom}`}
                  disabled={rows.length <= 1}
                  onClick={() => onChange(rows.filter((r) => r !== row))}
                >
                  הסרה
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="invoices-line">
        <label className="field field--inline">
          מתאריך
          <input type="date" value={adding.effectiveFrom} onChange={(e) => setAdding({ ...adding, effectiveFrom: e.target.value })} />
        </label>
        <label className="field field--inline">
          שיעור (%)
          <input
            inputMode="decimal"
            value={adding.ratePercent}
            onChange={(e) => setAdding({ ...adding, ratePercent: e.target.value })}
          />
        </label>
        <button
          type="button"
          className="button"
          disabled={!adding.effectiveFrom || adding.ratePercent.trim() === '' || Number.isNaN(Number(adding.ratePercent))}
          onClick={() => {
            onChange([...rows.filter((r) => r.effectiveFrom !== adding.effectiveFrom), { ...adding, ratePercent: adding.ratePercent.trim() }]);
            setAdding({ effectiveFrom: '', ratePercent: '' });
          }}
        >
          הוספת שיעור
        </button>
      </div>
      {error && <span className="field__error">{error.join(' ')}</span>}
    </fieldset>
  );
}
