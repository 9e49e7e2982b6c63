import { Link } from 'react-router-dom';
import type { CallCustomer } from '../../api/contracts';

/**
 * Who called: their customer card when the number is known (a link for users who have the CRM), otherwise the
 * number itself, left to right inside the Hebrew text.
 */
export function CallerName({
  customer,
  fromDisplay,
  canOpenCustomer,
}: {
  customer: CallCustomer | null;
  fromDisplay: string;
  canOpenCustomer: boolean;
}) {
  if (customer) {
    return canOpenCustomer ? (
      <Link className="call-caller__name" to={`/customers/${customer.id}`}>
        {customer.name}
      </Link>
    ) : (
      <span className="call-caller__name">{customer.name}</span>
    );
  }
  return fromDisplay ? <bdi dir="ltr">{fromDisplay}</bdi> : <span className="muted">מספר חסוי</span>;
}
