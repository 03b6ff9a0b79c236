/**
 * Retention of what BullMQ keeps in Redis, read from src/ with the TypeScript compiler (nothing run):
 * - every `new Queue(…)` passes the events-stream trim (`streams: QUEUE_STREAMS`), or writes no queue meta at all
 *   (`skipMetasUpdate: true`): BullMQ keeps the trim in the queue's meta hash, and any Queue that opens without it
 *   writes BullMQ's default of 10,000 events back;
 * - every `removeOnComplete` / `removeOnFail` removes at once (`true`) or is a KEEP_* setting, and those keep by
 *   age and by count (a count alone keeps large jobs for good on a quiet queue; an age alone lets a burst pile up).
 * test/fault/soak-memory.test.ts checks the same on a real Redis under load.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import * as settings from '../../src/queue/settings.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

function sourcesUnder(folder: string): string[] {
  return readdirSync(join(ROOT, folder)).flatMap((entry) => {
    const path = join(folder, entry);
    if (statSync(join(ROOT, path)).isDirectory()) return sourcesUnder(path);
    return entry.endsWith('.ts') && !entry.endsWith('.d.ts') ? [path] : [];
  });
}

/** Every node of the files under src/ that `pick` returns something for, with where it is. */
function findInSources<T>(pick: (node: ts.Node, source: ts.SourceFile) => T | undefined): { where: string; found: T }[] {
  const hits: { where: string; found: T }[] = [];
  for (const file of sourcesUnder('src')) {
    const source = ts.createSourceFile(file, readFileSync(join(ROOT, file), 'utf8'), ts.ScriptTarget.ES2022, true);
    const visit = (node: ts.Node) => {
      const found = pick(node, source);
      if (found !== undefined) hits.push({ where: `${relative(ROOT, join(ROOT, file))}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}`, found });
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return hits;
}

const propertyName = (property: ts.ObjectLiteralElementLike, source: ts.SourceFile) => property.name?.getText(source);

describe('what BullMQ keeps in Redis', () => {
  it('every Queue the tutor creates trims its events stream (or writes no meta)', () => {
    const queues = findInSources((node, source) => {
      if (!ts.isNewExpression(node) || node.expression.getText(source) !== 'Queue') return undefined;
      const options = node.arguments?.[1];
      if (!options || !ts.isObjectLiteralExpression(options)) return 'no options object';
      const has = (name: string, value: string) => options.properties.some((property) => propertyName(property, source) === name && ts.isPropertyAssignment(property) && property.initializer.getText(source) === value);
      return has('streams', 'QUEUE_STREAMS') || has('skipMetasUpdate', 'true') ? 'ok' : options.getText(source);
    });
    // The job queues, the outboxes, the dashboard's and the terminal's: if this falls, the scan found nothing.
    expect(queues.length).toBeGreaterThanOrEqual(4);
    expect(queues.filter(({ found }) => found !== 'ok')).toEqual([]);
  });

  it('removes jobs at once or keeps them by a KEEP_* setting', () => {
    const retention = findInSources((node, source) => {
      if (!ts.isPropertyAssignment(node) || !['removeOnComplete', 'removeOnFail'].includes(node.name.getText(source))) return undefined;
      const value = node.initializer.getText(source);
      return value === 'true' || /^([\w.]+ \? )?KEEP_[A-Z_]+( : (true|KEEP_[A-Z_]+))?$/.test(value) ? 'ok' : value;
    });
    expect(retention.length).toBeGreaterThanOrEqual(3);
    expect(retention.filter(({ found }) => found !== 'ok')).toEqual([]);
  });

  it('keeps every KEEP_* setting by age and by count', () => {
    const keeps = Object.entries(settings).filter(([name, value]) => /^KEEP_[A-Z_]+$/.test(name) && typeof value === 'object');
    expect(keeps.length).toBeGreaterThanOrEqual(2);
    for (const [name, keep] of keeps) {
      expect(keep, name).toMatchObject({ age: expect.any(Number), count: expect.any(Number) });
      const { age, count } = keep as { age: number; count: number };
      expect(age, `${name}: age is in seconds (BullMQ's unit), at most 30 days`).toBeLessThanOrEqual(30 * 24 * 60 * 60);
      expect(count, name).toBeLessThanOrEqual(10_000);
    }
  });

  it('trims the events streams to a small length', () => {
    expect(settings.QUEUE_STREAMS.events.maxLen).toBe(settings.EVENTS_STREAM_MAX_LEN);
    expect(settings.EVENTS_STREAM_MAX_LEN).toBeLessThanOrEqual(1_000);
  });
});
