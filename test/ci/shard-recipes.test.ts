import { chmodSync, cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { RunReport } from '../../src/report.js';
import { githubBash, OMNIFEED, omnifeed, sh, snapshot } from '../helpers/cli.js';
import { demoWorkspace, repoRoot } from '../helpers/workspace.js';

const SLOW = 300_000;
const bash = (script: string, cwd: string, env: NodeJS.ProcessEnv) => sh(githubBash(script), cwd, env);

interface Step {
  name?: string;
  run?: string;
  uses?: string;
  with?: Record<string, string>;
  env?: Record<string, string>;
}
interface Job {
  needs?: string;
  strategy?: { 'fail-fast': boolean; matrix: { shard: number[] } };
  env?: Record<string, string>;
  steps: Step[];
}

/** `${{ … }}` as GitHub would fill it in: the matrix value and the plan's date; secrets and inputs are empty outside GitHub. */
const expand = (text: string, values: Record<string, string>) =>
  text.replace(/\$\{\{\s*([^}]*?)\s*\}\}/g, (_, name: string) => values[name] ?? '');

/** The whole build's report at the same build date, for the merged one to be compared with. */
async function wholeReport(now: string): Promise<RunReport> {
  const ws = demoWorkspace();
  try {
    expect((await omnifeed(ws.dir, ['build', '--fail-on', 'none', '--quiet', '--now', now])).code).toBe(0);
    return JSON.parse(ws.read('out/omnifeed-report.json')) as RunReport;
  } finally {
    ws.dispose();
  }
}

function expectWhole(merged: RunReport, whole: RunReport): void {
  expect(merged.shards).toBe(4);
  expect(merged.catalog.products).toBe(whole.catalog.products);
  expect(merged.feeds.map((f) => [f.feed, f.read, f.listed, f.errors])).toEqual(
    whole.feeds.map((f) => [f.feed, f.read, f.listed, f.errors]),
  );
}

describe('examples/ci/github-actions-shards.yml', () => {
  it(
    "runs each shard job's run: steps green on the demo as GitHub's bash would, then adds the shards' reports up",
    async () => {
      const workflow = parse(readFileSync(path.join(repoRoot, 'examples/ci/github-actions-shards.yml'), 'utf8')) as {
        env: Record<string, string>;
        jobs: Record<'plan' | 'shard' | 'report', Job>;
      };
      const { shard, report } = workflow.jobs;
      expect(shard.needs).toBe('plan');
      expect(shard.strategy!['fail-fast']).toBe(false);
      expect(shard.strategy!.matrix.shard).toEqual([1, 2, 3, 4]);
      const epoch = String(Date.UTC(2026, 11, 1) / 1000);
      const plan = await bash(workflow.jobs.plan.steps[0].run!, tmpdir(), {
        GITHUB_OUTPUT: path.join(mkdtempSync(path.join(tmpdir(), 'gh-')), 'out'),
      });
      expect(plan.code).toBe(0);
      // each shard on a machine of its own: a fresh checkout of the demo
      const reports = mkdtempSync(path.join(tmpdir(), 'omnifeed-reports-'));
      try {
        for (const i of shard.strategy!.matrix.shard) {
          const values = { 'matrix.shard': String(i), 'needs.plan.outputs.epoch': epoch };
          const ws = demoWorkspace();
          try {
            const env = Object.fromEntries(
              Object.entries({ ...workflow.env, ...shard.env }).map(([k, v]) => [k, expand(String(v), values)]),
            );
            expect(env.SHARD).toBe(`${i}/4`);
            for (const step of shard.steps.filter((s) => s.run && s.run !== 'npm ci')) {
              const stepEnv = Object.fromEntries(Object.entries(step.env ?? {}).map(([k, v]) => [k, expand(v, values)]));
              const result = await bash(step.run!, ws.dir, { ...env, ...stepEnv, OMNIFEED, SOURCE_DATE_EPOCH: env.SOURCE_DATE_EPOCH });
              expect(result.code, `${step.name}: ${result.stderr}`).toBe(0);
            }
            expect(Object.keys(snapshot(path.join(ws.dir, 'published'))).sort()).toEqual(
              ['amazon-us.json', 'ebay-us.csv', 'etsy.ndjson', 'google-us.xml', 'meta-us.csv'].map((f) =>
                f.replace('.', `.shard-${i}-of-4.`),
              ),
            );
            const cache = shard.steps.find((s) => s.uses === 'actions/cache/save@v4')!;
            expect(expand(cache.with!.key, values)).toBe(`omnifeed-state-${i}-of-4-`);
            // what upload-artifact takes (its path glob) and download-artifact puts together in reports/
            const upload = shard.steps.find((s) => s.uses === 'actions/upload-artifact@v4')!;
            const glob = new RegExp(`^${path.basename(upload.with!.path).replace('.', '\\.').replace('*', '.*')}$`);
            for (const f of readdirSync(path.join(ws.dir, 'out')).filter((f) => glob.test(f)))
              cpSync(path.join(ws.dir, 'out', f), path.join(reports, f));
          } finally {
            ws.dispose();
          }
        }
        expect(readdirSync(reports).sort()).toEqual([1, 2, 3, 4].map((i) => `omnifeed-report.shard-${i}-of-4.json`));
        const ws = demoWorkspace();
        try {
          cpSync(reports, path.join(ws.dir, 'reports'), { recursive: true });
          const merge = report.steps.find((s) => s.run && s.run !== 'npm ci')!;
          const result = await bash(merge.run!, ws.dir, { ...workflow.env, OMNIFEED });
          expect(result.code, result.stderr).toBe(0);
          const merged = JSON.parse(ws.read('reports/omnifeed-report.json')) as RunReport;
          expect(merged.now).toBe('2026-12-01T00:00:00.000Z');
          expectWhole(merged, await wholeReport(merged.now));
          expect(ws.read('reports/junit.xml')).toContain('<testsuites');
        } finally {
          ws.dispose();
        }
      } finally {
        rmSync(reports, { recursive: true, force: true });
      }
    },
    SLOW,
  );
});

describe('examples/ci/kubernetes-shards.yaml', () => {
  it(
    'is an Indexed Job of one pod per shard whose script, run for each index on a shared state folder, publishes every shard and leaves reports that add up to the whole build',
    async () => {
      const cron = parse(readFileSync(path.join(repoRoot, 'examples/ci/kubernetes-shards.yaml'), 'utf8'));
      expect(cron).toMatchObject({ apiVersion: 'batch/v1', kind: 'CronJob', spec: { concurrencyPolicy: 'Forbid' } });
      const job = cron.spec.jobTemplate.spec;
      expect(job).toMatchObject({ completionMode: 'Indexed', completions: 4, parallelism: 4 });
      const [container] = job.template.spec.containers;
      expect(container.command).toEqual(['bash', '-c']);
      const env = Object.fromEntries(
        (container.env as { name: string; value?: string }[]).filter((e) => e.value !== undefined).map((e) => [e.name, e.value!]),
      );
      expect(env.SHARDS).toBe(String(job.completions));
      const mounts = (container.volumeMounts as { mountPath: string; subPath?: string }[]).map((m) => m.mountPath);
      expect(mounts).toEqual(['/workspace/out', '/workspace/.omnifeed', '/workspace/reports']);
      // `omnifeed` on the PATH, as the image has it
      const binDir = mkdtempSync(path.join(tmpdir(), 'omnifeed-bin-'));
      writeFileSync(path.join(binDir, 'omnifeed'), `#!/bin/sh\nexec ${OMNIFEED} "$@"\n`);
      chmodSync(path.join(binDir, 'omnifeed'), 0o755);
      const shared = demoWorkspace();
      try {
        // the pods share the state folder and the reports; each has its own out/ (an emptyDir)
        const runs = await Promise.all(
          Array.from({ length: job.completions as number }, async (_, index) => {
            const pod = demoWorkspace();
            rmSync(path.join(pod.dir, '.omnifeed'), { recursive: true, force: true });
            mkdirSync(path.join(shared.dir, '.omnifeed'), { recursive: true });
            mkdirSync(path.join(shared.dir, 'reports'), { recursive: true });
            symlinkSync(path.join(shared.dir, '.omnifeed'), path.join(pod.dir, '.omnifeed'));
            symlinkSync(path.join(shared.dir, 'reports'), path.join(pod.dir, 'reports'));
            const result = await bash(container.args[0], pod.dir, {
              ...env,
              JOB_COMPLETION_INDEX: String(index),
              PATH: `${binDir}:${process.env.PATH}`,
              SOURCE_DATE_EPOCH: '',
            });
            const published = Object.keys(snapshot(path.join(pod.dir, 'published')));
            pod.dispose();
            return { result, published };
          }),
        );
        for (const [index, { result, published }] of runs.entries()) {
          expect(
            result.code,
            result.stderr
              .split('\n')
              .filter((l) => !l.startsWith('error '))
              .join('\n'),
          ).toBe(0);
          expect(published).toContain(`google-us.shard-${index + 1}-of-4.xml`);
        }
        const state = readdirSync(path.join(shared.dir, '.omnifeed'));
        for (let i = 1; i <= 4; i++) expect(state).toContain(`google-us.shard-${i}-of-4.tsv.gz`);
        const merge = await omnifeed(shared.dir, [
          'merge-reports',
          '--json',
          '--fail-on',
          'none',
          ...[1, 2, 3, 4].map((i) => `reports/omnifeed-report.shard-${i}-of-4.json`),
        ]);
        expect(merge.code, merge.stderr).toBe(0);
        const merged = JSON.parse(merge.stdout) as RunReport;
        // midnight UTC of the day, in every pod
        expect(merged.now).toMatch(/T00:00:00.000Z$/);
        expect(merge.stderr).not.toContain('different dates');
        expectWhole(merged, await wholeReport(merged.now));
      } finally {
        shared.dispose();
        rmSync(binDir, { recursive: true, force: true });
      }
    },
    SLOW,
  );
});
