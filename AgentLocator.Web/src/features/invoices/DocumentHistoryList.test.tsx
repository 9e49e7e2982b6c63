import { describe, expect, it } from 'vitest';
import { render, screen, within } from '@testing-library/react';
import { MemoryRouter } from 'react-router-dom';
import { DocumentHistoryList } from './DocumentHistoryList';
import { formatHistoryTime, historyLabel } from './documentHistory';

describe('DocumentHistoryList', () => {
  it('says so when the document has no history yet', () => {
    render(<DocumentHistoryList events={[]} timeZone="Asia/Jerusalem" />);
    expect(screen.getByText(/אין עדיין אירועים למסמך זה/)).toBeInTheDocument();
    expect(screen.queryByRole('list')).not.toBeInTheDocument();
  });

  it('lists each step with its Hebrew name, the business-zone time, how it was sent and the receipt that paid it', () => {
    render(
      <MemoryRouter>
        <DocumentHistoryList
          timeZone="Asia/Jerusalem"
          events={[
            { kind: 'issued', at: '2026-12-06T22:30:00Z', actor: 'דנה' },
            { kind: 'sent', at: '2026-12-06T22:40:00Z', detail: 'ב-WhatsApp אל 052-000-0001' },
            { kind: 'opened', at: '2026-12-06T23:00:00Z' },
            { kind: 'paid', at: '2026-12-07T08:00:00Z', relatedDocumentId: 'r1', relatedType: 'receipt', relatedNumber: 12, amountAgorot: 50_000 },
          ]}
        />
      </MemoryRouter>,
    );
    const items = within(screen.getByRole('list', { name: 'היסטוריית המסמך' })).getAllByRole('listitem');
    expect(items.map((item) => item.querySelector('strong')?.textContent)).toEqual([
      'הופק',
      'נשלח ללקוח',
      'הלקוח פתח את הקישור',
      'התקבל תשלום',
    ]);
    // 22:30 UTC is already the next day in Jerusalem (UTC+2 in December).
    expect(items[0]).toHaveTextContent('7.12.2026');
    expect(items[0]).toHaveTextContent('00:30');
    expect(items[0]).toHaveTextContent('דנה');
    expect(items[1]).toHaveTextContent('ב-WhatsApp אל 052-000-0001');
    expect(within(items[3]).getByRole('link', { name: 'קבלה 12' })).toHaveAttribute('href', '/invoices/r1');
  });

  it('formats in the zone it is given and keeps an unknown step as sent', () => {
    expect(formatHistoryTime('2026-12-06T21:30:00Z', 'UTC')).toContain('6.12.2026');
    expect(historyLabel('refunded')).toBe('refunded');
  });
});
