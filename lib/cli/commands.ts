import 'server-only';
import { Command, InvalidArgumentError } from 'commander';
import { createToken, listTokens, revokeToken, SCOPES, type Scope } from '@/lib/access/tokens';
import { createAccount, listAccounts, rotateLinkSecret, setBranding } from '@/lib/db/accounts';
import { getConfig } from '@/lib/config';
import { createDb, type Db } from '@/lib/db/client';
import { migrateToLatest } from '@/lib/db/migrations';
import { isRowId, MAX_ROW_ID } from '@/lib/db/schema';
import { seedDemoShop } from '@/lib/demo/seed';
import { DomainError } from '@/lib/errors';
import { errorDetails } from '@/lib/i18n/messages';
import { parseWith } from '@/lib/schemas/parse';
import { linkQuerySchema } from '@/lib/schemas/info-query';
import { mintLink } from '@/lib/orders/links';
import { createStaffAuth, createStaffLockout, type StaffAuth } from '@/lib/access/staff-auth';
import { closeLimiter, sharedRedis } from '@/lib/access/limits';
import { getInstanceSecret, type StaffMember } from '@/lib/db/staff';
import { createStaffUser, listStaff, resetStaffPassword } from '@/lib/staff/users';

/** An account or token id: a whole number the database's integer ids can hold. */
function rowId(value: string): number {
  const n = /^\s*[1-9]\d{0,9}\s*$/.test(value) ? Number(value) : NaN;
  if (!isRowId(n)) throw new InvalidArgumentError(`Expected a whole number from 1 to ${MAX_ROW_ID}.`);
  return n;
}

function scopes(value: string): Scope[] {
  const list = value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const bad = list.find((s) => !(SCOPES as readonly string[]).includes(s));
  if (bad || list.length === 0)
    throw new InvalidArgumentError(`Scopes are a comma-separated list of ${SCOPES.join(', ')}.`);
  return list as Scope[];
}

/** Prints a result: readable lines, or with --json one JSON object as the last stdout line. */
function output(json: boolean, result: Record<string, unknown>, human: string) {
  process.stdout.write(json ? `${JSON.stringify(result)}\n` : `${human}\n`);
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks).toString('utf8');
}

function staffJson(m: StaffMember) {
  return {
    user_id: m.userId,
    account: m.accountId,
    email: m.email,
    name: m.name,
    role: m.role,
    must_change_password: m.mustChangePassword,
    two_factor: m.twoFactorEnabled,
    created_at: m.createdAt,
  };
}

/**
 * Runs one CLI command; `databaseUrl` (tests) replaces the configured DATABASE_URL and `stdin`
 * stands for standard input.
 */
export async function runCli(
  argv: string[],
  options: { databaseUrl?: string; stdin?: () => Promise<string> } = {},
): Promise<number> {
  let db: Db | undefined;
  const database = () => (db ??= createDb(options.databaseUrl));
  // The staff commands use the server's better-auth setup, Redis included: a password reset must
  // also end the sessions mirrored there.
  let auth: Promise<StaffAuth> | undefined;
  const staffAuth = () =>
    (auth ??= (async () => {
      const config = getConfig();
      await migrateToLatest(database());
      const redis = config.REDIS_URL ? sharedRedis(config.REDIS_URL) : undefined;
      return createStaffAuth(database(), {
        secret: config.STAFF_AUTH_SECRET ?? (await getInstanceSecret(database(), 'staff_auth')),
        redis,
        redisPrefix: config.REDIS_KEY_PREFIX,
        lockout: createStaffLockout({ maxFailures: 1, minutes: 1 }),
      });
    })());
  // All of standard input, without the line break that ends it (`echo pw | …`).
  const password = async (fromStdin: boolean | undefined) =>
    fromStdin ? (await (options.stdin ?? readStdin)()).replace(/\r?\n$/, '') : undefined;
  const program = new Command()
    .name('portal')
    .description('Order status portal administration')
    .option('--json', 'print one JSON object as the last line of output')
    .showHelpAfterError()
    .exitOverride();
  const json = () => Boolean(program.opts().json);

  const accounts = program.command('accounts').description('merchant accounts');
  accounts
    .command('create')
    .requiredOption('--name <name>', 'shop name')
    .option('--id <id>', 'account id (default: next free id from 1001)', rowId)
    .action(async (o: { name: string; id?: number }) => {
      await migrateToLatest(database());
      const a = await createAccount(database(), { name: o.name, id: o.id });
      output(
        json(),
        { id: a.id, name: a.name, link_secret: a.link_secret },
        `Account ${a.id} "${a.name}"\nLink secret: ${a.link_secret}`,
      );
    });
  accounts.command('list').action(async () => {
    const rows = await listAccounts(database());
    const list = rows.map((a) => ({ id: a.id, name: a.name, created_at: a.created_at }));
    output(json(), { accounts: list }, list.map((a) => `${a.id}\t${a.name}`).join('\n') || 'No accounts.');
  });
  accounts
    .command('rotate-secret')
    .description('new link secret; links signed with the current one keep working')
    .requiredOption('--account <id>', 'account id', rowId)
    .action(async (o: { account: number }) => {
      const a = await rotateLinkSecret(database(), o.account);
      if (!a) throw new DomainError('not_found', `No account ${o.account}.`);
      output(json(), { id: a.id, link_secret: a.link_secret }, `New link secret: ${a.link_secret}`);
    });

  accounts
    .command('brand')
    .description('set the brand of the tracking page and widget (of one shop with --client-key)')
    .requiredOption('--account <id>', 'account id', rowId)
    .option('--client-key <key>', 'the shop of a multi-brand account')
    .option('--name <name>', 'shop name shown in the header')
    .option('--color <hex>', 'primary colour, e.g. #0f5c4d (adjusted for contrast when needed)')
    .option('--logo-url <url>', 'https URL of the logo')
    .action(
      async (o: { account: number; clientKey?: string; name?: string; color?: string; logoUrl?: string }) => {
        if (o.color !== undefined && !/^#([0-9a-f]{3}|[0-9a-f]{6})$/i.test(o.color)) {
          throw new DomainError('invalid', 'Give the colour as #rgb or #rrggbb.', { attr: 'color' });
        }
        if (o.logoUrl !== undefined && !o.logoUrl.startsWith('https://')) {
          throw new DomainError('invalid', 'The logo must be an https URL.', { attr: 'logo_url' });
        }
        const fields = { name: o.name, primary_color: o.color, logo_url: o.logoUrl };
        const a = await setBranding(database(), o.account, fields, o.clientKey);
        if (!a) throw new DomainError('not_found', `No account ${o.account}.`);
        output(
          json(),
          { id: a.id, client_key: o.clientKey ?? null, ...fields },
          `Brand of account ${a.id}${o.clientKey ? ` (${o.clientKey})` : ''} updated.`,
        );
      },
    );

  const tokens = program.command('tokens').description('API tokens');
  tokens
    .command('create')
    .requiredOption('--account <id>', 'account id', rowId)
    .requiredOption('--scopes <list>', 'read, write or read,write', scopes)
    .option('--name <name>', 'what the token is for')
    .action(async (o: { account: number; scopes: Scope[]; name?: string }) => {
      const t = await createToken(database(), o.account, o.scopes, o.name ?? null);
      output(
        json(),
        { token: t.token, id: t.id, account: o.account, scopes: t.scopes },
        `Token ${t.id} (${t.scopes.join(',')}) for account ${o.account}:\n${t.token}\nIt is shown only now; store it safely.`,
      );
    });
  tokens
    .command('list')
    .option('--account <id>', 'account id', rowId)
    .action(async (o: { account?: number }) => {
      const rows = await listTokens(database(), o.account);
      output(
        json(),
        { tokens: rows },
        rows
          .map(
            (t) =>
              `${t.id}\t${t.account_id}\t${t.token_prefix}…\t${t.scopes}\t${t.revoked_at ? 'revoked' : 'active'}`,
          )
          .join('\n') || 'No tokens.',
      );
    });
  tokens
    .command('revoke')
    .argument('<id>', 'token id', rowId)
    .action(async (id: number) => {
      const revoked = await revokeToken(database(), id);
      if (!revoked) throw new DomainError('not_found', `No active token ${id}.`);
      output(json(), { id, revoked: true }, `Token ${id} revoked.`);
    });

  program
    .command('links')
    .description('signed links')
    .command('sign')
    .requiredOption('--account <id>', 'account id', rowId)
    .option('--order-number <n>')
    .option('--client-key <key>')
    .option('--external-order-id <uuid>')
    .option('--tracking-number <n>')
    .option('--courier <code>')
    .option('--lang <lang>')
    .option('--expires-in <duration>', 'e.g. 3600, 12h, 90d', '90d')
    .option('--base-url <url>', 'public URL of the portal')
    .action(async (o: Record<string, string | number | undefined>) => {
      const query = parseWith(linkQuerySchema, {
        account: String(o.account),
        order_number: o.orderNumber,
        client_key: o.clientKey,
        external_order_id: o.externalOrderId,
        tracking_number: o.trackingNumber,
        courier: o.courier,
        lang: o.lang,
        expires_in: o.expiresIn,
      });
      const config = getConfig();
      const baseUrl = String(
        o.baseUrl ?? config.PUBLIC_BASE_URL ?? `http://localhost:${config.PORT}`,
      ).replace(/\/$/, '');
      const link = await mintLink(database(), Number(o.account), query, { baseUrl });
      output(json(), link, `Page:   ${link.url}\nWidget: ${link.widget_url}\nExpires ${link.expires_at}`);
    });

  const staff = program.command('staff').description('staff users of the portal (/staff)');
  staff
    .command('create')
    .description('a staff user; prints a one-time password unless --password-stdin')
    .requiredOption('--account <id>', 'account id', rowId)
    .requiredOption('--email <email>', 'sign-in email')
    .requiredOption('--role <role>', 'admin or agent')
    .option('--name <name>', 'display name (default: the email before @)')
    .option('--password-stdin', 'read the password from standard input')
    .action(
      async (o: { account: number; email: string; role: string; name?: string; passwordStdin?: boolean }) => {
        const created = await createStaffUser(database(), await staffAuth(), {
          account: o.account,
          email: o.email,
          role: o.role,
          name: o.name,
          password: await password(o.passwordStdin),
        });
        const m = created.member;
        output(
          json(),
          { ...staffJson(m), one_time_password: created.oneTimePassword },
          `Staff user ${m.email} (${m.role}) for account ${m.accountId}.` +
            (created.oneTimePassword
              ? `\nOne-time password: ${created.oneTimePassword}\nIt is shown only now; it must be changed on first sign-in.`
              : ''),
        );
      },
    );
  staff
    .command('reset-password')
    .description('a new password; ends every session of the user')
    .requiredOption('--email <email>', 'sign-in email')
    .option('--password-stdin', 'read the password from standard input')
    .action(async (o: { email: string; passwordStdin?: boolean }) => {
      const reset = await resetStaffPassword(database(), await staffAuth(), {
        email: o.email,
        password: await password(o.passwordStdin),
      });
      output(
        json(),
        { ...staffJson(reset.member), one_time_password: reset.oneTimePassword },
        `Password of ${reset.member.email} reset; their sessions have ended.` +
          (reset.oneTimePassword
            ? `\nOne-time password: ${reset.oneTimePassword}\nIt must be changed on the next sign-in.`
            : ''),
      );
    });
  staff
    .command('list')
    .option('--account <id>', 'account id', rowId)
    .action(async (o: { account?: number }) => {
      const rows = await listStaff(database(), o.account);
      output(
        json(),
        { staff: rows.map(staffJson) },
        rows
          .map(
            (m) =>
              `${m.accountId}\t${m.email}\t${m.role}${m.mustChangePassword ? '\tmust change password' : ''}`,
          )
          .join('\n') || 'No staff users.',
      );
    });

  program
    .command('db')
    .command('migrate')
    .action(async () => {
      const applied = await migrateToLatest(database());
      output(
        json(),
        { applied },
        applied.length ? `Applied ${applied.join(', ')}` : 'Database is up to date.',
      );
    });

  program
    .command('demo')
    .command('seed')
    .description('create the demo shop (account 1001) unless it exists')
    .action(async () => {
      await migrateToLatest(database());
      const summary = await seedDemoShop(database());
      output(
        json(),
        summary,
        summary.created
          ? `Seeded demo shop: ${summary.orders} orders, ${summary.events} events.`
          : 'The demo shop exists already.',
      );
    });

  try {
    await program.parseAsync(argv);
    return 0;
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'commander.helpDisplayed' || code === 'commander.version') return 0;
    if (code?.startsWith('commander.')) return 2;
    const detail =
      error instanceof DomainError
        ? errorDetails(error, 'en')
            .map((e) => (e.attr ? `${e.attr}: ${e.detail}` : e.detail))
            .join('\n')
        : String(error);
    process.stderr.write(`Error: ${detail}\n`);
    return 1;
  } finally {
    await db?.destroy();
    if (auth) await closeLimiter();
  }
}
