/** One real server and one Chromium per test file: started before its tests, stopped after them. */
import { after, before } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startEmptyServer, startServer, type RunningServer } from './server.ts';
import { launchBrowser, newPage } from './browser.ts';

export interface Harness {
  readonly server: RunningServer;
  readonly browser: Browser;
  /** A fresh browser context at this viewport, pointed at the file's server. */
  open(viewport: { width: number; height: number }): Promise<{ context: BrowserContext; page: Page }>;
}

/**
 * `empty`: a server on an empty installation, without demo data (the first run, issue #16). `env`: settings
 * for the server beyond the test environment's own, read as a server process would read its environment (the
 * test process's own environment is shared by the other files of its test worker, test/helpers/test-queue.ts,
 * so it is never changed for one file).
 */
export function useServerAndBrowser(opts: { empty?: boolean; env?: NodeJS.ProcessEnv } = {}): Harness {
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  before(async () => {
    server = opts.empty ? await startEmptyServer(opts.env) : await startServer(opts.env);
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });
  const started = () => {
    if (!server || !browser) throw new Error('the server and browser start in before(); use them inside tests');
    return { server, browser };
  };
  return {
    get server() {
      return started().server;
    },
    get browser() {
      return started().browser;
    },
    open: (viewport) => newPage(started().browser, viewport, started().server.baseUrl),
  };
}
