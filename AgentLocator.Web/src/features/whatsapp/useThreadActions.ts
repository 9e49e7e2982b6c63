import { useCallback, useRef, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { ApiError } from '../../api/client';
import type { WhatsAppMessage } from '../../api/contracts';
import { isNeedsTemplate, retryMessage, sendMessage, whatsAppKeys, type OutgoingMessage } from './whatsAppApi';
import { writeMessage } from './threadCache';

function newKey(): string {
  return typeof crypto !== 'undefined' && 'randomUUID' in crypto
    ? crypto.randomUUID()
    : `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
}

function errorText(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.isNetworkError) return 'אין חיבור לשרת. ההודעה לא נשלחה; נסו שוב.';
    if (error.status === 422 && error.title.includes('phone')) return 'ללקוח אין מספר טלפון. הוסיפו מספר נייד כדי לכתוב לו בוואטסאפ.';
    if (error.status === 409 && error.title.includes('sender')) return 'לעסק עדיין אין מספר וואטסאפ. מנהל העסק מגדיר אותו בהגדרות.';
    if (error.status === 403) return 'אין לך הרשאה לשלוח הודעות וואטסאפ.';
  }
  return 'ההודעה לא נשלחה. נסו שוב.';
}

/**
 * Sending and retrying in a thread. Each message gets its own Idempotency-Key, kept while the same message is tried
 * again (a lost answer, a second press), so the server sends it once; a different message gets a new key.
 */
export function useThreadActions(customerId: string) {
  const queryClient = useQueryClient();
  const attempt = useRef<{ content: string; key: string } | null>(null);
  const [sending, setSending] = useState(false);
  const [retrying, setRetrying] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [needsTemplate, setNeedsTemplate] = useState(false);

  function stored(message: WhatsAppMessage) {
    writeMessage(queryClient, customerId, message);
    void queryClient.invalidateQueries({ queryKey: whatsAppKeys.conversations });
  }

  async function send(message: OutgoingMessage): Promise<boolean> {
    const content = JSON.stringify(message);
    if (attempt.current?.content !== content) attempt.current = { content, key: newKey() };
    setSending(true);
    setError(null);
    try {
      stored(await sendMessage(customerId, message, attempt.current.key));
      attempt.current = null;
      setNeedsTemplate(false);
      return true;
    } catch (caught) {
      if (isNeedsTemplate(caught)) {
        // The window closed while the page was open: the thread refetches its window, the composer offers templates.
        setNeedsTemplate(true);
        setError('חלון 24 השעות נסגר, ולכן אפשר לשלוח רק תבנית מאושרת.');
        void queryClient.invalidateQueries({ queryKey: whatsAppKeys.thread(customerId) });
      } else {
        setError(errorText(caught));
      }
      return false;
    } finally {
      setSending(false);
    }
  }

  async function retry(message: WhatsAppMessage) {
    setRetrying(message.id);
    setError(null);
    try {
      stored(await retryMessage(customerId, message.id));
    } catch (caught) {
      if (isNeedsTemplate(caught)) setNeedsTemplate(true);
      setError(isNeedsTemplate(caught) ? 'חלון 24 השעות נסגר: שלחו במקום זאת תבנית מאושרת.' : errorText(caught));
    } finally {
      setRetrying(null);
    }
  }

  const windowReopened = useCallback(() => setNeedsTemplate(false), []);

  return { send, retry, sending, retrying, error, needsTemplate, windowReopened };
}
