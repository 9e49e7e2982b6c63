import type { FeatureKey, MeResponse } from '../../api/contracts';

export interface NavItem {
  path: string;
  label: string;
  /** The plan feature that must be enabled; undefined means every user has it. */
  feature?: FeatureKey;
  /** Only the business's admins see it (the API refuses everyone else anyway). */
  adminOnly?: boolean;
}

/**
 * The product's areas, in the order of the side navigation (the drawer on a phone). Adding an area is one entry
 * here and one element in AppRoutes' PAGES; until it has a page, its route shows "coming soon".
 */
export const NAV_ITEMS: readonly NavItem[] = [
  { path: '/customers', label: 'לקוחות', feature: 'crm' },
  { path: '/calls', label: 'שיחות', feature: 'calls' },
  { path: '/tasks', label: 'משימות' },
  { path: '/whatsapp', label: 'וואטסאפ', feature: 'whatsapp' },
  { path: '/contracts', label: 'חוזים', feature: 'contracts' },
  { path: '/invoices', label: 'חשבוניות', feature: 'invoices' },
  { path: '/signatures', label: 'חתימות', feature: 'signatures' },
];

/** The user menu in the header: the user's own settings, then the admin's (and any operator's) tools. */
export const USER_MENU_ITEMS: readonly NavItem[] = [
  { path: '/settings/notifications', label: 'התראות' },
  { path: '/settings/features', label: 'הגדרות', adminOnly: true },
  { path: '/settings/calls', label: 'הגדרות מענה טלפוני', feature: 'calls', adminOnly: true },
  { path: '/settings/users', label: 'משתמשים', adminOnly: true },
  { path: '/settings/audit', label: 'יומן פעולות', adminOnly: true },
];

export function isFeatureEnabled(feature: FeatureKey | undefined, features: readonly FeatureKey[]): boolean {
  return feature === undefined || features.includes(feature);
}

export function visibleNavItems(features: readonly FeatureKey[]): NavItem[] {
  return NAV_ITEMS.filter((item) => isFeatureEnabled(item.feature, features));
}

export function visibleMenuItems(me: Pick<MeResponse, 'features' | 'user'>): NavItem[] {
  return USER_MENU_ITEMS.filter(
    (item) => isFeatureEnabled(item.feature, me.features) && (!item.adminOnly || me.user.role === 'admin'),
  );
}
