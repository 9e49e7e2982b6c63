import { useEffect, useRef, useState } from 'react';

const WIDTH = 600;
const HEIGHT = 200;

/** What the pad holds: a PNG (base64, no data: prefix) and, for a typed signature, the text typed. */
export interface PadValue {
  png: string;
  typedName: string | null;
}

/**
 * A drawn signature (pointer events, so finger, pen and mouse alike) or a typed one, rendered to the same PNG the server
 * stamps into the document. The canvas keeps a fixed pixel size and scales with CSS, so strokes land where the finger is.
 */
export function SignaturePad({
  onChange,
  group = 'signature-mode',
  testId = 'signature-canvas',
}: {
  onChange: (value: PadValue | null) => void;
  /** The mode radios' name: a second pad on the page (a field's) needs its own. */
  group?: string;
  testId?: string;
}) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const drawing = useRef(false);
  const [mode, setMode] = useState<'draw' | 'type'>('draw');
  const [typed, setTyped] = useState('');
  const [hasInk, setHasInk] = useState(false);

  const context = () => {
    const ctx = canvas.current?.getContext('2d');
    if (ctx) {
      ctx.lineWidth = 3;
      ctx.lineCap = 'round';
      ctx.lineJoin = 'round';
      ctx.strokeStyle = '#0b2a6f';
      ctx.fillStyle = '#0b2a6f';
    }
    return ctx;
  };

  const clear = () => {
    context()?.clearRect(0, 0, WIDTH, HEIGHT);
    setHasInk(false);
    onChange(null);
  };

  useEffect(() => {
    if (mode !== 'type') return;
    const ctx = context();
    if (!ctx) return;
    ctx.clearRect(0, 0, WIDTH, HEIGHT);
    const text = typed.trim();
    if (!text) {
      onChange(null);
      return;
    }
    ctx.font = "italic 56px 'Assistant', sans-serif";
    ctx.textAlign = 'center';
    ctx.textBaseline = 'middle';
    ctx.direction = 'rtl';
    ctx.fillText(text, WIDTH / 2, HEIGHT / 2, WIDTH - 40);
    onChange({ png: toBase64(canvas.current!), typedName: text });
  }, [mode, typed]);

  const point = (event: React.PointerEvent<HTMLCanvasElement>) => {
    const box = event.currentTarget.getBoundingClientRect();
    return { x: ((event.clientX - box.left) / box.width) * WIDTH, y: ((event.clientY - box.top) / box.height) * HEIGHT };
  };

  return (
    <div className="signature-pad">
      <div className="signature-pad__modes" role="radiogroup" aria-label="אופן החתימה">
        <label>
          <input type="radio" name={group} checked={mode === 'draw'} onChange={() => { setMode('draw'); clear(); }} /> ציור חתימה
        </label>
        <label>
          <input type="radio" name={group} checked={mode === 'type'} onChange={() => { setMode('type'); clear(); }} /> הקלדת שם
        </label>
      </div>
      {mode === 'type' && (
        <label className="field">
          <span>השם המלא שלך</span>
          <input value={typed} maxLength={120} onChange={(event) => setTyped(event.target.value)} />
        </label>
      )}
      <canvas
        ref={canvas}
        width={WIDTH}
        height={HEIGHT}
        className="signature-pad__canvas"
        aria-label={mode === 'draw' ? 'משטח חתימה: ציירו את חתימתכם' : 'תצוגת החתימה המוקלדת'}
        data-testid={testId}
        onPointerDown={(event) => {
          if (mode !== 'draw') return;
          event.currentTarget.setPointerCapture(event.pointerId);
          drawing.current = true;
          const ctx = context();
          const { x, y } = point(event);
          ctx?.beginPath();
          ctx?.moveTo(x, y);
        }}
        onPointerMove={(event) => {
          if (!drawing.current) return;
          const ctx = context();
          const { x, y } = point(event);
          ctx?.lineTo(x, y);
          ctx?.stroke();
          setHasInk(true);
        }}
        onPointerUp={() => {
          if (!drawing.current) return;
          drawing.current = false;
          if (hasInk && canvas.current) onChange({ png: toBase64(canvas.current), typedName: null });
        }}
      />
      {mode === 'draw' && (
        <button type="button" className="button button--link" onClick={clear}>
          ניקוי
        </button>
      )}
    </div>
  );
}

function toBase64(canvas: HTMLCanvasElement): string {
  const url = canvas.toDataURL('image/png');
  return url.slice(url.indexOf(',') + 1);
}
