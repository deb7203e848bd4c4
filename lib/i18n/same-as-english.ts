// Values a language may keep exactly as in English, because the word is the same there (a brand,
// a code, a loanword the language uses as is). Everything else left in English is an untranslated
// string and fails lib/i18n/messages-files.test.ts. Keyed by message key; the languages that keep it.
export const SAME_AS_ENGLISH: Readonly<Record<string, readonly string[]>> = {
  'page.shop': ['de'],
  'staff.twoFactorCode': ['de'],
  'staff.roleAdmin': ['de'],
  'staff.colStatus': ['de'],
  'staff.colClient': ['de'],
  'staff.channel_api': ['de'],
  'staff.channel_widget': ['de'],
  'staff.resultStatus': ['de'],
  'staffBranding.clientKeyShop': ['de'],
  'staffBranding.logoSection': ['de'],
  'staffSettings.brandingTitle': ['de'],
  'staffSettings.tokenName': ['de'],
  'staffSettings.tokensListHeading': ['de'],
  'staffSettings.colName': ['de'],
  'staffSettings.colStatus': ['de'],
  'staffSettings.inviteName': ['de'],
  'staffSettings.role_admin': ['de'],
  'staffSettings.role_agent': ['de'],
};
