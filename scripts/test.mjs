/**
 * Every test, in order: system packages, lint (ESLint + Prettier), strict types, unit tests
 * (Vitest on Node), the training smoke test, then the production build and the browser tests
 * (Playwright in Debian's Chromium). Ends with one line: "N passed, N failed".
 */
import { execSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';

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

execSync('node scripts/ensure-system.mjs', { stdio: 'inherit' });
if (step('lint', 'npx eslint . && npx prettier --check .')) passed++;
else failed++;
if (step('types', 'npx tsc --noEmit -p tsconfig.json')) passed++;
else failed++;

step(
  'unit',
  'npx vitest run --reporter=default --reporter=json --outputFile=test-results/vitest.json',
);
if (existsSync('test-results/vitest.json')) {
  const v = JSON.parse(readFileSync('test-results/vitest.json', 'utf8'));
  passed += v.numPassedTests;
  failed +=
    v.numFailedTests + (v.numTotalTestSuites && !v.success && v.numFailedTests === 0 ? 1 : 0);
} else failed++;

if (step('build', 'npx vite build')) {
  passed++;
  step('browser', 'npx playwright test --reporter=list,json', {
    PLAYWRIGHT_JSON_OUTPUT_NAME: 'test-results/playwright.json',
  });
  if (existsSync('test-results/playwright.json')) {
    const p = JSON.parse(readFileSync('test-results/playwright.json', 'utf8'));
    passed += p.stats.expected;
    failed += p.stats.unexpected + p.stats.flaky;
  } else failed++;
} else failed++;

if (failures.length) console.log(`\nfailed steps: ${failures.join(', ')}`);
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed === 0 && failures.length === 0 ? 0 : 1);
