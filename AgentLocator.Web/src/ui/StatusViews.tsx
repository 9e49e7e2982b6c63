import type { ReactNode } from 'react';

export function LoadingState({ message, fullPage = false }: { message: string; fullPage?: boolean }) {
  return (
    <div className={fullPage ? 'status-view status-view--page' : 'status-view'} role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" />
      <span>{message}</span>
    </div>
  );
}

export function ErrorState({
  title,
  children,
  onRetry,
}: {
  title: string;
  children?: ReactNode;
  onRetry?: () => void;
}) {
  return (
    <div className="status-view status-view--error" role="alert">
      <h2 className="status-view__title">{title}</h2>
      {children}
      {onRetry && (
        <button type="button" className="button" onClick={onRetry}>
          נסו שוב
        </button>
      )}
    </div>
  );
}
