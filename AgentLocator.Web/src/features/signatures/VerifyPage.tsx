import { useState } from 'react';
import { useMutation } from '@tanstack/react-query';
import { ApiError } from '../../api/client';
import { formatDate } from '../../time/formatting';
import { DEFAULT_TIME_ZONE } from '../../time/zonedTime';
import { ROLE_LABELS, verifyDocument } from './signaturesApi';
import { FileInput } from '../../ui/forms/FileInput';
import './Signatures.css';

/** Upload a PDF: whether this system issued it, whether it is unchanged since it was signed, and who signed when. */
export function VerifyPage() {
  const [file, setFile] = useState<File | null>(null);
  const check = useMutation({ mutationFn: () => verifyDocument(file!) });
  const result = check.data;
  return (
    <main className="sign-page verify-page" dir="rtl">
      <h1>בדיקת מסמך חתום</h1>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          check.mutate();
        }}
      >
        <label className="field">
          <span>קובץ PDF</span>
          <FileInput accept="application/pdf" file={file} onFile={setFile} />
        </label>
        <button type="submit" className="button button--primary" disabled={!file || check.isPending}>
          בדיקה
        </button>
      </form>
      {check.isError && <p role="alert" className="form-error">{check.error instanceof ApiError ? check.error.message : 'הבדיקה נכשלה'}</p>}
      {result && (
        <section className="verify-page__result" role="status">
          <p className={result.issued ? 'verify-ok' : 'verify-bad'}>{result.issued ? 'המסמך הופק ונחתם במערכת.' : 'המסמך לא הופק במערכת (או שונה לאחר החתימה).'}</p>
          <p className={result.unchanged ? 'verify-ok' : 'verify-bad'}>
            {!result.signaturePresent ? 'אין במסמך חתימה דיגיטלית.' : result.unchanged ? 'החתימה הדיגיטלית תקינה: המסמך לא שונה מאז שנחתם.' : 'החתימה הדיגיטלית אינה תקינה: המסמך שונה לאחר החתימה.'}
          </p>
          {result.title && (
            <p>
              {result.title} · {result.businessName} · הושלם {formatDate(result.completedAt, DEFAULT_TIME_ZONE, true)}
            </p>
          )}
          {result.signers.length > 0 && (
            <ul>
              {result.signers.map((signer) => (
                <li key={`${signer.name}-${signer.signedAt}`}>
                  {signer.name} ({ROLE_LABELS[signer.role]}) — {formatDate(signer.signedAt, DEFAULT_TIME_ZONE, true)}
                </li>
              ))}
            </ul>
          )}
          <p className="muted">
            SHA-256: <span dir="ltr">{result.sha256}</span>
          </p>
        </section>
      )}
    </main>
  );
}
