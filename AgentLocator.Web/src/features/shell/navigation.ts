import type { FeatureKey } from '../../api/contracts';

export interface NavItem {
  path: string;
  label: string;
  /** The plan feature that must be enabled; undefined means every user has it. */
  feature?: FeatureKey;
}

/** Order here is the order in the side navigation. */
export const NAV_ITEMS: readonly NavItem[] = [
  { path: '/customers', label: 'לקוחות', feature: 'crm' },
  { path: '/calls', label: 'שיחות', feature: 'calls' },
  { path: '/tasks', label: 'משימות' },
  { path: '/whatsapp', label: 'וואטסאפ', feature: 'whatsapp' },
  { path: '/contracts', label: 'חוזים', feature: 'contracts' },
  { path: '/invoices', label: 'חשבוניות', feature: 'invoices' },
  { path: '/signatures', label: 'חתימות', feature: 'signatures' },
];

export function isFeatureEnabled(feature: FeatureKey | undefined, features: readonly FeatureKey[]): boolean {
  return feature === undefined || features.includes(feature);
}

export function visibleNavItems(features: readonly FeatureKey[]): NavItem[] {
  return NAV_ITEMS.filter((item) => isFeatureEnabled(item.feature, features));
}
