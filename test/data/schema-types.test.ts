/**
 * src/data/schema.ts against the migrated database (issue #18, "One source of shapes"): every table and
 * column a fresh database has after the migrations is in schema.ts's `DB`, with the same nullability, and
 * schema.ts names nothing the database lacks. The Kysely types are written by hand (precise unions such as
 * ComplaintStatus, which no generator can read from a text column), so this test is what keeps them true:
 * a migration that adds a column schema.ts lacks fails here.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import ts from 'typescript';
import { sql } from 'kysely';
import { freshDatabase, type TestDatabase } from '../helpers/test-db.ts';

const SCHEMA_FILE = new URL('../../src/data/schema.ts', import.meta.url);
/** The migration runner's own bookkeeping (src/data/migrate.ts), which no query of the app reads through `DB`. */
const NOT_IN_DB_TYPE = new Set(['schema_migrations']);

/** "table.column" → whether it may be null. */
type Columns = Map<string, boolean>;

function hasNull(node: ts.TypeNode): boolean {
  if (ts.isParenthesizedTypeNode(node)) return hasNull(node.type);
  if (ts.isLiteralTypeNode(node)) return node.literal.kind === ts.SyntaxKind.NullKeyword;
  if (ts.isUnionTypeNode(node)) return node.types.some(hasNull);
  // ColumnType<Select, Insert, Update> and Generated<T>: what a select reads is the first argument.
  if (ts.isTypeReferenceNode(node) && ['ColumnType', 'Generated'].includes(node.typeName.getText()) && node.typeArguments?.[0])
    return hasNull(node.typeArguments[0]);
  return false;
}

/** The columns schema.ts declares: DB's properties name the table interfaces, whose declarations merge. */
function declaredColumns(source: string): Columns {
  const file = ts.createSourceFile('schema.ts', source, ts.ScriptTarget.ES2022, true);
  const interfaces = new Map<string, ts.PropertySignature[]>();
  const bases = new Map<string, string[]>();
  for (const statement of file.statements) {
    if (!ts.isInterfaceDeclaration(statement)) continue;
    const members = statement.members.filter(ts.isPropertySignature);
    interfaces.set(statement.name.text, [...(interfaces.get(statement.name.text) ?? []), ...members]);
    // `interface A extends B`: A's columns are B's too.
    const named = (statement.heritageClauses ?? []).flatMap((h) => h.types.map((t) => t.expression.getText()));
    bases.set(statement.name.text, [...(bases.get(statement.name.text) ?? []), ...named]);
  }
  const membersOf = (name: string): ts.PropertySignature[] | undefined => {
    const own = interfaces.get(name);
    return own && [...(bases.get(name) ?? []).flatMap((b) => membersOf(b) ?? []), ...own];
  };
  const columns: Columns = new Map();
  for (const table of interfaces.get('DB') ?? []) {
    const typeName = table.type && ts.isTypeReferenceNode(table.type) ? table.type.typeName.getText() : '';
    const members = membersOf(typeName);
    assert.ok(members, `DB.${table.name.getText()} names interface ${typeName}, which schema.ts declares`);
    for (const column of members) {
      assert.ok(column.type, `${typeName}.${column.name.getText()} has a type`);
      columns.set(`${table.name.getText()}.${column.name.getText()}`, hasNull(column.type));
    }
  }
  return columns;
}

async function databaseColumns(database: TestDatabase): Promise<Columns> {
  const rows = await sql<{ table_name: string; column_name: string; is_nullable: 'YES' | 'NO' }>`
    SELECT c.table_name, c.column_name, c.is_nullable
    FROM information_schema.columns c
    JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
    WHERE c.table_schema = current_schema() AND t.table_type = 'BASE TABLE'`.execute(database.db);
  const columns: Columns = new Map();
  for (const r of rows.rows)
    if (!NOT_IN_DB_TYPE.has(r.table_name)) columns.set(`${r.table_name}.${r.column_name}`, r.is_nullable === 'YES');
  return columns;
}

/** What differs, one line each; empty when schema.ts and the database agree. */
function differences(inDatabase: Columns, inSchema: Columns): string[] {
  const out: string[] = [];
  for (const [column, nullable] of inDatabase) {
    if (!inSchema.has(column)) out.push(`${column}: in the database, missing from schema.ts`);
    else if (inSchema.get(column) !== nullable)
      out.push(
        `${column}: ${nullable ? 'nullable' : 'NOT NULL'} in the database, ${inSchema.get(column) ? 'nullable' : 'not null'} in schema.ts`,
      );
  }
  for (const column of inSchema.keys()) if (!inDatabase.has(column)) out.push(`${column}: in schema.ts, not in the database`);
  return out.sort();
}

let database: TestDatabase;
before(async () => {
  database = await freshDatabase();
});
after(async () => database.drop());

test('schema.ts declares every table and column of the migrated database, with its nullability, and no other', async () => {
  const inSchema = declaredColumns(readFileSync(SCHEMA_FILE, 'utf8'));
  assert.ok(inSchema.size > 100, `schema.ts was read (${inSchema.size} columns)`);
  assert.deepEqual(differences(await databaseColumns(database), inSchema), []);
});

test('a column a migration adds and schema.ts lacks is reported', async () => {
  await sql`ALTER TABLE complaints ADD COLUMN schema_test_extra text`.execute(database.db);
  try {
    const found = differences(await databaseColumns(database), declaredColumns(readFileSync(SCHEMA_FILE, 'utf8')));
    assert.ok(found.includes('complaints.schema_test_extra: in the database, missing from schema.ts'), found.join('\n'));
  } finally {
    await sql`ALTER TABLE complaints DROP COLUMN schema_test_extra`.execute(database.db);
  }
});
