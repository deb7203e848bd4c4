import 'server-only';
import { type Branding, brandingFrom } from '@/lib/branding/branding';
import { checkLogo, logoRefusalOf, readLogo } from '@/lib/branding/logo';
import {
  type BrandFields,
  clientBrands,
  getAccount,
  getAccountForUpdate,
  setBranding,
} from '@/lib/db/accounts';
import { deleteOtherBrandLogos, insertBrandLogo, orderClientKeys } from '@/lib/db/brand-assets';
import type { Db } from '@/lib/db/client';
import type { AccountRow } from '@/lib/db/schema';
import { DomainError } from '@/lib/errors';
import { clearBrandingCache, getBranding } from '@/lib/orders/branding';
import { parseWith } from '@/lib/schemas/parse';
import { brandingFormSchema, brandingPreviewSchema } from '@/lib/schemas/branding';
import { recordAudit } from '@/lib/staff/audit';
import type { StaffSession } from '@/lib/staff/session';

// The branding editor (admin): the brand and the shoppers' contact of the account, or of one shop
// (client key) of a multi-brand account. Everything is scoped to the session's account here: a
// client key is only ever looked up among the account's own.

const BRAND_FIELDS = ['name', 'primary_color'] as const;
const CONTACT_FIELDS = ['support_email', 'support_phone', 'help_url', 'website_url'] as const;
type SavedFields = Required<
  Pick<BrandFields, 'name' | 'primary_color' | 'logo_url' | (typeof CONTACT_FIELDS)[number]>
>;

function requireAdmin(staff: StaffSession): void {
  if (staff.role !== 'admin') throw new DomainError('forbidden', 'Only admins may do this.');
}

async function accountOf(db: Db, staff: StaffSession, forUpdate = false): Promise<AccountRow> {
  const account = await (forUpdate ? getAccountForUpdate : getAccount)(db, staff.accountId);
  if (!account) throw new DomainError('not_found', 'No such account.');
  return account;
}

/** The client keys of the account: those on its orders and those that have a brand of their own. */
export async function brandClientKeys(db: Db, account: AccountRow): Promise<string[]> {
  const keys = new Set([...(await orderClientKeys(db, account.id)), ...clientBrands(account).keys()]);
  keys.delete('');
  return [...keys].sort();
}

/** The client key if the account has it ('' is the account itself); a stranger's looks missing. */
async function ownClientKey(db: Db, account: AccountRow, clientKey: string): Promise<string> {
  if (clientKey === '' || (await brandClientKeys(db, account)).includes(clientKey)) return clientKey;
  throw new DomainError('not_found', 'No such client key.', { attr: 'client_key' });
}

/** The values saved for the account (client key '') or for one of its shops, unset ones null. */
function savedFields(account: AccountRow, clientKey: string): SavedFields {
  if (clientKey !== '') {
    const own = clientBrands(account).get(clientKey) ?? {};
    return {
      name: own.name ?? null,
      primary_color: own.primary_color ?? null,
      logo_url: own.logo_url ?? null,
      support_email: own.support_email ?? null,
      support_phone: own.support_phone ?? null,
      help_url: own.help_url ?? null,
      website_url: own.website_url ?? null,
    };
  }
  return {
    name: account.brand_name,
    primary_color: account.brand_primary_color,
    logo_url: account.brand_logo_url,
    support_email: account.support_email,
    support_phone: account.support_phone,
    help_url: account.help_url,
    website_url: account.website_url,
  };
}

export type BrandingSettings = {
  clientKey: string;
  clientKeys: string[];
  /** What is saved for this client key (or the account); null where it falls back. */
  saved: SavedFields;
  /** What shoppers see now, fallbacks applied. */
  effective: Branding;
  /** What an unset name or colour falls back to: the account's brand, or its name and the default. */
  fallback: Branding;
};

export async function brandingSettingsOf(
  db: Db,
  staff: StaffSession,
  clientKey = '',
): Promise<BrandingSettings> {
  requireAdmin(staff);
  const account = await accountOf(db, staff);
  const key = await ownClientKey(db, account, clientKey);
  return {
    clientKey: key,
    clientKeys: await brandClientKeys(db, account),
    saved: savedFields(account, key),
    effective: await getBranding(db, account.id, key),
    fallback: await fallbackBranding(db, account, key),
  };
}

function fallbackBranding(db: Db, account: AccountRow, clientKey: string): Promise<Branding> | Branding {
  return clientKey === '' ? brandingFrom({ name: account.name, color: null }) : getBranding(db, account.id);
}

function changed<K extends keyof SavedFields>(
  fields: readonly K[],
  before: SavedFields,
  after: Pick<SavedFields, K>,
): Partial<Pick<SavedFields, K>> {
  return Object.fromEntries(
    fields.filter((f) => before[f] !== after[f]).map((f) => [f, after[f]]),
  ) as Partial<Pick<SavedFields, K>>;
}

export type BrandingSaved = { clientKey: string; changes: Array<'branding' | 'logo' | 'contact'> };

/**
 * Saves the editor's form: brand fields, contact and (when given) a new logo, each change with
 * its audit entry in the same transaction; then this instance's cached brands are dropped, so the
 * pages and the widget show the change at once.
 */
export async function saveBrandingSettings(
  db: Db,
  staff: StaffSession,
  input: unknown,
  logoFile?: Blob | null,
  now = new Date(),
): Promise<BrandingSaved> {
  requireAdmin(staff);
  const form = parseWith(brandingFormSchema, input);
  // Checked before anything is written: a refused logo saves nothing.
  const logo = logoFile && logoFile.size > 0 ? checkLogo(await readLogo(logoFile)) : null;
  const result = await db.transaction().execute(async (trx) => {
    const account = await accountOf(trx, staff, true);
    const key = await ownClientKey(trx, account, form.client_key);
    const before = savedFields(account, key);
    const brand = changed(BRAND_FIELDS, before, form);
    const contact = changed(CONTACT_FIELDS, before, form);
    let logoUrl: string | null | undefined;
    if (logo) {
      await insertBrandLogo(trx, account.id, key, logo, now);
      await deleteOtherBrandLogos(trx, account.id, key, logo.sha256);
      logoUrl = `/brand/logo/${logo.sha256}.${logo.extension}`;
    } else if (form.remove_logo && before.logo_url !== null) {
      await deleteOtherBrandLogos(trx, account.id, key, null);
      logoUrl = null;
    }
    if (logoUrl === before.logo_url) logoUrl = undefined;
    const fields: BrandFields = { ...brand, ...contact, ...(logoUrl !== undefined && { logo_url: logoUrl }) };
    const changes: BrandingSaved['changes'] = [];
    if (Object.keys(fields).length > 0)
      await setBranding(trx, account.id, fields, key === '' ? undefined : key);
    const target = key === '' ? null : key;
    if (Object.keys(brand).length > 0) {
      await recordAudit(trx, staff, { action: 'branding.update', target, detail: brand }, now);
      changes.push('branding');
    }
    if (logoUrl !== undefined) {
      const detail = logo
        ? { sha256: logo.sha256, content_type: logo.contentType, size: logo.bytes.length }
        : { removed: true };
      await recordAudit(trx, staff, { action: 'branding.logo', target, detail }, now);
      changes.push('logo');
    }
    if (Object.keys(contact).length > 0) {
      await recordAudit(trx, staff, { action: 'contact.update', target, detail: contact }, now);
      changes.push('contact');
    }
    return { clientKey: key, changes };
  });
  if (result.changes.length > 0) clearBrandingCache();
  return result;
}

/**
 * The brand with the editor's unsaved name and colour, for the previews: an empty or unreadable
 * value shows what saving it would show (the fallback), the logo is the saved one.
 */
export async function previewBranding(
  db: Db,
  staff: StaffSession,
  input: unknown,
): Promise<{ branding: Branding; lang: string }> {
  requireAdmin(staff);
  const query = parseWith(brandingPreviewSchema, input);
  const account = await accountOf(db, staff);
  const key = await ownClientKey(db, account, query.client_key);
  const [saved, fallback] = await Promise.all([
    getBranding(db, account.id, key),
    fallbackBranding(db, account, key),
  ]);
  const color = /^#?[0-9a-f]{6}$/i.test(query.primary_color) ? query.primary_color : null;
  return {
    branding: brandingFrom({
      name: query.name || fallback.name,
      color: color ? (color.startsWith('#') ? color : `#${color}`) : fallback.color,
      logoUrl: saved.logoUrl,
    }),
    lang: query.lang,
  };
}

export const BRANDING_ERROR_KEYS = [
  'logoEmpty',
  'logoTooLarge',
  'logoType',
  'logoUnsafeSvg',
  'name',
  'primary_color',
  'support_email',
  'support_phone',
  'help_url',
  'website_url',
  'client_key',
  'invalid',
] as const;
export type BrandingErrorKey = (typeof BRANDING_ERROR_KEYS)[number];

/** The editor's message key (`staffBranding.errors.*`) for an error of saveBrandingSettings. */
export function brandingErrorKey(error: DomainError): BrandingErrorKey {
  const refusal = logoRefusalOf(error);
  if (refusal) return refusal;
  const attr = error.entries[0]?.attr;
  return BRANDING_ERROR_KEYS.find((key) => key === attr) ?? 'invalid';
}
