import { useEffect, useId, useRef, useState } from 'react';
import { NavLink, useLocation } from 'react-router-dom';
import type { NavItem } from './navigation';
import { SHELL_TEXT } from './shellText';

/**
 * The user's name opens their menu: their own settings, the admin's tools and "log out". A disclosure (button and
 * list of links), so it reads the same to a screen reader on a phone and a desktop. Escape or a click elsewhere
 * closes it; Escape gives focus back to the button.
 */
export function UserMenu({
  displayName,
  items,
  onLogout,
}: {
  displayName: string;
  items: readonly NavItem[];
  onLogout: () => void;
}) {
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const panelId = useId();
  const { pathname } = useLocation();

  useEffect(() => setOpen(false), [pathname]);

  useEffect(() => {
    if (!open) return;
    function onPointerDown(event: PointerEvent) {
      if (!root.current?.contains(event.target as Node)) setOpen(false);
    }
    document.addEventListener('pointerdown', onPointerDown);
    return () => document.removeEventListener('pointerdown', onPointerDown);
  }, [open]);

  return (
    <div
      ref={root}
      className="user-menu"
      onKeyDown={(event) => {
        if (event.key === 'Escape' && open) {
          setOpen(false);
          button.current?.focus();
        }
      }}
    >
      <button
        ref={button}
        type="button"
        className="user-menu__button"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen((value) => !value)}
      >
        <span className="user-menu__avatar" aria-hidden="true">
          {displayName.trim().charAt(0)}
        </span>
        {/* The name is the button's visible text; the words before it say what the button opens. */}
        <span className="visually-hidden">{SHELL_TEXT.userMenu}: </span>
        <span className="user-menu__name" data-testid="user-display-name">
          {displayName}
        </span>
      </button>
      <div id={panelId} className="user-menu__panel" hidden={!open}>
        <ul>
          {items.map((item) => (
            <li key={item.path}>
              <NavLink to={item.path}>{item.label}</NavLink>
            </li>
          ))}
          <li>
            <button type="button" className="user-menu__logout" onClick={onLogout}>
              {SHELL_TEXT.logout}
            </button>
          </li>
        </ul>
      </div>
    </div>
  );
}
