import os from 'node:os';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/platform/config.js';

describe('configuration', () => {
  it('has defaults that start an embedded PostgreSQL on port 8080', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ databaseUrl: undefined, port: 8080, seedDemo: true, bodyLimitBytes: 1_048_576 });
    expect(c.dataDir).toMatch(/\.trove$/);
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT must be a whole number'],
    [{ PORT: '70000' }, 'PORT must be between'],
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL must start with postgres:// or postgresql://'],
    [{ DATABASE_URL: 'not a url' }, 'DATABASE_URL is not a valid URL'],
    [{ TROVE_ADMIN_KEY: 'short' }, 'TROVE_ADMIN_KEY must be 24 to 128'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL must be one of'],
    [{ TROVE_SEED_DEMO: 'maybe' }, 'TROVE_SEED_DEMO must be true or false'],
    [{ REDIS_URL: 'http://x' }, 'REDIS_URL must start with redis://'],
    [{ TROVE_WORKERS: '0' }, 'TROVE_WORKERS must be between 1 and 64'],
    [{ TROVE_WORKERS: 'many' }, 'TROVE_WORKERS must be a whole number'],
  ])('refuses %o with a message naming the variable', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });

  it('reads the data dir, modules and URLs', () => {
    const c = loadConfig({ TROVE_DATA_DIR: '/var/tmp/t', TROVE_MODULES: 'members, wallet', NATS_URL: 'nats://127.0.0.1:4222' });
    expect(c).toMatchObject({ dataDir: '/var/tmp/t', modules: ['members', 'wallet'], natsUrl: 'nats://127.0.0.1:4222' });
  });

  it('runs one process unless asked for workers; auto is one per core', () => {
    expect(loadConfig({}).workers).toBe(1);
    expect(loadConfig({ TROVE_WORKERS: '3' }).workers).toBe(3);
    expect(loadConfig({ TROVE_WORKERS: 'auto' }).workers).toBe(os.availableParallelism());
  });
});
