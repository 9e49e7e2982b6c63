// A document's history as the document page shows it: Hebrew names of the steps and their times in the business's zone.
import { dateTimeFormat } from '../../time/dateTimeFormat';
import type { DocumentType } from './invoicesApi';

export type DocumentHistoryKind = 'issued' | 'sent' | 'opened' | 'paid' | 'credited' | 'converted' | 'cancelled';

export interface DocumentHistoryEvent {
  kind: string;
  at: string;
  detail?: string | null;
  relatedDocumentId?: string | null;
  relatedType?: string | null;
  relatedNumber?: number | null;
  amountAgorot?: number | null;
  actor?: string | null;
}

export const HISTORY_LABELS: Record<DocumentHistoryKind, string> = {
  issued: 'הופק',
  sent: 'נשלח ללקוח',
  opened: 'הלקוח פתח את הקישור',
  paid: 'התקבל תשלום',
  credited: 'זוכה',
  converted: 'הומר לחשבונית',
  cancelled: 'בוטל',
};

const RELATED_NAMES: Partial<Record<DocumentType, string>> = {
  receipt: 'קבלה',
  credit_invoice: 'חשבונית זיכוי',
  tax_invoice: 'חשבונית מס',
  tax_invoice_receipt: 'חשבונית מס/קבלה',
};

/** A step the web does not know yet (a newer server) shows as sent rather than disappearing. */
export const historyLabel = (kind: string) => HISTORY_LABELS[kind as DocumentHistoryKind] ?? kind;

/** "קבלה 12", or "חשבונית מס (טיוטה)" for a conversion not issued yet; null when the step concerns no other document. */
export function relatedName(event: DocumentHistoryEvent): string | null {
  if (!event.relatedDocumentId) return null;
  const name = RELATED_NAMES[event.relatedType as DocumentType] ?? 'מסמך';
  return event.relatedNumber != null ? `${name} ${event.relatedNumber}` : `${name} (טיוטה)`;
}

/** "6.12.2026, 14:05" in the business's zone. */
export function formatHistoryTime(iso: string, timeZone: string): string {
  return dateTimeFormat('he-IL', { timeZone, day: 'numeric', month: 'numeric', year: 'numeric', hour: '2-digit', minute: '2-digit' }).format(
    new Date(iso),
  );
}
