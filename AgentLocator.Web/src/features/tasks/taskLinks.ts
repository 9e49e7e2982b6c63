// Contact links for a task's customer. The API sends phones in E.164 ("+972541234567").

export { whatsAppUrl } from '../customers/formatting';

export function telUrl(e164: string): string {
  return `tel:${e164.replace(/[^\d+]/g, '')}`;
}
