/** Builds the web app with Vite when web/dist is missing or older than its sources (npm start does this). */
import fs from 'node:fs';
import path from 'node:path';

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name === 'dist' || entry.name === 'node_modules') continue;
      newest = Math.max(newest, newestMtime(p));
    } else newest = Math.max(newest, fs.statSync(p).mtimeMs);
  }
  return newest;
}

export async function ensureWebBuilt(root: string, log: (m: string) => void): Promise<string | null> {
  const webRoot = path.join(root, 'web');
  const dist = path.join(webRoot, 'dist');
  const index = path.join(dist, 'index.html');
  if (!fs.existsSync(path.join(webRoot, 'index.html'))) return null;
  const stale = !fs.existsSync(index) || fs.statSync(index).mtimeMs < newestMtime(webRoot);
  if (stale) {
    log('building the web app (first start or sources changed)…');
    const { build } = await import('vite');
    await build({ configFile: path.join(webRoot, 'vite.config.ts'), logLevel: 'warn' });
  }
  return dist;
}
