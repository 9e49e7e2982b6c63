import type { Customer } from '../../api/contracts';
import { formatDate } from '../../time/formatting';
import { STATUS_LABELS } from './customerLabels';
import { Ltr, PhoneNumber, TextWithNumbers } from '../../ui/Ltr';

export function CustomerDetails({ customer, timeZone }: { customer: Customer; timeZone: string }) {
  return (
    <dl className="details" data-testid="customer-details">
      <dt>שם</dt>
      <dd>
        <TextWithNumbers text={customer.name} />
      </dd>
      <dt>טלפון</dt>
      <dd>{customer.phoneDisplay ? <PhoneNumber value={customer.phoneDisplay} /> : '—'}</dd>
      <dt>אימייל</dt>
      <dd>{customer.email ? <Ltr>{customer.email}</Ltr> : '—'}</dd>
      <dt>עיר</dt>
      <dd>{customer.city ?? '—'}</dd>
      <dt>מספר עוסק / ח.פ.</dt>
      <dd>{customer.taxId ? <Ltr>{customer.taxId}</Ltr> : '—'}</dd>
      <dt>סטטוס</dt>
      <dd>{STATUS_LABELS[customer.status]}</dd>
      <dt>תגיות</dt>
      <dd>{customer.tags.length ? customer.tags.join(', ') : '—'}</dd>
      <dt>נוצר</dt>
      <dd>{formatDate(customer.createdAt, timeZone, true)}</dd>
      <dt>פעילות אחרונה</dt>
      <dd>{formatDate(customer.lastActivityAt, timeZone, true)}</dd>
      <dt>משימות פתוחות</dt>
      <dd>{customer.openTasks}</dd>
      <dt>שיחות</dt>
      <dd>{customer.calls}</dd>
    </dl>
  );
}
