import { Route, Routes } from 'react-router-dom';
import { AdminRoute } from '../settings/AdminRoute';
import { ContractPage } from './ContractPage';
import { ContractsListPage } from './ContractsListPage';
import { TemplateEditorPage } from './TemplateEditorPage';
import { TemplatesPage } from './TemplatesPage';
import './Contracts.css';

export function ContractsRoutes() {
  return (
    <Routes>
      <Route index element={<ContractsListPage />} />
      <Route path="templates" element={<AdminRoute><TemplatesPage /></AdminRoute>} />
      <Route path="templates/new" element={<AdminRoute><TemplateEditorPage /></AdminRoute>} />
      <Route path="templates/:id" element={<AdminRoute><TemplateEditorPage /></AdminRoute>} />
      <Route path=":id" element={<ContractPage />} />
    </Routes>
  );
}
