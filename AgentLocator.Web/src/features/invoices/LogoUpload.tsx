import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ApiError } from '../../api/client';
import { invoiceKeys, removeLogo, uploadLogo } from './invoicesApi';

/** The logo printed on documents: PNG or JPEG up to 1 MB, checked again by the server. */
export function LogoUpload({ logoUrl }: { logoUrl: string | null | undefined }) {
  const queryClient = useQueryClient();
  const refresh = () => void queryClient.invalidateQueries({ queryKey: invoiceKeys.settings });
  const upload = useMutation({ mutationFn: uploadLogo, onSuccess: refresh });
  const remove = useMutation({ mutationFn: removeLogo, onSuccess: refresh });
  const error = upload.error ?? remove.error;
  return (
    <fieldset className="field">
      <legend>לוגו</legend>
      {logoUrl ? <img src={logoUrl} alt="הלוגו הנוכחי" style={{ maxHeight: '4rem', maxWidth: '12rem' }} /> : <p className="muted">אין לוגו</p>}
      <input
        type="file"
        accept="image/png,image/jpeg"
        aria-label="העלאת לוגו"
        disabled={upload.isPending}
        onChange={(e) => {
          const file = e.target.files?.[0];
          if (file) upload.mutate(file);
          e.target.value = '';
        }}
      />
      {logoUrl && (
        <button type="button" className="button" disabled={remove.isPending} onClick={() => remove.mutate()}>
          הסרת הלוגו
        </button>
      )}
      {error instanceof ApiError && <span className="field__error">{error.errors ? Object.values(error.errors).flat().join(' ') : error.title}</span>}
    </fieldset>
  );
}
