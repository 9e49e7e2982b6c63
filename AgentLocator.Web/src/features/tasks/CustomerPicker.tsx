import { useEffect, useId, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { Customer, Paged } from '../../api/contracts';
import { nameShowsPhone, PhoneNumber, TextWithNumbers } from '../../ui/Ltr';
import { CUSTOMER_PICKER_TEXT } from './strings';

export interface PickedCustomer {
  id: string;
  name: string;
}

const SEARCH_DELAY_MS = 250;

function useDebounced(value: string, delayMs: number): string {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), delayMs);
    return () => clearTimeout(timer);
  }, [value, delayMs]);
  return debounced;
}

/** Finds a customer by name or phone (the CRM's own search), for users who have the CRM. */
export function CustomerPicker({
  value,
  onChange,
  invalid,
  describedBy,
}: {
  value: PickedCustomer | null;
  onChange: (customer: PickedCustomer | null) => void;
  invalid: boolean;
  describedBy?: string;
}) {
  const [text, setText] = useState('');
  const q = useDebounced(text.trim(), SEARCH_DELAY_MS);
  const resultsId = useId();
  const results = useQuery({
    queryKey: ['customers', 'picker', q],
    queryFn: ({ signal }) =>
      api.get<Paged<Customer>>(`/api/crm/customers?${new URLSearchParams({ q, limit: '10' })}`, signal),
    enabled: value === null && q.length > 0,
  });

  if (value) {
    return (
      <div className="customer-picker__chosen">
        <span data-testid="task-customer">
          <TextWithNumbers text={value.name} />
        </span>
        <button type="button" className="button-link" onClick={() => onChange(null)}>
          {CUSTOMER_PICKER_TEXT.change}
        </button>
      </div>
    );
  }

  const items = results.data?.items ?? [];
  return (
    <div className="customer-picker">
      <input
        id="task-customerId"
        name="customerId"
        type="search"
        autoComplete="off"
        placeholder={CUSTOMER_PICKER_TEXT.searchPlaceholder}
        value={text}
        aria-invalid={invalid || undefined}
        aria-describedby={describedBy}
        aria-controls={resultsId}
        onChange={(event) => setText(event.target.value)}
      />
      <div id={resultsId} aria-live="polite">
        {q && results.isSuccess && items.length === 0 && <p className="muted">{CUSTOMER_PICKER_TEXT.none}</p>}
        {results.isError && <p className="field__error">{CUSTOMER_PICKER_TEXT.failed}</p>}
        {items.length > 0 && (
          <ul className="customer-picker__results" aria-label={CUSTOMER_PICKER_TEXT.results}>
            {items.map((customer) => (
              <li key={customer.id}>
                <button
                  type="button"
                  className="customer-picker__option"
                  onClick={() => onChange({ id: customer.id, name: customer.name })}
                >
                  <TextWithNumbers text={customer.name} />
                  {customer.phoneDisplay && !nameShowsPhone(customer.name, customer.phoneDisplay) && (
                    <>
                      {' · '}
                      <PhoneNumber value={customer.phoneDisplay} />
                    </>
                  )}
                </button>
              </li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}
