import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

/** Imports every *.test.ts file under `dirs` (relative to the working directory) in name order, registering their tests here. */
export async function importTestFiles(dirs: string[]): Promise<void> {
  const files = dirs
    .flatMap((d) =>
      fs
        .readdirSync(d, { recursive: true, encoding: 'utf8' })
        .filter((f) => f.endsWith('.test.ts'))
        .map((f) => path.resolve(d, f)),
    )
    .sort();
  if (files.length === 0) throw new Error(`no *.test.ts under ${dirs.join(', ')}`);
  for (const f of files) await import(pathToFileURL(f).href);
}
