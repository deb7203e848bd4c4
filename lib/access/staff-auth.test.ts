import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { APIError } from 'better-auth/api';
import { getMigrations } from 'better-auth/db/migration';
import { base32 } from '@better-auth/utils/base32';
import { createOTP } from '@better-auth/utils/otp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount } from '@/lib/db/accounts';
import { createDb, type Db } from '@/lib/db/client';
import { migrateToLatest } from '@/lib/db/migrations';
import { getInstanceSecret, getStaffMember, setMustChangePassword } from '@/lib/db/staff';
import { checkStaff } from '@/lib/staff/session';
import { createStaffUser, resetStaffPassword } from '@/lib/staff/users';
import { canConnect, createScratchDatabase, DEFAULT_TEST_DATABASE_URL } from '@/test/support/postgres';
import { deleteKeysUnder, keysUnder, redisReachable, TEST_REDIS_URL } from '@/test/support/redis';
import { connectRedis } from './limits';
import { createStaffAuth, createStaffLockout, type StaffAuth, staffAuthOptions } from './staff-auth';

// better-auth on our own database, through our migrations: on a SQLite file and, where one is
// reachable, on a PostgreSQL scratch database (with sessions mirrored on Redis where one runs).
const pgAdminUrl = process.env.TEST_DATABASE_URL ?? DEFAULT_TEST_DATABASE_URL;
const pgReachable = await canConnect(pgAdminUrl);
const withRedis = await redisReachable();
if (!pgReachable) console.warn(`staff auth tests: no PostgreSQL at ${pgAdminUrl}; SQLite only.`);

const kinds = [
  { kind: 'sqlite', redis: false },
  { kind: 'postgres', redis: false },
  { kind: 'postgres', redis: true },
] as const;

// Password hashing (scrypt) makes each sign-in cost CPU: generous timeouts on a busy machine.
describe.each(kinds)(
  'staff auth on $kind (redis: $redis)',
  { timeout: 30_000 },
  ({ kind, redis: useRedis }) => {
    const skip = (kind === 'postgres' && !pgReachable) || (useRedis && !withRedis);
    let db: Db;
    let auth: StaffAuth;
    let accountId: number;
    let otherAccountId: number;
    let cleanup: () => Promise<void>;
    let redis: ReturnType<typeof connectRedis> | undefined;
    const redisPrefix = `portal-test-staff-${process.pid}-${Date.now().toString(36)}`;
    const maxFailures = 3;
    let ipCounter = 0;
    const request = (extra: Record<string, string> = {}) =>
      new Headers({ 'x-forwarded-for': `203.0.113.${++ipCounter % 250}`, ...extra });

    // A refusal of our own hook is thrown, not answered, when better-auth is called in process.
    const signIn = (email: string, password: string) =>
      auth.api
        .signInEmail({ body: { email, password }, headers: request(), asResponse: true })
        .catch((error: unknown) => {
          if (!(error instanceof APIError)) throw error;
          return Response.json(error.body, { status: error.statusCode, headers: error.headers });
        });
    const cookieOf = (res: Response) =>
      res.headers
        .getSetCookie()
        .map((c) => c.split(';')[0])
        .join('; ');

    beforeAll(async () => {
      if (skip) return;
      if (kind === 'postgres') {
        const scratch = await createScratchDatabase(pgAdminUrl);
        db = createDb(scratch.url);
        cleanup = async () => {
          await db.destroy();
          await scratch.drop();
        };
      } else {
        const dir = mkdtempSync(join(tmpdir(), 'portal-staff-auth-'));
        db = createDb(`file:${join(dir, 'portal.db')}`);
        cleanup = async () => {
          await db.destroy();
          rmSync(dir, { recursive: true, force: true });
        };
      }
      await migrateToLatest(db);
      if (useRedis) {
        redis = connectRedis(TEST_REDIS_URL);
        // Without an offline queue, commands sent before the connection is up fail.
        await new Promise((resolve) => redis!.once('ready', resolve));
      }
      accountId = (await createAccount(db, { name: 'Staff shop' })).id;
      otherAccountId = (await createAccount(db, { name: 'Other shop' })).id;
      auth = createStaffAuth(db, {
        secret: await getInstanceSecret(db, 'staff_auth'),
        baseUrl: 'http://localhost:3000',
        redis,
        redisPrefix,
        lockout: createStaffLockout({ maxFailures, minutes: 15, redis, redisPrefix }),
      });
    }, 60_000);

    afterAll(async () => {
      if (skip) return;
      await cleanup();
      if (redis) {
        await deleteKeysUnder(redisPrefix);
        redis.disconnect();
      }
    });

    it.skipIf(skip)('finds nothing of its own to migrate after ours', async () => {
      const { toBeCreated, toBeAdded } = await getMigrations(
        staffAuthOptions(db, {
          secret: 'x'.repeat(32),
          lockout: createStaffLockout({ maxFailures: 1, minutes: 1 }),
        }),
      );
      expect(toBeCreated.map((t) => t.table)).toEqual([]);
      expect(toBeAdded.map((t) => `${t.table}: ${Object.keys(t.fields).join(', ')}`)).toEqual([]);
    });

    it.skipIf(skip)('a new user signs in with the one-time password and must change it first', async () => {
      const { member, oneTimePassword } = await createStaffUser(db, auth, {
        account: accountId,
        email: `New.Agent.${kind}${useRedis}@Example.com`,
        role: 'agent',
      });
      expect(member).toMatchObject({ accountId, role: 'agent', mustChangePassword: true });
      expect(member.email).toBe(`new.agent.${kind}${useRedis}@example.com`);
      expect(oneTimePassword).toMatch(/^[\w-]{20}$/);

      const res = await signIn(member.email, oneTimePassword!);
      expect(res.status).toBe(200);
      const cookie = cookieOf(res);
      expect(cookie).toContain('portal-staff.session_token=');

      expect(await checkStaff(db, auth, request({ cookie }))).toEqual({
        ok: false,
        reason: 'must_change_password',
      });
      expect(await checkStaff(db, auth, request({ cookie }), { allowPasswordChange: true })).toMatchObject({
        ok: true,
        staff: { userId: member.userId, accountId, role: 'agent' },
      });
      await setMustChangePassword(db, member.userId, false);
      expect(await checkStaff(db, auth, request({ cookie }))).toEqual({
        ok: true,
        staff: {
          userId: member.userId,
          accountId,
          role: 'agent',
          email: member.email,
          name: `new.agent.${kind}${useRedis}`,
          twoFactorEnabled: false,
        },
      });
      // An agent is no admin.
      expect(await checkStaff(db, auth, request({ cookie }), { role: 'admin' })).toEqual({
        ok: false,
        reason: 'not_admin',
      });
      if (redis) expect((await keysUnder(`${redisPrefix}:auth`)).length).toBeGreaterThan(0);

      const signOut = await auth.api.signOut({ headers: request({ cookie }), asResponse: true });
      expect(signOut.status).toBe(200);
      expect(await checkStaff(db, auth, request({ cookie }))).toEqual({ ok: false, reason: 'signed_out' });
    });

    it.skipIf(skip)(
      'an admin passes the admin check; no cookie, a forged one, or a removed member do not',
      async () => {
        const { member } = await createStaffUser(db, auth, {
          account: otherAccountId,
          email: `admin.${kind}${useRedis}@example.com`,
          role: 'admin',
          name: 'Ada Admin',
          password: 'correct horse battery',
        });
        expect(member.mustChangePassword).toBe(false);
        const cookie = cookieOf(await signIn(member.email, 'correct horse battery'));
        expect(await checkStaff(db, auth, request({ cookie }), { role: 'admin' })).toMatchObject({
          ok: true,
          staff: { accountId: otherAccountId, role: 'admin', name: 'Ada Admin' },
        });
        expect(await checkStaff(db, auth, request())).toEqual({ ok: false, reason: 'signed_out' });
        expect(
          await checkStaff(db, auth, request({ cookie: 'portal-staff.session_token=forged.signature' })),
        ).toEqual({ ok: false, reason: 'signed_out' });

        await db.deleteFrom('staff_members').where('user_id', '=', member.userId).execute();
        expect(await checkStaff(db, auth, request({ cookie }))).toEqual({ ok: false, reason: 'signed_out' });
      },
    );

    it.skipIf(skip)('no one signs up: the endpoint is off', async () => {
      const res = await auth.api
        .signUpEmail({
          body: {
            email: `intruder.${kind}${useRedis}@example.com`,
            password: 'long enough password',
            name: 'I',
          },
          headers: request(),
          asResponse: true,
        })
        .catch((error: { statusCode?: number }) => new Response(null, { status: error.statusCode ?? 500 }));
      expect(res.status).not.toBe(200);
      expect(
        await db
          .selectFrom('staff_users')
          .select('id')
          .where('email', '=', `intruder.${kind}${useRedis}@example.com`)
          .executeTakeFirst(),
      ).toBeUndefined();
    });

    it.skipIf(skip)(
      `locks an email after ${maxFailures} failed sign-ins, for a right password too, and only that email`,
      async () => {
        const password = 'the right password';
        const { member } = await createStaffUser(db, auth, {
          account: accountId,
          email: `locked.${kind}${useRedis}@example.com`,
          role: 'agent',
          password,
        });
        for (let i = 0; i < maxFailures; i++) {
          expect((await signIn(member.email, 'a wrong password')).status).toBe(401);
        }
        const locked = await signIn(member.email, password);
        expect(locked.status).toBe(429);
        expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(14 * 60);
        expect(await locked.json()).toMatchObject({ code: 'SIGN_IN_LOCKED' });
        // Counted per email however it is written, and for unknown emails alike.
        expect((await signIn(`  LOCKED.${kind}${useRedis}@Example.com `, password)).status).toBe(429);
        const unknown = `nobody.${kind}${useRedis}@example.com`;
        for (let i = 0; i < maxFailures; i++) expect((await signIn(unknown, 'whatever')).status).toBe(401);
        expect((await signIn(unknown, 'whatever')).status).toBe(429);

        const { member: other } = await createStaffUser(db, auth, {
          account: accountId,
          email: `unlocked.${kind}${useRedis}@example.com`,
          role: 'agent',
          password,
        });
        expect((await signIn(other.email, password)).status).toBe(200);
      },
    );

    it.skipIf(skip)('a password reset ends the sessions and hands out a new one-time password', async () => {
      const { member } = await createStaffUser(db, auth, {
        account: accountId,
        email: `reset.${kind}${useRedis}@example.com`,
        role: 'admin',
        password: 'the first password',
      });
      const cookie = cookieOf(await signIn(member.email, 'the first password'));
      expect((await checkStaff(db, auth, request({ cookie }))).ok).toBe(true);

      const reset = await resetStaffPassword(db, auth, { email: member.email });
      expect(reset.oneTimePassword).toMatch(/^[\w-]{20}$/);
      expect(await checkStaff(db, auth, request({ cookie }))).toEqual({ ok: false, reason: 'signed_out' });
      expect((await signIn(member.email, 'the first password')).status).toBe(401);
      const again = cookieOf(await signIn(member.email, reset.oneTimePassword!));
      expect(await checkStaff(db, auth, request({ cookie: again }))).toEqual({
        ok: false,
        reason: 'must_change_password',
      });
    });

    it.skipIf(skip)(
      'an admin turns on TOTP; sign-in then asks for a code before there is a session',
      async () => {
        const password = 'two factor password';
        const { member } = await createStaffUser(db, auth, {
          account: accountId,
          email: `totp.${kind}${useRedis}@example.com`,
          role: 'admin',
          password,
        });
        const cookie = cookieOf(await signIn(member.email, password));
        const enabled = await auth.api.enableTwoFactor({ body: { password }, headers: request({ cookie }) });
        if (enabled.method !== 'totp') throw new Error('expected a TOTP setup');
        const otp = createOTP(base32.decode(new URL(enabled.totpURI).searchParams.get('secret')!));
        expect((await getStaffMember(db, member.userId))!.twoFactorEnabled).toBe(false);
        await auth.api.verifyTOTP({ body: { code: await otp.totp() }, headers: request({ cookie }) });
        expect((await getStaffMember(db, member.userId))!.twoFactorEnabled).toBe(true);

        const first = await signIn(member.email, password);
        expect(await first.json()).toMatchObject({ twoFactorRedirect: true });
        const pending = cookieOf(first);
        expect(await checkStaff(db, auth, request({ cookie: pending }))).toEqual({
          ok: false,
          reason: 'signed_out',
        });
        const wrong = await auth.api
          .verifyTOTP({ body: { code: '000000' }, headers: request({ cookie: pending }), asResponse: true })
          .catch((error: APIError) => new Response(null, { status: error.statusCode }));
        expect(wrong.status).toBe(401);
        // The next period's code: the one just used to confirm may not be used twice.
        const next = await otp.hotp(Math.floor(Date.now() / 30_000) + 1);
        const verified = await auth.api.verifyTOTP({
          body: { code: next },
          headers: request({ cookie: pending }),
          asResponse: true,
        });
        expect(verified.status).toBe(200);
        expect(
          await checkStaff(db, auth, request({ cookie: cookieOf(verified) }), { role: 'admin' }),
        ).toMatchObject({
          ok: true,
          staff: { userId: member.userId, twoFactorEnabled: true },
        });
      },
    );

    it.skipIf(skip)(
      'refuses a second user with the same email, an unknown account and a short password',
      async () => {
        const email = `twice.${kind}${useRedis}@example.com`;
        await createStaffUser(db, auth, { account: accountId, email, role: 'agent' });
        await expect(
          createStaffUser(db, auth, { account: accountId, email, role: 'agent' }),
        ).rejects.toMatchObject({
          code: 'conflict',
        });
        await expect(
          createStaffUser(db, auth, { account: 999_999, email: `x.${email}`, role: 'agent' }),
        ).rejects.toMatchObject({ code: 'not_found' });
        await expect(
          createStaffUser(db, auth, {
            account: accountId,
            email: `y.${email}`,
            role: 'agent',
            password: 'short',
          }),
        ).rejects.toMatchObject({ code: 'invalid', entries: [{ attr: 'password' }] });
        await expect(
          createStaffUser(db, auth, { account: accountId, email: `z.${email}`, role: 'owner' }),
        ).rejects.toMatchObject({ code: 'invalid', entries: [{ attr: 'role' }] });
      },
    );
  },
);
