import { Link } from 'react-router-dom';
import type { CallCustomer } from '../../api/contracts';
import { isWithheld, WITHHELD_NUMBER } from './withheldNumber';
import { PhoneNumber, TextWithNumbers } from '../../ui/Ltr';

/**
 * Who called: their customer card when the number is known (a link for users who have the CRM), otherwise the
 * number itself, left to right inside the Hebrew text, or (withheld) the words "מספר חסוי", muted, not as a number.
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
        <TextWithNumbers text={customer.name} />
      </Link>
    ) : (
      <span className="call-caller__name">
        <TextWithNumbers text={customer.name} />
      </span>
    );
  }
  return isWithheld(fromDisplay) ? <span className="muted">{WITHHELD_NUMBER}</span> : <PhoneNumber value={fromDisplay} />;
}
