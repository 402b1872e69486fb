/**
 * Issue #18 "Clean seams": the layers are checked, not hoped for. SQL is written in src/data only;
 * routes reach the database through use cases; the domain does no I/O. A new route, table or test copies
 * the shape it finds, so the shape is held here.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '../..');

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
    const rel = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...sourceFiles(rel));
    else if (/\.tsx?$/.test(entry.name)) out.push(rel);
  }
  return out;
}

/** Lines of `files` matching `pattern`, as "file:line: text", comments left out. */
function offending(files: string[], pattern: RegExp): string[] {
  const hits: string[] = [];
  for (const file of files) {
    const lines = fs.readFileSync(path.join(ROOT, file), 'utf8').split('\n');
    lines.forEach((line, i) => {
      const code = line.replace(/\/\/.*$/, '');
      if (/^\s*(\*|\/\*)/.test(line)) return;
      if (pattern.test(code)) hits.push(`${file}:${i + 1}: ${line.trim()}`);
    });
  }
  return hits;
}

/** Import statements (over several lines too) that bring values, not only types, from a module matching `from`. */
function valueImportsOf(files: string[], from: RegExp): string[] {
  const hits: string[] = [];
  for (const file of files) {
    const text = fs.readFileSync(path.join(ROOT, file), 'utf8');
    for (const m of text.matchAll(/^import\s+(?!type\b)([^;]*?)\s+from\s+['"]([^'"]+)['"]/gms)) {
      if (from.test(m[2])) hits.push(`${file}: import ${m[1].replace(/\s+/g, ' ')} from '${m[2]}'`);
    }
  }
  return hits;
}

// Query building in Kysely: the four statement starters, a raw `sql` template, and the query-builder
// helpers that only make sense inside a statement.
const SQL =
  /\b(selectFrom|insertInto|updateTable|deleteFrom|selectNoFrom|mergeInto)\s*\(|\bsql\s*(<[^>]*>)?\s*`|\bsql\.(raw|ref|lit|id|table|join|val)\b/;

test('issue #18: no SQL is built under src/http, src/use-cases, src/domain, src/security or src/jobs', () => {
  const files = ['src/http', 'src/use-cases', 'src/domain', 'src/security', 'src/jobs'].flatMap(sourceFiles);
  assert.ok(files.length > 50, 'the walk found the source files');
  assert.deepEqual(offending(files, SQL), []);
});

test('issue #18: the check itself sees SQL where it is written (src/data has plenty)', () => {
  assert.ok(offending(sourceFiles('src/data'), SQL).length > 50);
});

test('issue #18: routes call use cases and security, never src/data (a row type may be named)', () => {
  assert.deepEqual(valueImportsOf(sourceFiles('src/http'), /\/data\//), []);
});

test('issue #18: the domain does no I/O: no database, file system, network or clock of its own', () => {
  const domain = sourceFiles('src/domain');
  assert.deepEqual(
    offending(
      domain,
      /from\s+['"](\.\.\/)+(data|http|use-cases|jobs)\/|from\s+['"](node:)?(fs|net|http|https|child_process|pg|kysely|@electric-sql\/pglite)['"]|\bDate\.now\(\)/,
    ),
    [],
  );
});

// A user's role compared with a role's name, or a list of roles tested for the user's: the permission table's job.
const ROLE_CHECK = /\b(role|actorRole|userRole)\s*[!=]==\s*'[a-z_]+'|'[a-z_]+'\s*[!=]==\s*\w+\.role\b|\.includes\(\s*\w+\.role\s*\)/;

test('issue #18: no role is compared outside the permission table (src/security)', () => {
  const files = ['src/http', 'src/use-cases', 'src/domain', 'src/jobs', 'src/delivery', 'src/mail'].flatMap((d) =>
    fs.existsSync(path.join(ROOT, d)) ? sourceFiles(d) : [],
  );
  assert.deepEqual(offending(files, ROLE_CHECK), []);
  // The check sees a comparison where the table makes one.
  assert.ok(offending(sourceFiles('src/security'), ROLE_CHECK).length > 0);
});
