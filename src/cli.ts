#!/usr/bin/env node
import cluster from 'node:cluster';
import { startPrimary, type Served } from './cluster.js';
import { ConfigError, loadConfig, type Config } from './platform/config.js';
import type { Database } from './platform/db/database.js';
import { Members, PASSWORD_POLICY, Sessions } from './modules/members/index.js';
import { MigrationError } from './platform/db/migrate.js';
import { DEMO_PASSWORD, seed, type SeedResult } from './seed.js';
import { createLogger, migratedDatabase, startServer, withSmallPool } from './server.js';

const USAGE = `usage: trove <command>

  serve     start the HTTP service (migrates and seeds first)
  migrate   apply pending database migrations and exit
  seed      create the admin and the demo members if missing, and exit
  set-password <email>
            set a member's web password, read from standard input (not the command line, which
            shells keep in their history), and end its sessions: for an admin created before
            passwords existed, or a member locked out

Configuration comes from the environment; see the table in README.md.`;

async function main(command: string | undefined): Promise<void> {
  if (!command || command === 'help' || command === '--help') {
    console.log(USAGE);
    return;
  }
  if (!['serve', 'migrate', 'seed', 'set-password'].includes(command)) {
    console.error(`unknown command "${command}"\n\n${USAGE}`);
    process.exitCode = 2;
    return;
  }
  const config = loadConfig();
  if (command === 'serve') return serve(config);
  const logger = createLogger(config);
  const { url, embedded, ran } = await migratedDatabase(config, logger);
  try {
    if (command === 'migrate') {
      console.log(ran.length ? `applied ${ran.length} migration(s)` : 'database is up to date');
      return;
    }
    await withSmallPool(url, async (database) => {
      if (command === 'set-password') await setPassword(database, process.argv[3]);
      else printKeys(await seed(database, { adminKey: config.adminKey, demo: config.seedDemo }));
    });
  } finally {
    await embedded?.stop();
  }
}

async function setPassword(database: Database, email: string | undefined): Promise<void> {
  if (!email) throw new ConfigError('usage: trove set-password <email> (the password on standard input)');
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  const password = Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
  if (password.length < PASSWORD_POLICY.lengthMin || password.length > PASSWORD_POLICY.lengthMax) {
    throw new ConfigError(`the password must be ${PASSWORD_POLICY.lengthMin} to ${PASSWORD_POLICY.lengthMax} characters`);
  }
  const member = await new Members(database).findMemberByEmail(database.db, email);
  if (!member) throw new ConfigError(`no member has the email ${email}`);
  const sessions = new Sessions(database.pool);
  await database.db.transaction().execute(async (tx) => {
    await sessions.setPassword(tx, member.id, password);
    await sessions.endAll(tx, member.id, null);
  });
  console.log(`password set for ${member.email}; its sessions ended`);
}

async function serve(config: Config): Promise<void> {
  // A worker of a cluster serves and stops when the primary tells it; the primary speaks for all.
  if (cluster.isWorker) return serveAsWorker(config);
  const running = config.workers > 1 ? await startPrimary(config, createLogger(config)) : await startServer(config);
  const base = `http://localhost:${new URL(running.url).port}`;
  printKeys(running);
  const adminKey = config.adminKey ? '$TROVE_ADMIN_KEY' : (running.createdKeys.find((k) => k.email.startsWith('admin'))?.key ?? '<your admin key>');
  console.log(`
Trove is running at ${base}
  Web app:   ${base}/${config.seedDemo ? `   (demo: sign in as buyer1@demo.trove.local or seller@demo.trove.local, password ${DEMO_PASSWORD})` : ''}
  API docs:  ${base}/docs   (OpenAPI: ${base}/openapi.json)
  Health:    ${base}/healthz   Metrics: ${base}/metrics
  Try:       curl -H "Authorization: Bearer ${adminKey}" ${base}/v1/members/me
${config.workers > 1 ? `  Workers:   ${config.workers} processes share the port\n` : ''}`);
  let signals = 0;
  const onSignal = (signal: string) => {
    signals += 1;
    // A second Ctrl-C means "now": skip the drain.
    if (signals > 1) process.exit(130);
    // A primary waits for its workers, which give up after the grace themselves.
    shutdownWithin(running, signal, config.workers > 1 ? config.shutdownGraceMs + config.shutdownDelayMs + 5_000 : config.shutdownGraceMs);
  };
  process.on('SIGTERM', () => onSignal('SIGTERM'));
  process.on('SIGINT', () => onSignal('SIGINT'));
}

/** Ctrl-C reaches every process of the terminal's group: a worker leaves it to the primary, which sends SIGTERM. */
async function serveAsWorker(config: Config): Promise<void> {
  process.on('SIGINT', () => undefined);
  const running = await startServer(config);
  process.once('SIGTERM', () => shutdownWithin(running, 'SIGTERM', config.shutdownGraceMs));
}

function shutdownWithin(running: Pick<Served, 'logger' | 'shutdown'>, reason: string, graceMs: number): void {
  const force = setTimeout(() => {
    running.logger.error(`shutdown took longer than ${graceMs} ms; exiting`);
    process.exit(1);
  }, graceMs);
  force.unref();
  running.shutdown(reason).then(
    () => process.exit(0),
    (err) => {
      running.logger.error({ err }, 'shutdown failed');
      process.exit(1);
    },
  );
}

function printKeys({ createdKeys, createdPasswords }: SeedResult): void {
  if (createdKeys.length > 0) {
    console.log('\nAPI keys created now. They are shown only this once and stored hashed; keep them:');
    for (const { email, key } of createdKeys) console.log(`  ${email.padEnd(26)} ${key}`);
  }
  if (createdPasswords.length > 0) {
    console.log('\nWeb sign-in passwords created now, shown only this once:');
    for (const { email, password } of createdPasswords) console.log(`  ${email.padEnd(26)} ${password}`);
  }
}

main(process.argv[2]).catch((err: unknown) => {
  if (err instanceof ConfigError) console.error(`configuration error: ${err.message}`);
  else if (err instanceof MigrationError) console.error(`migration error: ${err.message}`);
  else console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
