import { useRef, useState, type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { CallSettings } from '../../api/contracts';
import { adminKeys, MAX_GREETING_AUDIO_BYTES } from './adminApi';

/** Checked before uploading, so a wrong file never travels: the server checks the same and answers 413/415. */
export function checkAudioFile(file: File): string | null {
  if (file.size > MAX_GREETING_AUDIO_BYTES) {
    const mb = (file.size / (1024 * 1024)).toLocaleString('he-IL', { maximumFractionDigits: 1 });
    return `הקובץ גדול מדי (${mb}MB). אפשר להעלות קובץ שמע של עד 5MB.`;
  }
  if (file.size === 0) return 'הקובץ ריק.';
  // Some systems report no type at all; then the server decides.
  if (file.type && !file.type.startsWith('audio/')) return 'יש לבחור קובץ שמע (למשל MP3 או WAV).';
  return null;
}

interface AudioUploadCalls {
  upload: (file: File) => Promise<CallSettings>;
  remove: () => Promise<CallSettings>;
  /** The server's refusal in words the admin can act on. */
  errorMessage: (error: unknown) => string;
}

/**
 * The state of a call-settings audio card (the greeting recording, the hold clip): the chosen file, its local check,
 * the upload and the removal, and a version that changes after each save, since the audio's URL may stay the same.
 */
export function useAudioUploadForm({ upload: uploadFile, remove: removeFile, errorMessage }: AudioUploadCalls) {
  const queryClient = useQueryClient();
  const input = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [missingFile, setMissingFile] = useState(false);
  const [serverError, setServerError] = useState<string | null>(null);
  const [version, setVersion] = useState(0);

  const saved = (next: CallSettings) => {
    queryClient.setQueryData(adminKeys.callSettings, next);
    setVersion((v) => v + 1);
  };
  const upload = useMutation({
    mutationFn: uploadFile,
    onSuccess: (next) => {
      saved(next);
      setFile(null);
      if (input.current) input.current.value = '';
    },
    onError: (error) => setServerError(errorMessage(error)),
  });
  const remove = useMutation({ mutationFn: removeFile, onSuccess: saved });
  const localProblem = file ? checkAudioFile(file) : null;

  function choose(next: File | null) {
    upload.reset();
    remove.reset();
    setServerError(null);
    setMissingFile(false);
    setFile(next);
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!file) {
      setMissingFile(true);
      return;
    }
    if (localProblem) return;
    setServerError(null);
    remove.reset();
    upload.mutate(file);
  }

  return {
    input,
    file,
    version,
    upload,
    remove,
    busy: upload.isPending || remove.isPending,
    localProblem,
    fileError: localProblem ?? serverError ?? (missingFile ? 'יש לבחור קובץ שמע.' : null),
    choose,
    submit,
  };
}
