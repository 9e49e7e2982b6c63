import { Route, Routes } from 'react-router-dom';
import { AdminRoute } from '../settings/AdminRoute';
import { DocumentPage } from './DocumentPage';
import { DocumentsListPage } from './DocumentsListPage';
import { InvoiceSettingsPage } from './InvoiceSettingsPage';
import { MonthlySummaryPage } from './MonthlySummaryPage';
import { NewDocumentPage } from './NewDocumentPage';
import './Invoices.css';

export function InvoicesRoutes() {
  return (
    <Routes>
      <Route index element={<DocumentsListPage />} />
      <Route path="new" element={<NewDocumentPage />} />
      <Route path="summary" element={<MonthlySummaryPage />} />
      <Route
        path="settings"
        element={
          <AdminRoute>
            <InvoiceSettingsPage />
          </AdminRoute>
        }
      />
      <Route path=":id" element={<DocumentPage />} />
    </Routes>
  );
}
