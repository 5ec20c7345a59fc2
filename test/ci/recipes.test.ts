import { readFileSync } from 'node:fs';
import path from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { githubBash, OMNIFEED, sh, snapshot } from '../helpers/cli.js';
import { demoWorkspace, repoRoot } from '../helpers/workspace.js';

const SLOW = 300_000;

describe('examples/ci/nightly.sh', () => {
  it(
    'runs green on the demo against the default dir: destination, night after night, and exits 3 on a broken night',
    async () => {
      const ws = demoWorkspace();
      try {
        const nightly = path.join(repoRoot, 'examples/ci/nightly.sh');
        const first = await sh(['bash', nightly, ws.dir], repoRoot, { OMNIFEED });
        expect(first.code, first.stderr).toBe(0);
        expect(first.stdout).toContain(
          'google-us: 53 added, 0 removed, 0 changed, 0 unchanged; listed 53 (never published: a first publish)',
        );
        expect(first.stdout).toContain('nightly: published');
        for (const file of ['amazon-us.json', 'ebay-us.csv', 'etsy.ndjson', 'google-us.xml', 'meta-us.csv'])
          expect(ws.read(`published/${file}`)).toBe(ws.read(`out/${file}`));
        const second = await sh(['bash', nightly, ws.dir], repoRoot, { OMNIFEED });
        expect(second.code, second.stderr).toBe(0);
        expect(second.stdout).toContain('google-us: 0 added, 0 removed, 0 changed, 53 unchanged');

        const published = snapshot(path.join(ws.dir, 'published'));
        ws.write('examples/catalog.csv', `${ws.read('examples/catalog.csv').split('\n')[0]}\n`);
        const broken = await sh(['bash', nightly, ws.dir], repoRoot, { OMNIFEED });
        expect(broken.code).toBe(3);
        expect(broken.stderr).toMatch(/omnifeed: GUARD_REFUSED: .*google-us: listed 0 of 53 last published \(-100%\), max_drop 20%/);
        expect(broken.stderr).toContain('nightly: a safety guard refused to publish');
        expect(snapshot(path.join(ws.dir, 'published'))).toEqual(published);
      } finally {
        ws.dispose();
      }
    },
    SLOW,
  );
});

interface Step {
  name?: string;
  run?: string;
  uses?: string;
  env?: Record<string, string>;
}

/** `${{ … }}` expressions of a workflow: secrets and inputs are empty outside GitHub. */
const expand = (text: string) => text.replace(/\$\{\{[^}]*\}\}/g, '');

describe('examples/ci/github-actions.yml', () => {
  it(
    "runs its run: steps green on the demo as GitHub's bash would (-e, pipefail), annotating issues and writing the JUnit report",
    async () => {
      const workflow = parse(readFileSync(path.join(repoRoot, 'examples/ci/github-actions.yml'), 'utf8')) as {
        on: { schedule: { cron: string }[] };
        env: Record<string, string>;
        jobs: { feeds: { steps: Step[] } };
      };
      expect(workflow.on.schedule[0].cron).toBe('0 2 * * *');
      const steps = workflow.jobs.feeds.steps;
      expect(steps.map((s) => s.uses ?? s.run).filter((s) => s?.startsWith('actions/'))).toEqual([
        'actions/checkout@v4',
        'actions/setup-node@v4',
        'actions/cache/restore@v4',
        'actions/cache/save@v4',
        'actions/upload-artifact@v4',
      ]);
      const ws = demoWorkspace();
      try {
        const jobEnv = Object.fromEntries(Object.entries(workflow.env).map(([k, v]) => [k, expand(v)]));
        const outputs: Record<string, string> = {};
        for (const step of steps.filter((s) => s.run && s.run !== 'npm ci')) {
          const env = { ...jobEnv, ...Object.fromEntries(Object.entries(step.env ?? {}).map(([k, v]) => [k, expand(v)])), OMNIFEED };
          const result = await sh(githubBash(step.run!), ws.dir, env);
          expect(result.code, `${step.name ?? step.run}: ${result.stderr}`).toBe(0);
          outputs[step.name ?? step.run!] = result.stdout;
        }
        expect(outputs.Build).toContain(
          "::error file=examples/catalog.csv,line=35,title=google-us gtin-check-digit::GRINDER-1 gtin: '4006380001238': the GTIN check digit (GS1 mod 10) is wrong\n",
        );
        expect(outputs.Publish).toContain('google-us: published to dir:published (53 added, 0 removed, 0 changed; first publish)');
        const junit = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(ws.read('out/junit.xml'));
        const suites = junit.testsuites.testsuite as {
          name: string;
          tests: string;
          failures: string;
          testcase: { name: string; failure?: unknown }[];
        }[];
        expect(suites.map((s) => s.name)).toEqual(['catalog', 'amazon-us', 'ebay-us', 'etsy', 'google-us', 'meta-us']);
        const google = suites.find((s) => s.name === 'google-us')!;
        expect(Number(google.tests)).toBe(google.testcase.length);
        const failed = google.testcase.filter((c) => c.failure).map((c) => c.name);
        expect(failed).toEqual(
          expect.arrayContaining(['gtin-check-digit', 'gtin-restricted', 'apparel-missing-attribute', 'variant-missing-attribute']),
        );
        expect(Number(google.failures)).toBe(failed.length);
        expect(google.testcase.find((c) => c.name === 'title-too-long')).toBeDefined();
        expect(google.testcase.find((c) => c.name === 'title-too-long')!.failure).toBeUndefined();
      } finally {
        ws.dispose();
      }
    },
    SLOW,
  );
});
