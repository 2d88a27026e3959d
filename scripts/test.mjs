/**
 * Every test, in order: system packages, lint (ESLint + Prettier), strict types, unit tests
 * (Vitest on Node, including the training smoke test), then the production build and the browser
 * tests (Playwright in Debian's Chromium). Ends with one line: "N passed, N failed".
 */
import { execSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';

mkdirSync('test-results', { recursive: true });
let passed = 0;
let failed = 0;
const failures = [];

function step(name, cmd, env = {}) {
  console.log(`\n== ${name}: ${cmd}`);
  const r = spawnSync(cmd, { shell: true, stdio: 'inherit', env: { ...process.env, ...env } });
  if (r.status !== 0) failures.push(name);
  return r.status === 0;
}

/** Adds a runner's counts from its JSON report; a failed step with no failed test counts as one. */
function count(ok, report, read) {
  let f = 0;
  if (existsSync(report)) {
    const r = read(JSON.parse(readFileSync(report, 'utf8')));
    passed += r.passed;
    f = r.failed;
  }
  failed += !ok && f === 0 ? 1 : f;
}

execSync('node scripts/ensure-system.mjs', { stdio: 'inherit' });
for (const f of ['test-results/vitest.json', 'test-results/playwright.json'])
  rmSync(f, { force: true });

if (step('lint', 'npx eslint . && npx prettier --check .')) passed++;
else failed++;
if (step('types', 'npx tsc --noEmit -p tsconfig.json')) passed++;
else failed++;

const unitOk = step(
  'unit',
  'npx vitest run --reporter=default --reporter=json --outputFile=test-results/vitest.json',
);
count(unitOk, 'test-results/vitest.json', (v) => ({
  passed: v.numPassedTests,
  failed: v.numFailedTests,
}));

if (step('build', 'npx vite build')) {
  passed++;
  const e2eOk = step('browser', 'npx playwright test --reporter=list,json', {
    PLAYWRIGHT_JSON_OUTPUT_NAME: 'test-results/playwright.json',
  });
  count(e2eOk, 'test-results/playwright.json', (p) => ({
    passed: p.stats.expected,
    failed: p.stats.unexpected + p.stats.flaky,
  }));
} else failed++;

if (failures.length) console.log(`\nfailed steps: ${failures.join(', ')}`);
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed === 0 && failures.length === 0 ? 0 : 1);
