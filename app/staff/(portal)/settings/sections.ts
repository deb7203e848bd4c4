// The settings pages, in the order of the settings navigation and the overview. Branding has its
// own page and editor; two-factor sign-in is the admin's own.
export const SETTINGS_SECTIONS = [
  { href: '/staff/settings/branding', key: 'branding' },
  { href: '/staff/settings/tokens', key: 'tokens' },
  { href: '/staff/settings/access', key: 'access' },
  { href: '/staff/settings/users', key: 'users' },
  { href: '/staff/settings/audit', key: 'audit' },
  { href: '/staff/settings/two-factor', key: 'twoFactor' },
] as const;
