import { Select } from '../../ui/forms/Select';
import { useMe } from '../shell/useMe';

export type SignatureDelivery = 'sms' | 'whatsapp' | 'link';

/**
 * How the signers' links go out: SMS, WhatsApp (offered when the user has the business's WhatsApp; the API answers 422 in
 * Hebrew when the signer has not written in the last 24 hours or the business has no sender), or a link the agent copies.
 */
export function DeliveryField({ value, onChange, many }: { value: SignatureDelivery; onChange: (value: SignatureDelivery) => void; many?: boolean }) {
  const hasWhatsApp = useMe().data?.features.includes('whatsapp') ?? false;
  return (
    <label className="field field--inline">
      <span>משלוח</span>
      <Select value={value} onChange={(event) => onChange(event.target.value as SignatureDelivery)}>
        <option value="sms">{many ? 'SMS לכל חותם' : 'SMS לחותם'}</option>
        {hasWhatsApp && <option value="whatsapp">{many ? 'WhatsApp לכל חותם' : 'WhatsApp לחותם'}</option>}
        <option value="link">קישור להעתקה</option>
      </Select>
    </label>
  );
}
