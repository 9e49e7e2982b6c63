// The Hebrew words of the WhatsApp views: ticks, the window's remaining time, media kinds.

import type { WhatsAppMessage, WhatsAppStatus } from '../../api/contracts';

export const STATUS_LABELS: Record<WhatsAppStatus, string> = {
  received: 'התקבלה',
  queued: 'ממתינה לשליחה',
  sent: 'נשלחה',
  delivered: 'נמסרה',
  read: 'נקראה',
  undelivered: 'לא נמסרה',
  failed: 'נכשלה',
};

export function isFailure(status: WhatsAppStatus): boolean {
  return status === 'failed' || status === 'undelivered';
}

const HOUR = 60 * 60 * 1000;
const MINUTE = 60 * 1000;

function count(n: number, one: string, many: string): string {
  return n === 1 ? one : `${n} ${many}`;
}

/**
 * The 24-hour window in words: "החלון נסגר בעוד 3 שעות" while free text is allowed; closed, or never opened (the
 * customer has not written yet), only a template can start the conversation.
 */
export function windowText(closesAt: string | null | undefined, now: number): { open: boolean; text: string } {
  if (!closesAt) return { open: false, text: 'הלקוח עוד לא כתב: אפשר לפתוח בשיחה רק בתבנית מאושרת' };
  const left = Date.parse(closesAt) - now;
  if (left <= 0) return { open: false, text: 'חלון 24 השעות נסגר: אפשר לשלוח רק תבנית מאושרת' };
  if (left >= HOUR) {
    const hours = Math.floor(left / HOUR);
    return { open: true, text: `החלון נסגר בעוד ${count(hours, 'שעה', 'שעות')}` };
  }
  const minutes = Math.max(1, Math.floor(left / MINUTE));
  return { open: true, text: `החלון נסגר בעוד ${count(minutes, 'דקה', 'דקות')}` };
}

export type MediaKind = 'image' | 'audio' | 'pdf' | 'video' | 'file';

export function mediaKind(contentType: string | null | undefined): MediaKind {
  const type = (contentType ?? '').toLowerCase();
  if (type.startsWith('image/')) return 'image';
  if (type.startsWith('audio/')) return 'audio';
  if (type.startsWith('video/')) return 'video';
  if (type === 'application/pdf') return 'pdf';
  return 'file';
}

const MEDIA_WORDS: Record<MediaKind, string> = { image: 'תמונה', audio: 'הודעה קולית', pdf: 'מסמך PDF', video: 'סרטון', file: 'קובץ' };

export function mediaWord(contentType: string | null | undefined): string {
  return MEDIA_WORDS[mediaKind(contentType)];
}

/** What a message says in one line: its text, else its template, else its media. */
export function messageSummary(message: Pick<WhatsAppMessage, 'body' | 'templateId'> & { mediaCount?: number }): string {
  if (message.body) return message.body;
  if (message.templateId) return 'תבנית';
  return message.mediaCount ? 'קובץ מצורף' : '';
}
