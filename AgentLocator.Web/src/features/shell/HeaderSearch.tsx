import { useId, useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router-dom';
import { SHELL_TEXT } from './shellText';

/** Finds a customer from any page: the customers list, searched by name or phone. */
export function HeaderSearch() {
  const [text, setText] = useState('');
  const navigate = useNavigate();
  const inputId = useId();

  function submit(event: FormEvent) {
    event.preventDefault();
    const q = text.trim();
    navigate(q ? `/customers?q=${encodeURIComponent(q)}` : '/customers');
  }

  return (
    <form role="search" className="header-search" aria-label={SHELL_TEXT.search} onSubmit={submit}>
      <label htmlFor={inputId} className="visually-hidden">
        {SHELL_TEXT.search}
      </label>
      <input
        id={inputId}
        type="search"
        className="header-search__input"
        placeholder={SHELL_TEXT.searchPlaceholder}
        value={text}
        onChange={(event) => setText(event.target.value)}
      />
      <button type="submit" className="header-search__submit" aria-label={SHELL_TEXT.searchSubmit}>
        <svg viewBox="0 0 24 24" aria-hidden="true" focusable="false">
          <circle cx="10.5" cy="10.5" r="6.5" fill="none" stroke="currentColor" strokeWidth="2" />
          <path d="M15.5 15.5 21 21" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
        </svg>
      </button>
    </form>
  );
}
