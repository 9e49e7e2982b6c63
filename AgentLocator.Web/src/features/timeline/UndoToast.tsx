import { useEffect, useRef, useState } from 'react';

export interface ToastMessage {
  id: number;
  message: string;
  undo?: () => Promise<void>;
}

const SHOWN_FOR_MS = 10_000;

/**
 * The result of an action, with "בטל" when it can be undone. It goes away after a while, but not while the pointer or
 * the keyboard focus is on it, so a keyboard user who tabs to "בטל" always gets there in time.
 */
export function UndoToast({ toast, onClose }: { toast: ToastMessage | null; onClose: () => void }) {
  const [held, setHeld] = useState(false);
  const [undoing, setUndoing] = useState(false);
  const [failed, setFailed] = useState(false);
  const box = useRef<HTMLDivElement>(null);
  const undoButton = useRef<HTMLButtonElement>(null);
  const hasUndo = Boolean(toast?.undo);

  useEffect(() => {
    setFailed(false);
    setUndoing(false);
    // The button that deleted the item went with it; the keyboard's place is now the way back.
    if (hasUndo) undoButton.current?.focus();
  }, [toast?.id, hasUndo]);

  useEffect(() => {
    if (!toast || held || undoing) return;
    const timer = setTimeout(onClose, SHOWN_FOR_MS);
    return () => clearTimeout(timer);
  }, [toast, held, undoing, onClose]);

  async function undo() {
    if (!toast?.undo) return;
    setUndoing(true);
    setFailed(false);
    try {
      await toast.undo();
      onClose();
    } catch {
      setFailed(true);
    } finally {
      setUndoing(false);
    }
  }

  return (
    <div
      ref={box}
      className="timeline-toast"
      role="status"
      aria-live="polite"
      hidden={!toast}
      onMouseEnter={() => setHeld(true)}
      onMouseLeave={() => setHeld(false)}
      onFocus={() => setHeld(true)}
      onBlur={(event) => {
        if (!box.current?.contains(event.relatedTarget as Node | null)) setHeld(false);
      }}
    >
      {toast && (
        <>
          <span>{failed ? 'השחזור נכשל. נסו שוב.' : toast.message}</span>
          {toast.undo && (
            <button ref={undoButton} type="button" className="button button--small" disabled={undoing} onClick={() => void undo()}>
              {undoing ? 'משחזר…' : 'בטל'}
            </button>
          )}
          <button type="button" className="button-link" onClick={onClose} aria-label="סגירת ההודעה">
            ✕
          </button>
        </>
      )}
    </div>
  );
}
