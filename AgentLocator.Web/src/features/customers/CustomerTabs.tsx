import { useId, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import type { FeatureKey } from '../../api/contracts';

interface TabDefinition {
  id: string;
  label: string;
  /** Shown when any one of these is enabled; undefined means always. */
  features?: FeatureKey[];
}

/** Areas that later capabilities fill in; each is honest about being empty for now. */
export const CUSTOMER_TABS: readonly TabDefinition[] = [
  { id: 'timeline', label: 'ציר זמן' },
  { id: 'calls', label: 'שיחות', features: ['calls'] },
  { id: 'whatsapp', label: 'וואטסאפ', features: ['whatsapp'] },
  { id: 'tasks', label: 'משימות' },
  // Signature requests have their own tab; documents are contracts and tax documents.
  { id: 'documents', label: 'מסמכים', features: ['contracts', 'invoices'] },
  { id: 'signatures', label: 'חתימות', features: ['signatures'] },
];

export function visibleCustomerTabs(features: readonly FeatureKey[]): TabDefinition[] {
  return CUSTOMER_TABS.filter((tab) => !tab.features || tab.features.some((f) => features.includes(f)));
}

/** WAI-ARIA tabs. Arrow keys follow the reading direction: in RTL, ArrowLeft moves to the next tab. */
export function CustomerTabs({
  features,
  panels = {},
}: {
  features: readonly FeatureKey[];
  /** Tabs that have been built, by id; the others show an honest empty state. */
  panels?: Partial<Record<string, ReactNode>>;
}) {
  const tabs = visibleCustomerTabs(features);
  const [selected, setSelected] = useState(tabs[0]?.id);
  const baseId = useId();
  const buttons = useRef<Record<string, HTMLButtonElement | null>>({});
  const current = tabs.find((tab) => tab.id === selected) ?? tabs[0];

  function onKeyDown(event: KeyboardEvent) {
    const index = tabs.findIndex((tab) => tab.id === current.id);
    const rtl = getComputedStyle(event.currentTarget).direction === 'rtl';
    const step: Record<string, number> = { ArrowLeft: rtl ? 1 : -1, ArrowRight: rtl ? -1 : 1 };
    let next: number | undefined;
    if (event.key in step) next = (index + step[event.key] + tabs.length) % tabs.length;
    if (event.key === 'Home') next = 0;
    if (event.key === 'End') next = tabs.length - 1;
    if (next === undefined) return;
    event.preventDefault();
    setSelected(tabs[next].id);
    buttons.current[tabs[next].id]?.focus();
  }

  return (
    <section className="customer-tabs">
      <div role="tablist" aria-label="פעילות הלקוח" className="customer-tabs__list" onKeyDown={onKeyDown}>
        {tabs.map((tab) => (
          <button
            key={tab.id}
            ref={(element) => {
              buttons.current[tab.id] = element;
            }}
            type="button"
            role="tab"
            id={`${baseId}-tab-${tab.id}`}
            aria-selected={tab.id === current.id}
            aria-controls={`${baseId}-panel-${tab.id}`}
            tabIndex={tab.id === current.id ? 0 : -1}
            className="customer-tabs__tab"
            onClick={() => setSelected(tab.id)}
          >
            {tab.label}
          </button>
        ))}
      </div>
      <div
        role="tabpanel"
        id={`${baseId}-panel-${current.id}`}
        aria-labelledby={`${baseId}-tab-${current.id}`}
        className="customer-tabs__panel"
        tabIndex={0}
      >
        {panels[current.id] ?? (
          <>
            <p>עדיין אין כאן פריטים.</p>
            <p className="badge">בקרוב</p>
          </>
        )}
      </div>
    </section>
  );
}
