import { useState } from 'react';

/** A one-time link shown once, with a copy button: the server keeps only its hash, so it cannot be shown again. */
export function CopyableLink({ url, label }: { url: string; label: string }) {
  const [copied, setCopied] = useState(false);
  async function copy() {
    try {
      await navigator.clipboard.writeText(url);
      setCopied(true);
    } catch {
      setCopied(false);
    }
  }
  return (
    <div className="copyable-link">
      <label>
        {label}
        <input readOnly dir="ltr" value={url} data-testid="one-time-link" onFocus={(event) => event.target.select()} />
      </label>
      <button type="button" className="button" onClick={() => void copy()}>
        {copied ? 'הועתק' : 'העתקה'}
      </button>
      <p className="settings-page__hint">הקישור חד-פעמי ותקף 7 ימים. הוא מוצג כאן פעם אחת בלבד.</p>
    </div>
  );
}
