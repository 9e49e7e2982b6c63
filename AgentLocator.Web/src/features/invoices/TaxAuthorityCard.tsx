import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useSearchParams } from 'react-router-dom';
import { ApiError } from '../../api/client';
import { connectTaxAuthority, disconnectTaxAuthority, fetchTaxAuthority, invoiceKeys } from './invoicesApi';

/**
 * The business's Tax Authority connection (OAuth2): connecting sends the admin's browser to the Authority, which sends it
 * back here with ?taxAuthority=connected or failed. Tax invoices that need an allocation number wait until it is connected.
 */
export function TaxAuthorityCard() {
  const queryClient = useQueryClient();
  const [params] = useSearchParams();
  const returned = params.get('taxAuthority');
  const status = useQuery({ queryKey: invoiceKeys.taxAuthority, queryFn: ({ signal }) => fetchTaxAuthority(signal) });
  const connect = useMutation({
    mutationFn: connectTaxAuthority,
    onSuccess: ({ authorizeUrl }) => window.location.assign(authorizeUrl),
  });
  const disconnect = useMutation({
    mutationFn: disconnectTaxAuthority,
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: invoiceKeys.taxAuthority }),
  });
  const s = status.data;
  return (
    <section className="card" aria-labelledby="tax-authority-title">
      <h2 id="tax-authority-title">חיבור לרשות המסים (מספרי הקצאה)</h2>
      {returned === 'connected' && <p role="status">החשבון חובר לרשות המסים</p>}
      {returned === 'failed' && <p className="form-error">החיבור לרשות המסים לא הושלם; נסו שוב</p>}
      {status.isPending && <p className="muted">בודק…</p>}
      {s && (
        <>
          <p>
            {s.connected ? (
              <>
                מחובר
                {s.connectedAt && (
                  <>
                    {' '}
                    מאז <bdi dir="ltr">{new Date(s.connectedAt).toLocaleDateString('he-IL')}</bdi>
                  </>
                )}
              </>
            ) : (
              'לא מחובר: חשבוניות מס מעל סף ההקצאה ימתינו למספר הקצאה עד לחיבור.'
            )}
          </p>
          {!s.canConnect && <p className="muted">החיבור אינו מוגדר בשרת (מזהה התוכנה ברשות המסים).</p>}
          {s.connected ? (
            <button type="button" className="button" disabled={disconnect.isPending} onClick={() => disconnect.mutate()}>
              ניתוק
            </button>
          ) : (
            <button
              type="button"
              className="button button--primary"
              disabled={!s.canConnect || connect.isPending}
              onClick={() => connect.mutate()}
            >
              התחברות לרשות המסים
            </button>
          )}
        </>
      )}
      {connect.error instanceof ApiError && <p className="form-error">{connect.error.title}</p>}
    </section>
  );
}
