/**
 * A real headless Chromium for the report page's test: Debian's `chromium` package (listed in
 * .ci/debian-packages), driven by playwright-core through its executablePath, with a fresh
 * profile folder, no network services of its own, and no sandbox (CI runs as root). Without the
 * binary the test fails, saying what to install; OMNIFEED_SKIP_BROWSER=1 skips it instead.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

const CHROMIUM = process.env.OMNIFEED_CHROMIUM || '/usr/bin/chromium';
export const skipBrowser = process.env.OMNIFEED_SKIP_BROWSER === '1';

const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface Browser {
  context: BrowserContext;
  close(): Promise<void>;
}

export async function startBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM))
    throw new Error(
      `${CHROMIUM} not found: install Debian's chromium (listed in .ci/debian-packages), or set OMNIFEED_SKIP_BROWSER=1 to skip`,
    );
  const profile = mkdtempSync(path.join(tmpdir(), 'omnifeed-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ARGS,
    viewport: { width: 1280, height: 900 },
  });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
