import { useRef, useState, type InputHTMLAttributes, type Ref } from 'react';
import { FILE_INPUT_TEXT } from './strings';
import './Forms.css';

export { FILE_INPUT_TEXT };

type NativeProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'type' | 'className' | 'onChange'>;

/**
 * A file picker that says "בחירת קובץ" and the chosen file's name in Hebrew whatever the browser's language. The
 * native input stays (visually hidden, focusable, labelled by the field's <label>), so keyboard, screen readers and
 * tests use it as before; the visible button and name are drawn from the design tokens.
 */
export function FileInput({
  ref,
  file,
  onFile,
  ...native
}: NativeProps & {
  ref?: Ref<HTMLInputElement>;
  /** The chosen file when the form keeps it (so clearing it there clears the name here); else the input's own. */
  file?: File | null;
  onFile: (file: File | null) => void;
}) {
  const own = useRef<HTMLInputElement | null>(null);
  const [picked, setPicked] = useState<string | null>(null);
  const name = file === undefined ? picked : (file?.name ?? null);

  function setRefs(element: HTMLInputElement | null) {
    own.current = element;
    if (typeof ref === 'function') ref(element);
    else if (ref) ref.current = element;
  }

  return (
    <span className="file-input" data-empty={name ? undefined : ''}>
      <input
        {...native}
        ref={setRefs}
        type="file"
        className="file-input__native"
        onChange={(event) => {
          const chosen = event.target.files?.[0] ?? null;
          setPicked(chosen?.name ?? null);
          onFile(chosen);
        }}
      />
      {/* Drawn for sighted users; the input itself is what is focused and announced. */}
      <span className="file-input__face" aria-hidden="true" onClick={() => own.current?.click()}>
        <span className="button file-input__button">{FILE_INPUT_TEXT.choose}</span>
        <span className="file-input__name">{name ?? FILE_INPUT_TEXT.none}</span>
      </span>
    </span>
  );
}
