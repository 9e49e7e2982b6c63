import { lazy, Suspense, useMemo, useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from 'react-router-dom';
import { ApiError } from '../../api/client';
import type { Customer } from '../../api/contracts';
import { ErrorState, LoadingState } from '../../ui/StatusViews';
import { FeatureDisabledNotice } from '../../ui/FeatureDisabledNotice';
import { useFeatureOffError } from '../../api/useFeatureOffError';
import { useMe } from '../shell/useMe';
import { DEFAULT_TIME_ZONE } from '../../time/zonedTime';
import { customerKeys, fetchCustomer, updateCustomer } from './customersApi';
import { retryUnlessClientError } from '../../api/retry';
import { STATUS_LABELS } from './customerLabels';
import { CustomerDetails } from './CustomerDetails';
import { CustomerForm } from './CustomerForm';
import { CustomerActions } from './CustomerActions';
import { CustomerTabs } from './CustomerTabs';
import { DocumentsList } from '../invoices/DocumentsListPage';
import { CustomerContractsPanel } from '../contracts/CustomerContractsPanel';
import { useLiveCustomer } from './useLiveCustomer';
import { CustomerTasksPanel } from '../tasks/CustomerTasksPanel';
import { Timeline } from '../timeline/Timeline';
import './Customers.css';
import { TextWithNumbers } from '../../ui/Ltr';

// The calls and WhatsApp features' code loads when the tab is first opened (and only for users who have it).
const CustomerCallsPanel = lazy(() =>
  import('../calls/CustomerCallsPanel').then((m) => ({ default: m.CustomerCallsPanel })),
);
const CustomerSignaturesPanel = lazy(() =>
  import('../signatures/CustomerSignaturesPanel').then((m) => ({ default: m.CustomerSignaturesPanel })),
);
const CustomerWhatsAppPanel = lazy(() =>
  import('../whatsapp/CustomerWhatsAppPanel').then((m) => ({ default: m.CustomerWhatsAppPanel })),
);

function CustomerNotFound() {
  return (
    <section className="page" aria-labelledby="customer-missing-title">
      <h1 id="customer-missing-title">הלקוח לא נמצא</h1>
      <p className="page__lead">ייתכן שהלקוח נמחק או שהקישור שגוי.</p>
      <p>
        <Link to="/customers">חזרה לרשימת הלקוחות</Link>
      </p>
    </section>
  );
}

export function CustomerPage() {
  const { id = '' } = useParams();
  const me = useMe().data;
  const isAdmin = me?.user.role === 'admin';
  const timeZone = me?.business.timeZone || DEFAULT_TIME_ZONE;
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState(false);
  // One object per customer, so the timeline's query key and live watch stay put across renders.
  const timelineScope = useMemo(() => ({ customerId: id }), [id]);

  const customer = useQuery({
    queryKey: customerKeys.detail(id),
    // Admins may open a deleted customer, to restore it.
    queryFn: ({ signal }) => fetchCustomer(id, isAdmin, signal),
    retry: retryUnlessClientError,
  });
  const featureOff = useFeatureOffError(customer.error);
  // A deleted customer cannot be watched (the hub refuses); restoring it starts the watch.
  const live = useLiveCustomer(id, customer.isSuccess && !customer.data.deletedAt);

  if (featureOff) return <FeatureDisabledNotice />;
  if (customer.isPending) return <LoadingState message="טוען את כרטיס הלקוח…" />;
  if (customer.isError) {
    if (customer.error instanceof ApiError && customer.error.status === 404) return <CustomerNotFound />;
    return (
      <ErrorState title="לא הצלחנו לטעון את כרטיס הלקוח" onRetry={() => void customer.refetch()}>
        <p>ייתכן שהשרת אינו זמין כרגע.</p>
      </ErrorState>
    );
  }

  const data = customer.data;
  function saved(next: Customer) {
    queryClient.setQueryData(customerKeys.detail(next.id), next);
    void queryClient.invalidateQueries({ queryKey: ['customers', 'list'] });
    void queryClient.invalidateQueries({ queryKey: customerKeys.tags });
  }

  return (
    // data-live says whether pushed updates are flowing (the e2e test waits for it before changing the customer).
    <section className="page page--wide customer-page" aria-labelledby="customer-title" data-live={live}>
      <p className="breadcrumbs">
        <Link to="/customers">לקוחות</Link>
      </p>
      <header className="page__header">
        <div className="customer-page__title">
          <h1 id="customer-title">
            <TextWithNumbers text={data.name} />
          </h1>
          <span className={`status-pill status-pill--${data.status}`}>{STATUS_LABELS[data.status]}</span>
        </div>
        <CustomerActions customer={data} isAdmin={isAdmin} onEdit={() => setEditing(true)} onChanged={saved} />
      </header>

      {data.deletedAt && (
        <p className="banner banner--danger" role="status">
          הלקוח נמחק. רק מנהלים רואים אותו, והם יכולים לשחזר אותו.
        </p>
      )}

      <div className="customer-page__columns">
        <div className="card">
          {editing ? (
            <>
              <h2>עריכת פרטים</h2>
              <CustomerForm
                customer={data}
                submitLabel="שמירה"
                onSubmit={(input) => updateCustomer(data.id, input)}
                onSaved={(next) => {
                  saved(next);
                  setEditing(false);
                }}
                onCancel={() => setEditing(false)}
              />
            </>
          ) : (
            <>
              <h2>פרטי קשר</h2>
              <CustomerDetails customer={data} timeZone={timeZone} />
            </>
          )}
        </div>
      </div>

      <CustomerTabs
        features={me?.features ?? []}
        panels={{
          // The API keeps a deleted customer's history but serves it again only once the customer is restored.
          timeline: data.deletedAt ? (
            <p className="muted">ציר הזמן יוצג שוב לאחר שחזור הלקוח.</p>
          ) : (
            <Timeline scope={timelineScope} timeZone={timeZone} features={me?.features ?? []} />
          ),
          tasks: data.deletedAt ? undefined : <CustomerTasksPanel customer={data} timeZone={timeZone} />,
          documents: documentsPanel(data.id, me?.features ?? []),
          signatures: data.deletedAt ? undefined : (
            <Suspense fallback={<LoadingState message="טוען בקשות חתימה…" />}>
              <CustomerSignaturesPanel customerId={data.id} customerName={data.name} customerPhone={data.phone ?? null} />
            </Suspense>
          ),
          calls: (
            <Suspense fallback={<LoadingState message="טוען שיחות…" />}>
              <CustomerCallsPanel customerId={data.id} timeZone={timeZone} />
            </Suspense>
          ),
          whatsapp: data.deletedAt ? undefined : (
            <Suspense fallback={<LoadingState message="טוען את שיחת הוואטסאפ…" />}>
              <CustomerWhatsAppPanel customerId={data.id} timeZone={timeZone} />
            </Suspense>
          ),
        }}
      />
    </section>
  );
}

/** The documents tab: the customer's contracts and tax documents, each when its feature is on (undefined: none built). */
function documentsPanel(customerId: string, features: readonly string[]) {
  const contracts = features.includes('contracts');
  const invoices = features.includes('invoices');
  if (!contracts && !invoices) return undefined;
  return (
    <>
      {contracts && <CustomerContractsPanel customerId={customerId} />}
      {invoices && <DocumentsList customerId={customerId} />}
    </>
  );
}
