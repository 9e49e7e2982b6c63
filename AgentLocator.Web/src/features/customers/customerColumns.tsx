import { createColumnHelper, type ColumnDef } from '@tanstack/react-table';
import { Link } from 'react-router-dom';
import type { Customer, CustomerStatus } from '../../api/contracts';
import { formatDate } from '../../time/formatting';
import { STATUS_LABELS } from './customerLabels';
import { Ltr, PhoneNumber, TextWithNumbers } from '../../ui/Ltr';

/** Column ids double as the export's `columns=` names, so they must match the API's names. */
export const COLUMN_IDS = ['name', 'phone', 'email', 'city', 'status', 'tags', 'createdAt', 'lastActivityAt'] as const;
export type ColumnId = (typeof COLUMN_IDS)[number];

export const COLUMN_LABELS: Record<ColumnId, string> = {
  name: 'שם',
  phone: 'טלפון',
  email: 'אימייל',
  city: 'עיר',
  status: 'סטטוס',
  tags: 'תגיות',
  createdAt: 'נוצר',
  lastActivityAt: 'פעילות אחרונה',
};

/** The name is how a row is recognised and opened, so it is always shown. */
export const ALWAYS_VISIBLE: ReadonlySet<string> = new Set<ColumnId>(['name']);

const column = createColumnHelper<Customer>();

// Each column has its own value type; TanStack's own docs type a mixed list as ColumnDef<T, any>[].
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyCustomerColumn = ColumnDef<Customer, any>;

export function customerColumns(timeZone: string): AnyCustomerColumn[] {
  return [
    column.accessor('name', {
      header: COLUMN_LABELS.name,
      enableSorting: true,
      enableHiding: false,
      cell: (info) => (
        <Link className="customers-grid__name" to={`/customers/${info.row.original.id}`}>
          <TextWithNumbers text={info.getValue()} />
        </Link>
      ),
    }),
    column.accessor('phoneDisplay', {
      id: 'phone',
      header: COLUMN_LABELS.phone,
      enableSorting: false,
      cell: (info) => {
        const phone = info.getValue();
        return phone ? <PhoneNumber value={phone} /> : '—';
      },
    }),
    column.accessor('email', {
      header: COLUMN_LABELS.email,
      enableSorting: false,
      cell: (info) => {
        const email = info.getValue();
        return email ? <Ltr>{email}</Ltr> : '—';
      },
    }),
    column.accessor('city', {
      header: COLUMN_LABELS.city,
      enableSorting: false,
      cell: (info) => info.getValue() ?? '—',
    }),
    column.accessor('status', {
      header: COLUMN_LABELS.status,
      enableSorting: false,
      cell: (info) => {
        const status: CustomerStatus = info.getValue();
        return <span className={`status-pill status-pill--${status}`}>{STATUS_LABELS[status]}</span>;
      },
    }),
    column.accessor('tags', {
      header: COLUMN_LABELS.tags,
      enableSorting: false,
      cell: (info) => (info.getValue().length ? info.getValue().join(', ') : '—'),
    }),
    column.accessor('createdAt', {
      header: COLUMN_LABELS.createdAt,
      enableSorting: true,
      sortDescFirst: true,
      cell: (info) => formatDate(info.getValue(), timeZone),
    }),
    column.accessor('lastActivityAt', {
      header: COLUMN_LABELS.lastActivityAt,
      enableSorting: true,
      sortDescFirst: true,
      cell: (info) => formatDate(info.getValue(), timeZone, true),
    }),
  ];
}
