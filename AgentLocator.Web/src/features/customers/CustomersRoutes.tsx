import { Route, Routes } from 'react-router-dom';
import { CustomersPage } from './CustomersPage';
import { NewCustomerPage } from './NewCustomerPage';
import { CustomerPage } from './CustomerPage';
import { ImportCustomersPage } from './import/ImportCustomersPage';

/** Mounted under /customers/* (behind the crm feature gate). */
export function CustomersRoutes() {
  return (
    <Routes>
      <Route index element={<CustomersPage />} />
      <Route path="new" element={<NewCustomerPage />} />
      <Route path="import" element={<ImportCustomersPage />} />
      <Route path=":id" element={<CustomerPage />} />
    </Routes>
  );
}
