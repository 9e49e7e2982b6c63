import { Route, Routes } from 'react-router-dom';
import { WhatsAppInboxPage } from './WhatsAppInboxPage';

export function WhatsAppRoutes() {
  return (
    <Routes>
      <Route index element={<WhatsAppInboxPage />} />
      <Route path=":customerId" element={<WhatsAppInboxPage />} />
    </Routes>
  );
}
