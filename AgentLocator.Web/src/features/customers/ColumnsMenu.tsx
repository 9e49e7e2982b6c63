import { useEffect, useId, useRef, useState } from 'react';
import type { Column } from '@tanstack/react-table';
import type { Customer } from '../../api/contracts';

/** "עמודות": a disclosure with one checkbox per column; closes on Escape or a click elsewhere. */
export function ColumnsMenu({ columns }: { columns: Column<Customer, unknown>[] }) {
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const rootRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!open) return;
    function onPointerDown(event: PointerEvent) {
      if (!rootRef.current?.contains(event.target as Node)) setOpen(false);
    }
    function onKeyDown(event: KeyboardEvent) {
      if (event.key === 'Escape') {
        setOpen(false);
        buttonRef.current?.focus();
      }
    }
    document.addEventListener('pointerdown', onPointerDown);
    document.addEventListener('keydown', onKeyDown);
    return () => {
      document.removeEventListener('pointerdown', onPointerDown);
      document.removeEventListener('keydown', onKeyDown);
    };
  }, [open]);

  return (
    <div className="columns-menu" ref={rootRef}>
      <button
        ref={buttonRef}
        type="button"
        className="button"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen((value) => !value)}
      >
        עמודות
      </button>
      {open && (
        <fieldset id={panelId} className="columns-menu__panel">
          <legend>עמודות מוצגות</legend>
          {columns.map((column) => (
            <label key={column.id} className="columns-menu__option">
              <input
                type="checkbox"
                checked={column.getIsVisible()}
                disabled={!column.getCanHide()}
                onChange={column.getToggleVisibilityHandler()}
              />
              {String(column.columnDef.header)}
            </label>
          ))}
        </fieldset>
      )}
    </div>
  );
}
