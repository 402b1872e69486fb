import { defineConfig, type Plugin, type ResolvedConfig } from 'vite';
import react from '@vitejs/plugin-react';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { precompressDir } from '../src/web-precompress.ts';

// Root is web/ wherever vite is started from (the server builds it with configFile only).
const root = fileURLToPath(new URL('.', import.meta.url));

/** After the build, .br and .gz beside each text asset, for the server to send by content negotiation (#20). */
function precompress(): Plugin {
  let config: ResolvedConfig;
  return {
    name: 'plaint-precompress',
    apply: 'build',
    configResolved(resolved) {
      config = resolved;
    },
    closeBundle() {
      const r = precompressDir(path.resolve(config.root, config.build.outDir));
      const kb = (n: number) => `${Math.round(n / 1024)} KB`;
      config.logger.info(`precompressed ${r.files} files: ${kb(r.bytes)} → brotli ${kb(r.brotliBytes)}, gzip ${kb(r.gzipBytes)}`);
    },
  };
}

export default defineConfig({
  root,
  base: '/',
  plugins: [react(), precompress()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 2000,
    // Two pages: the console (index.html) and the customer portal (portal.html, served for /portal), each
    // naming in its HTML the code its first screen needs (#20).
    rolldownOptions: { input: { index: path.join(root, 'index.html'), portal: path.join(root, 'portal.html') } },
  },
  server: {
    proxy: { '/api': 'http://localhost:3000' },
  },
});
