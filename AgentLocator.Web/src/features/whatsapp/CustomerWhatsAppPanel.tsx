import { useWhatsAppLive } from './useWhatsAppLive';
import { WhatsAppThread } from './WhatsAppThread';

/** The customer page's WhatsApp tab: the thread, kept live while the tab is open. */
export function CustomerWhatsAppPanel({ customerId, timeZone }: { customerId: string; timeZone: string }) {
  const live = useWhatsAppLive();
  return (
    <div data-live={live}>
      <WhatsAppThread customerId={customerId} timeZone={timeZone} />
    </div>
  );
}
