// Contact links for a customer's phone. The API sends phones in E.164 ("+972541234567").

/** wa.me wants the international number as digits only: "+972541234567" → "972541234567". */
export function whatsAppUrl(e164: string): string {
  return `https://wa.me/${e164.replace(/\D/g, '')}`;
}

export function telUrl(e164: string): string {
  return `tel:${e164.replace(/[^\d+]/g, '')}`;
}
