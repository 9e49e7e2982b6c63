import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { api, ApiError } from '../../api/client';
import { DeliveryField, type SignatureDelivery } from '../signatures/DeliveryField';
import { signatureKeys, type SignatureRequest } from '../signatures/signaturesApi';
import { contractKeys } from './contractsApi';

/** A draft contract goes to its customer for signature: the contract's own PDF, one signer, by SMS, WhatsApp or a link to copy. */
export function SendForSignature({ contractId, customerName, onClose }: { contractId: string; customerName: string; onClose: () => void }) {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [name, setName] = useState(customerName);
  const [phone, setPhone] = useState('');
  const [requireCode, setRequireCode] = useState(false);
  const [delivery, setDelivery] = useState<SignatureDelivery>('sms');
  const send = useMutation({
    mutationFn: () =>
      api.post<SignatureRequest>(`/api/signatures/contracts/${encodeURIComponent(contractId)}`, {
        signers: [{ name: name.trim(), phone: phone.trim(), role: 'customer' }],
        ordered: true,
        requireCode,
        delivery,
      }),
    onSuccess: (created) => {
      void queryClient.invalidateQueries({ queryKey: contractKeys.all });
      void queryClient.invalidateQueries({ queryKey: signatureKeys.all });
      navigate(`/signatures/${created.id}`);
    },
  });
  const errors = send.error instanceof ApiError ? send.error.errors ?? {} : {};

  return (
    <form
      className="card signature-form"
      aria-labelledby="send-for-signature-title"
      onSubmit={(event) => {
        event.preventDefault();
        send.mutate();
      }}
    >
      <h2 id="send-for-signature-title">שליחה לחתימה</h2>
      <label className="field">
        <span>שם החותם</span>
        <input value={name} maxLength={120} onChange={(event) => setName(event.target.value)} required />
        {errors['signers[0].name'] && <span className="field__error">{errors['signers[0].name'][0]}</span>}
      </label>
      <label className="field">
        <span>טלפון החותם</span>
        <input dir="ltr" inputMode="tel" value={phone} onChange={(event) => setPhone(event.target.value)} required />
        {errors['signers[0].phone'] && <span className="field__error">{errors['signers[0].phone'][0]}</span>}
      </label>
      <label>
        <input type="checkbox" checked={requireCode} onChange={(event) => setRequireCode(event.target.checked)} /> אימות בקוד SMS לפני חתימה
      </label>
      <DeliveryField value={delivery} onChange={setDelivery} />
      {send.isError && (
        <p role="alert" className="form-error">
          {send.error instanceof ApiError && send.error.status === 409
            ? 'החוזה כבר נשלח לחתימה.'
            : Object.keys(errors).length > 0
              ? 'השליחה לא בוצעה; בדקו את הפרטים.'
              : send.error instanceof ApiError && send.error.status === 422
                ? send.error.title
              : 'השליחה לא בוצעה; נסו שוב.'}
        </p>
      )}
      <div className="page__actions">
        <button type="submit" className="button button--primary" disabled={send.isPending}>
          {send.isPending ? 'שולח…' : 'שליחה'}
        </button>
        <button type="button" className="button" onClick={onClose}>
          חזרה
        </button>
      </div>
    </form>
  );
}
