import type { Ref, SelectHTMLAttributes } from 'react';
import './Forms.css';

/** The app's one drop-down: the native <select> (its options are ours, so Hebrew), drawn from the design tokens. */
export function Select({
  ref,
  className,
  ...native
}: SelectHTMLAttributes<HTMLSelectElement> & { ref?: Ref<HTMLSelectElement> }) {
  return <select ref={ref} className={className ? `select-control ${className}` : 'select-control'} {...native} />;
}
