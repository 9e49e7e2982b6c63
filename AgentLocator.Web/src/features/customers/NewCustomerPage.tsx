import { useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from 'react-router-dom';
import { CustomerForm } from './CustomerForm';
import { createCustomer, customerKeys } from './customersApi';
import './Customers.css';

export function NewCustomerPage() {
  const navigate = useNavigate();
  const queryClient = useQueryClient();

  return (
    <section className="page" aria-labelledby="new-customer-title">
      <p className="breadcrumbs">
        <Link to="/customers">לקוחות</Link>
      </p>
      <h1 id="new-customer-title">לקוח חדש</h1>
      <div className="card">
        <CustomerForm
          submitLabel="יצירת לקוח"
          onSubmit={createCustomer}
          onSaved={(customer) => {
            void queryClient.invalidateQueries({ queryKey: customerKeys.all });
            void queryClient.invalidateQueries({ queryKey: customerKeys.tags });
            queryClient.setQueryData(customerKeys.detail(customer.id), customer);
            navigate(`/customers/${customer.id}`);
          }}
          onCancel={() => navigate('/customers')}
        />
      </div>
    </section>
  );
}
