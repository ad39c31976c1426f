import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createFileLogger, createMemoryLogger, REDACTED } from './logger';
import { tempDir } from './test-helpers';

describe('RedactingLogger', () => {
  it('masks registered secrets in messages and fields, including JSON-special characters', () => {
    const logger = createMemoryLogger();
    const secret = 'pa"ss\\word';
    logger.addSecret(secret);
    logger.addSecret('');
    logger.warn(`login with ${secret} failed`, { detail: `got ${secret}`, count: 2 });
    const line = logger.lines[0]!;
    expect(line).not.toContain('pa"ss');
    expect(line).not.toContain(JSON.stringify(secret).slice(1, -1));
    expect(line).toContain(`login with ${REDACTED} failed`);
    expect(line).toMatch(/ WARN /);
    expect(line).toContain('"count":2');
  });

  it('masks the longer of two overlapping secrets whole', () => {
    const logger = createMemoryLogger();
    logger.addSecret('abc');
    logger.addSecret('abcdef');
    logger.info('x abcdef y');
    expect(logger.lines[0]).toContain(`x ${REDACTED} y`);
  });

  it('appends lines to a file, creating its folder', async () => {
    const dir = await tempDir();
    const file = join(dir, 'logs', 'main.log');
    const logger = createFileLogger(file);
    logger.addSecret('s3cr3t');
    logger.info('first');
    logger.error('second s3cr3t');
    const text = await readFile(file, 'utf8');
    expect(text.trim().split('\n')).toHaveLength(2);
    expect(text).not.toContain('s3cr3t');
  });
});
