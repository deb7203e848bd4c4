import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount, getAccount } from '@/lib/db/accounts';
import { brandLogoByHash, orderClientKeys } from '@/lib/db/brand-assets';
import type { Db } from '@/lib/db/client';
import { getBranding, getShopContact, getStoredLogo } from '@/lib/orders/branding';
import { type DbKind, openTestDb, postgresSkipReason } from '@/test/support/databases';
import { HTML_PAGE, pngLogo } from '@/test/support/logos';
import { brandingSettingsOf, previewBranding, saveBrandingSettings } from './branding-settings';
import type { StaffSession } from './session';

const blob = (bytes: Buffer) => new Blob([new Uint8Array(bytes)]);

describe.each<DbKind>(['sqlite', 'postgres'])('branding settings (%s)', (kind) => {
  let db: Db;
  let close: () => Promise<void>;
  const base = kind === 'sqlite' ? 2500 : 3500;
  const staff = (accountId: number, role: 'admin' | 'agent' = 'admin'): StaffSession => ({
    userId: `u-${accountId}-${role}`,
    accountId,
    role,
    email: `${role}@${accountId}.test`,
    name: role,
    twoFactorEnabled: false,
  });
  const shop = base + 1;
  const other = base + 2;

  beforeAll(async () => {
    if (kind === 'postgres' && postgresSkipReason) return;
    ({ db, close } = await openTestDb(kind, 'branding'));
    await createAccount(db, { name: 'Shop', id: shop });
    await createAccount(db, { name: 'Other', id: other });
    const now = new Date().toISOString();
    const order = (account_id: number, client_key: string, order_number: string) => ({
      account_id,
      client_key,
      order_number,
      created_at: now,
      updated_at: now,
      version: 1,
    });
    await db
      .insertInto('orders')
      .values([
        order(shop, 'north', 'A-1'),
        order(shop, 'north', 'A-2'),
        order(shop, 'east', 'A-3'),
        order(shop, '', 'A-4'),
        order(other, 'south', 'B-1'),
      ])
      .execute();
  });
  afterAll(async () => close?.());

  const run = it.skipIf(kind === 'postgres' && postgresSkipReason !== '');

  run("lists the account's own client keys, once each, in order", async () => {
    expect(await orderClientKeys(db, shop)).toEqual(['east', 'north']);
    expect(await orderClientKeys(db, shop, 1)).toEqual(['east']);
    expect(await orderClientKeys(db, other)).toEqual(['south']);
    expect((await brandingSettingsOf(db, staff(shop))).clientKeys).toEqual(['east', 'north']);
  });

  run(
    'saves a shop of the account with its audit entries, and the contact falls back to the account',
    async () => {
      // The form sends every field: the account's name as it stands, so only the contact changes.
      await saveBrandingSettings(db, staff(shop), {
        name: 'Shop',
        support_email: 'help@shop.test',
        help_url: 'https://shop.test/help',
        website_url: 'https://shop.test',
      });
      const saved = await saveBrandingSettings(
        db,
        staff(shop),
        { client_key: 'north', name: 'North', primary_color: '#7a1f5c', support_phone: '+49 30 1234567' },
        blob(pngLogo()),
      );
      expect(saved.changes).toEqual(['branding', 'logo', 'contact']);
      expect(await getBranding(db, shop, 'north')).toMatchObject({ name: 'North', color: '#7a1f5c' });
      expect(await getShopContact(db, shop, 'north')).toEqual({
        email: 'help@shop.test',
        phone: '+49 30 1234567',
        helpUrl: 'https://shop.test/help',
        websiteUrl: 'https://shop.test',
      });
      expect(await getShopContact(db, shop)).toEqual({
        email: 'help@shop.test',
        phone: null,
        helpUrl: 'https://shop.test/help',
        websiteUrl: 'https://shop.test',
      });
      const { logoUrl } = await getBranding(db, shop, 'north');
      const logo = await getStoredLogo(db, logoUrl!.split('/').at(-1)!);
      expect(logo?.data.equals(pngLogo())).toBe(true);
      const actions = await db
        .selectFrom('audit_log')
        .select(['action', 'target'])
        .where('account_id', '=', shop)
        .orderBy('id')
        .execute();
      expect(actions).toEqual([
        { action: 'contact.update', target: null },
        { action: 'branding.update', target: 'north' },
        { action: 'branding.logo', target: 'north' },
        { action: 'contact.update', target: 'north' },
      ]);
      // Saving the same values again changes nothing and writes no entry.
      const again = await saveBrandingSettings(db, staff(shop), {
        client_key: 'north',
        name: 'North',
        primary_color: '#7a1f5c',
        support_phone: '+49 30 1234567',
      });
      expect(again.changes).toEqual([]);
    },
  );

  run('two saves of different shops at once both stay', async () => {
    await Promise.all([
      saveBrandingSettings(db, staff(shop), { client_key: 'east', name: 'East at once' }),
      saveBrandingSettings(db, staff(shop), { client_key: 'north', name: 'North at once' }),
    ]);
    expect((await getBranding(db, shop, 'east')).name).toBe('East at once');
    expect((await getBranding(db, shop, 'north')).name).toBe('North at once');
  });

  run('a refused logo saves nothing, not even the other fields', async () => {
    const before = await getAccount(db, shop);
    await expect(
      saveBrandingSettings(db, staff(shop), { name: 'Never' }, blob(Buffer.from(HTML_PAGE))),
    ).rejects.toMatchObject({ message: 'logoType' });
    expect(await getAccount(db, shop)).toEqual(before);
  });

  run("refuses agents, and another account's client key looks missing", async () => {
    await expect(saveBrandingSettings(db, staff(shop, 'agent'), { name: 'Agent' })).rejects.toMatchObject({
      code: 'forbidden',
    });
    await expect(brandingSettingsOf(db, staff(shop, 'agent'))).rejects.toMatchObject({ code: 'forbidden' });
    await expect(
      saveBrandingSettings(db, staff(shop), { client_key: 'south', name: 'Hijack' }),
    ).rejects.toMatchObject({ code: 'not_found' });
    await expect(brandingSettingsOf(db, staff(shop), 'south')).rejects.toMatchObject({ code: 'not_found' });
    await expect(previewBranding(db, staff(shop), { client_key: 'south' })).rejects.toMatchObject({
      code: 'not_found',
    });
    expect((await getAccount(db, other))!.brands).toBeNull();
  });

  run(
    "keeps another account's copy of the same logo when one account replaces or removes its own",
    async () => {
      const bytes = pngLogo([9, 9, 9]);
      await saveBrandingSettings(db, staff(other), {}, blob(bytes));
      await saveBrandingSettings(db, staff(shop), {}, blob(bytes));
      const hash = (await getAccount(db, shop))!.brand_logo_url!.slice('/brand/logo/'.length, -'.png'.length);
      await saveBrandingSettings(db, staff(shop), { remove_logo: 'true' });
      expect((await getAccount(db, shop))!.brand_logo_url).toBeNull();
      expect(await brandLogoByHash(db, hash, shop)).toBeUndefined();
      expect((await brandLogoByHash(db, hash, other))?.data.equals(bytes)).toBe(true);
      expect((await brandLogoByHash(db, hash))?.data.equals(bytes)).toBe(true);
    },
  );
});
