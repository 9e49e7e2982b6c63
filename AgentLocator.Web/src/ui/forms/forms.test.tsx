import { describe, expect, it, vi } from 'vitest';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { FileInput } from './FileInput';
import { DateField, hebrewWallTime } from './DateField';

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

  it('keeps the native value and shows a Hebrew prompt while empty', async () => {
    const onChange = vi.fn();
    const { rerender } = render(<DateField aria-label="מתאריך" value="" onChange={onChange} />);
    expect(screen.getByText('בחירת תאריך')).toBeInTheDocument();
    expect(screen.getByLabelText('מתאריך')).toHaveAttribute('type', 'date');

    rerender(<DateField aria-label="מועד" withTime value="2026-03-27T09:30" onChange={onChange} />);
    expect(screen.getByLabelText('מועד')).toHaveAttribute('type', 'datetime-local');
    expect(screen.getByLabelText('מועד')).toHaveValue('2026-03-27T09:30');
    expect(screen.getByText(/27\.3\.2026, 09:30/)).toBeInTheDocument();
  });
});
