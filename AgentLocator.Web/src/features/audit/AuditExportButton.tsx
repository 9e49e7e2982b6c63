import { useState } from 'react';
import { api } from '../../api/client';
import { isoDay } from '../../time/formatting';
import { auditExportUrl, type AuditFilters } from './auditApi';

/** The filtered log as CSV; fetched through the API client (a plain link cannot send the bearer token). */
export function AuditExportButton({ filters, timeZone }: { filters: AuditFilters; timeZone: string }) {
  const [state, setState] = useState<'idle' | 'busy' | 'failed'>('idle');

  async function download() {
    setState('busy');
    try {
      const blob = await api.getBlob(auditExportUrl(filters));
      const url = URL.createObjectURL(blob);
      const link = document.createElement('a');
      link.href = url;
      link.download = `audit-${isoDay(new Date(), timeZone)}.csv`;
      document.body.append(link);
      link.click();
      link.remove();
      // Revoke later: revoking at once can cancel the download in some browsers.
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      setState('idle');
    } catch {
      setState('failed');
    }
  }

  return (
    <>
      <button type="button" className="button" disabled={state === 'busy'} onClick={() => void download()}>
        {state === 'busy' ? 'מייצא…' : 'ייצוא ל-CSV'}
      </button>
      <span role="status" aria-live="polite">
        {state === 'failed' ? 'הייצוא נכשל. נסו שוב.' : ''}
      </span>
    </>
  );
}
