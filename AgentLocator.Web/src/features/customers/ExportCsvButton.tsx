import { useState } from 'react';
import { api } from '../../api/client';
import { customersExportUrl, type CustomerFilters } from './customersApi';
import { isoDay } from '../../time/formatting';

/**
 * A plain link cannot send the bearer token, so the file is fetched through the API client and handed
 * to the browser as an object URL.
 */
export function ExportCsvButton({
  filters,
  columns,
  timeZone,
}: {
  filters: CustomerFilters;
  columns: readonly string[];
  timeZone: string;
}) {
  const [state, setState] = useState<'idle' | 'busy' | 'failed'>('idle');

  async function download() {
    setState('busy');
    try {
      const blob = await api.getBlob(customersExportUrl(filters, columns));
      const url = URL.createObjectURL(blob);
      const link = document.createElement('a');
      link.href = url;
      link.download = `customers-${isoDay(new Date(), timeZone)}.csv`;
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
      <span className="grid-toolbar__message" role="status" aria-live="polite">
        {state === 'failed' ? 'הייצוא נכשל. נסו שוב.' : ''}
      </span>
    </>
  );
}
