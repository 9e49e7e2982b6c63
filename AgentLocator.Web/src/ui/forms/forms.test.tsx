import { describe, expect, it, vi } from 'vitest';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { FileInput } from './FileInput';
import { DateField, hebrewWallTime } from './DateField';
import { TimeField } from './TimeField';

describe('FileInput', () => {
  it('says "בחירת קובץ" and "לא נבחר קובץ" in Hebrew, then the chosen file’s name, and hands the file on', async () => {
    const onFile = vi.fn();
    render(
      <>
        <label htmlFor="f">קובץ</label>
        <FileInput id="f" onFile={onFile} />
      </>,
    );
    expect(screen.getByText('בחירת קובץ')).toBeInTheDocument();
    expect(screen.getByText('לא נבחר קובץ')).toBeInTheDocument();

    const file = new File(['a,b'], 'לקוחות.csv', { type: 'text/csv' });
    await userEvent.upload(screen.getByLabelText('קובץ'), file);

    expect(onFile).toHaveBeenCalledWith(file);
    expect(screen.getByText('לקוחות.csv')).toBeInTheDocument();
  });

  it('shows the form’s own file when the form keeps it, so clearing it there clears the name', () => {
    const file = new File(['x'], 'greeting.wav');
    const { rerender } = render(<FileInput file={file} onFile={() => {}} />);
    expect(screen.getByText('greeting.wav')).toBeInTheDocument();

    rerender(<FileInput file={null} onFile={() => {}} />);
    expect(screen.getByText('לא נבחר קובץ')).toBeInTheDocument();
  });
});

describe('DateField', () => {
  it('reads a date and a date-time in Hebrew, whatever the browser’s language', () => {
    expect(hebrewWallTime('2026-03-27')).toMatch(/^יום ו׳, 27\.3\.2026$/);
    expect(hebrewWallTime('2026-03-27T09:05')).toMatch(/^יום ו׳, 27\.3\.2026, 09:05$/);
    expect(hebrewWallTime('')).toBeNull();
  });

  it('shows a Hebrew prompt while empty and the Hebrew reading of its value', () => {
    const { rerender } = render(<DateField aria-label="מתאריך" value="" onValue={() => {}} />);
    expect(screen.getByRole('button', { name: 'מתאריך' })).toHaveAccessibleDescription('בחירת תאריך');

    rerender(<DateField aria-label="מועד" withTime value="2026-03-27T09:30" onValue={() => {}} />);
    expect(screen.getByRole('button', { name: 'מועד' })).toHaveAccessibleDescription(/27\.3\.2026, 09:30/);
  });

  it('opens a Hebrew calendar from Sunday, moves by keyboard right to left and picks a date', async () => {
    const onValue = vi.fn();
    render(<DateField aria-label="מתאריך" value="2026-03-27" onValue={onValue} />);
    await userEvent.click(screen.getByRole('button', { name: 'מתאריך' }));

    const dialog = screen.getByRole('dialog', { name: 'מתאריך' });
    expect(within(dialog).getByRole('grid', { name: 'מרץ 2026' })).toBeInTheDocument();
    expect(within(dialog).getAllByRole('columnheader').map((th) => th.textContent)).toEqual(['א׳', 'ב׳', 'ג׳', 'ד׳', 'ה׳', 'ו׳', 'ש׳']);
    const picked = within(dialog).getByRole('button', { name: 'יום שישי, 27 במרץ 2026' });
    expect(picked).toHaveFocus();
    expect(picked).toHaveAttribute('aria-pressed', 'true');

    // In a right-to-left row the next day is to the left; a week down; Page Down is the next month.
    await userEvent.keyboard('{ArrowLeft}');
    expect(within(dialog).getByRole('button', { name: 'יום שבת, 28 במרץ 2026' })).toHaveFocus();
    await userEvent.keyboard('{ArrowDown}');
    expect(screen.getByRole('grid', { name: 'אפריל 2026' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'יום שבת, 4 באפריל 2026' })).toHaveFocus();
    await userEvent.keyboard('{PageDown}');
    expect(screen.getByRole('button', { name: 'יום שני, 4 במאי 2026' })).toHaveFocus();
    await userEvent.keyboard('{Enter}');

    expect(onValue).toHaveBeenCalledWith('2026-05-04');
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'מתאריך' })).toHaveFocus();
  });

  it('picks a date and a time from its month, year, hour and minute lists, and keeps to min', async () => {
    const onValue = vi.fn();
    const { rerender } = render(<DateField aria-label="מועד" withTime min="2030-07-01" value="" onValue={onValue} />);
    await userEvent.click(screen.getByRole('button', { name: 'מועד' }));
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'שנה' }), '2030');
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'חודש' }), 'יולי');
    await userEvent.click(screen.getByRole('button', { name: 'יום שני, 1 ביולי 2030' }));
    expect(onValue).toHaveBeenLastCalledWith('2030-07-01T09:00');

    rerender(<DateField aria-label="מועד" withTime min="2030-07-01" value="2030-07-01T09:00" onValue={onValue} />);
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'דקות' }), '30');
    expect(onValue).toHaveBeenLastCalledWith('2030-07-01T09:30');

    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'חודש' }), 'יוני');
    onValue.mockClear();
    await userEvent.click(screen.getByRole('button', { name: 'יום ראשון, 30 ביוני 2030' }));
    expect(onValue).not.toHaveBeenCalled();

    await userEvent.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
  });
});

describe('TimeField', () => {
  it('lists quarter hours in 24-hour time and keeps a value off them', async () => {
    const onValue = vi.fn();
    render(<TimeField aria-label="משעה" value="08:50" onValue={onValue} />);
    const field = screen.getByRole('combobox', { name: 'משעה' });
    expect(field).toHaveValue('08:50');
    expect(within(field).getAllByRole('option').map((option) => option.textContent)).toContain('23:45');
    await userEvent.selectOptions(field, '17:30');
    expect(onValue).toHaveBeenCalledWith('17:30');
  });
});
