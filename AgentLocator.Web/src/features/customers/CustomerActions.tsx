import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from 'react-router-dom';
import type { Customer } from '../../api/contracts';
import { customerKeys, deleteCustomer, restoreCustomer } from './customersApi';
import { whatsAppUrl } from '../../ui/contactLinks';
import { useWhatsAppInApp, whatsAppThreadPath } from '../whatsapp/useWhatsAppInApp';

/** Call, WhatsApp, edit, delete (with an inline confirmation) and, for admins, restore. */
export function CustomerActions({
  customer,
  isAdmin,
  onEdit,
  onChanged,
}: {
  customer: Customer;
  isAdmin: boolean;
  onEdit: () => void;
  onChanged: (customer: Customer) => void;
}) {
  const navigate = useNavigate();
  // With the business's own WhatsApp sender the conversation happens here, in its thread; otherwise on wa.me.
  const whatsAppInApp = useWhatsAppInApp();
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState('');

  async function remove() {
    setBusy(true);
    setMessage('');
    try {
      await deleteCustomer(customer.id);
      void queryClient.invalidateQueries({ queryKey: ['customers', 'list'] });
      setConfirming(false);
      if (isAdmin) {
        // Admins stay, so a mistaken delete can be undone right here.
        onChanged({ ...customer, deletedAt: new Date().toISOString() });
        setMessage('הלקוח נמחק.');
      } else {
        queryClient.removeQueries({ queryKey: customerKeys.detail(customer.id) });
        navigate('/customers');
      }
    } catch {
      setMessage('המחיקה נכשלה. נסו שוב.');
    } finally {
      setBusy(false);
    }
  }

  async function restore() {
    setBusy(true);
    setMessage('');
    try {
      onChanged(await restoreCustomer(customer.id));
      setMessage('הלקוח שוחזר.');
    } catch {
      setMessage('השחזור נכשל. נסו שוב.');
    } finally {
      setBusy(false);
    }
  }

  if (customer.deletedAt) {
    return (
      <div className="customer-actions">
        {isAdmin && (
          <button type="button" className="button button--primary" disabled={busy} onClick={() => void restore()}>
            שחזור לקוח
          </button>
        )}
        <p className="customer-actions__message" role="status" aria-live="polite">
          {message}
        </p>
      </div>
    );
  }

  return (
    <div className="customer-actions">
      {customer.phone && (
        <>
          <a className="button" href={`tel:${customer.phone}`}>
            התקשרות
          </a>
          {whatsAppInApp ? (
            <Link className="button" to={whatsAppThreadPath(customer.id)}>
              הודעת וואטסאפ
            </Link>
          ) : (
            <a className="button" href={whatsAppUrl(customer.phone)} target="_blank" rel="noopener noreferrer">
              הודעת וואטסאפ
            </a>
          )}
        </>
      )}
      <button type="button" className="button" onClick={onEdit}>
        עריכה
      </button>
      {confirming ? (
        <div className="customer-actions__confirm" role="group" aria-label="אישור מחיקה">
          <span>למחוק את הלקוח?</span>
          <button type="button" className="button button--danger" disabled={busy} onClick={() => void remove()} autoFocus>
            כן, למחוק
          </button>
          <button type="button" className="button" onClick={() => setConfirming(false)}>
            ביטול
          </button>
        </div>
      ) : (
        <button type="button" className="button button--danger-outline" onClick={() => setConfirming(true)}>
          מחיקה
        </button>
      )}
      <p className="customer-actions__message" role="status" aria-live="polite">
        {message}
      </p>
    </div>
  );
}
