import { describe, expect, it } from 'vitest';
import { render } from '@testing-library/react';
import { nameShowsPhone, TextWithNumbers } from './Ltr';

describe('TextWithNumbers', () => {
  it('isolates each number run with separators left to right and leaves the Hebrew and bare numbers as they are', () => {
    const { container } = render(
      <h1>
        <TextWithNumbers text="מתקשר חדש 050-123-4567 · 2 שיחות" />
      </h1>,
    );

    const runs = [...container.querySelectorAll('bdi')];
    expect(runs.map((run) => run.textContent)).toEqual(['050-123-4567']);
    expect(runs.every((run) => run.getAttribute('dir') === 'ltr' && run.classList.contains('ltr'))).toBe(true);
    expect(container.textContent).toBe('מתקשר חדש 050-123-4567 · 2 שיחות');
  });

  it('keeps an international number with spaces in one run', () => {
    const { container } = render(<TextWithNumbers text="חייג +972 50 123 4567 עכשיו" />);

    expect([...container.querySelectorAll('bdi')].map((run) => run.textContent)).toEqual(['+972 50 123 4567']);
  });
});

describe('nameShowsPhone', () => {
  it('is true when the name already holds the number, in any of its forms', () => {
    expect(nameShowsPhone('מתקשר חדש 050-123-4567', '050-123-4567')).toBe(true);
    expect(nameShowsPhone('מתקשר חדש 050-123-4567', '+972501234567')).toBe(true);
  });

  it('is false for a real name or a missing phone', () => {
    expect(nameShowsPhone('דנה כהן', '050-123-4567')).toBe(false);
    expect(nameShowsPhone('מתקשר חדש 050-123-4567', null)).toBe(false);
    expect(nameShowsPhone('מתקשר חדש 050-999-0000', '050-123-4567')).toBe(false);
  });
});
