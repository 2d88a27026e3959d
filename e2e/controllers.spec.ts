import { expect, test, type ConsoleMessage, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';

/**
 * Controller families in the browser: each shipped controller reaches, a mid-run toggle takes
 * over without a reload, and eigenvalue surgery changes both the plotted eigenvalues and the reach.
 */
const CONTROLLERS = [
  { id: 'arm-transformer', kind: 'none' },
  { id: 'arm-lru', kind: 'parametric' },
  { id: 'arm-selective', kind: 'per-step' },
  { id: 'arm-linoss', kind: 'parametric' },
] as const;

function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (m: ConsoleMessage) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  return errors;
}

const readout = (page: Page, key: string) => page.getByTestId(`readout-${key}`);
const num = async (page: Page, key: string) => Number(await readout(page, key).textContent());
const eigAttr = async (page: Page, attr: string) =>
  Number(await page.getByTestId('plot-eig').getAttribute(attr));

/** How many points a list of eigenvalues plots as, each missing conjugate added. */
function withConjugates(pairs: [number, number][]): number {
  const has = (re: number, im: number) =>
    pairs.some(([r, i]) => Math.abs(r - re) <= 1e-6 && Math.abs(i - im) <= 1e-6);
  return pairs.length + pairs.filter(([re, im]) => Math.abs(im) > 1e-6 && !has(re, -im)).length;
}

async function ready(page: Page): Promise<void> {
  await expect(page.getByTestId('app')).toHaveAttribute('data-status', 'ready', {
    timeout: 60_000,
  });
}

for (const c of CONTROLLERS) {
  test(`under ${c.id} the arm reaches at least 7 of the first 8 targets and the panel shows its eigenvalues`, async ({
    page,
  }) => {
    const errors = watchErrors(page);
    await page.goto(`/?seed=1&ep=wasm&controller=${c.id}`);
    await ready(page);
    await expect(page.getByTestId(`controller-${c.id}`)).toHaveAttribute('aria-checked', 'true');
    await expect(readout(page, 'controller')).toHaveAttribute('data-policy', c.id);
    await expect
      .poll(() => num(page, 'trials'), { timeout: 90_000, intervals: [1000] })
      .toBeGreaterThanOrEqual(8);
    const trials = await num(page, 'trials');
    const successes = await num(page, 'successes');
    expect(successes - Math.max(0, trials - 8)).toBeGreaterThanOrEqual(7);

    // Deterministic under every controller: the browser's world hash is the one Node computed.
    const golden = JSON.parse(readFileSync(`assets/policies/${c.id}/golden.json`, 'utf8'));
    await expect(readout(page, 'hash')).toHaveAttribute('data-hash', golden.world_hash.value);

    const eig = page.getByTestId('plot-eig');
    await expect(eig).toHaveAttribute('data-kind', c.kind);
    await expect(eig).toHaveAttribute('data-policy', c.id);
    if (c.kind === 'none') {
      await expect(eig).toHaveAttribute('data-count', '0');
      await expect(page.getByTestId('surgery')).toContainText('attention has no recurrence');
    } else {
      const card = JSON.parse(readFileSync(`assets/policies/${c.id}/card.json`, 'utf8'));
      // Parametric: the card's eigenvalues and their conjugates; per-step: one real λ per state.
      await expect
        .poll(() => eigAttr(page, 'data-count'))
        .toBe(c.kind === 'parametric' ? withConjugates(card.eigenvalues) : 1024);
      expect(await eigAttr(page, 'data-max-modulus')).toBeLessThan(1);
    }
    await expect
      .poll(async () => Number(await page.getByTestId('plot-hidden').getAttribute('data-points')))
      .toBeGreaterThan(50);
    await page.screenshot({ path: `test-results/controller-${c.id}.png` });
    expect(errors).toEqual([]);
  });
}

test('switching controller mid-reach takes over at once, without a reload, and the arm keeps reaching', async ({
  page,
}) => {
  const errors = watchErrors(page);
  await page.goto('/?seed=2&ep=wasm&controller=arm-lru');
  await ready(page);
  await page.evaluate(() => ((window as unknown as { __noReload: boolean }).__noReload = true));
  // Wait for a go cue, then switch during the movement.
  await expect(readout(page, 'phase')).toHaveText('GO', { timeout: 30_000 });
  const before = await num(page, 'trials');
  await page.getByTestId('controller-arm-linoss').click();
  await expect(readout(page, 'controller')).toHaveAttribute('data-policy', 'arm-linoss', {
    timeout: 10_000,
  });
  await expect(page.getByTestId('controller-arm-linoss')).toHaveAttribute('aria-checked', 'true');
  expect(page.url()).toContain('controller=arm-linoss');
  await expect(page.getByTestId('plot-eig')).toHaveAttribute('data-policy', 'arm-linoss');
  // Then to the Transformer and the selective SSM, each while the arm moves.
  for (const id of ['arm-transformer', 'arm-selective'] as const) {
    await page.getByTestId(`controller-${id}`).click();
    await expect(readout(page, 'controller')).toHaveAttribute('data-policy', id, {
      timeout: 10_000,
    });
  }
  // Keys 1-4 pick the controllers in picker order: 2 is the LRU.
  await page.keyboard.press('2');
  await expect(readout(page, 'controller')).toHaveAttribute('data-policy', 'arm-lru', {
    timeout: 10_000,
  });
  // The run went on (no reset) and keeps succeeding.
  await expect
    .poll(() => num(page, 'trials'), { timeout: 30_000 })
    .toBeGreaterThanOrEqual(before + 4);
  const trials = await num(page, 'trials');
  const successes = await num(page, 'successes');
  expect(successes).toBeGreaterThanOrEqual(trials - 2);
  expect(
    await page.evaluate(() => (window as unknown as { __noReload?: boolean }).__noReload),
  ).toBe(true);
  expect(errors).toEqual([]);
});

test('eigenvalue surgery moves the plotted eigenvalues and changes the reach; "trained values" restores both', async ({
  page,
}) => {
  test.setTimeout(180_000);
  const errors = watchErrors(page);
  await page.goto('/?seed=1&ep=wasm&controller=arm-lru');
  await ready(page);
  await expect.poll(() => eigAttr(page, 'data-max-modulus')).toBeGreaterThan(0.9);
  const trained = await eigAttr(page, 'data-max-modulus');
  const trainedAngle = await eigAttr(page, 'data-max-angle');
  expect(trained).toBeLessThan(1);

  // Shrink every |λ| by 0.8: the dots move inward by exactly that factor.
  await page.getByTestId('knob-radius_scale').fill('0.8');
  await expect(page.getByTestId('knob-radius_scale-value')).toHaveText('0.80');
  await expect.poll(() => eigAttr(page, 'data-max-modulus')).toBeCloseTo(0.8 * trained, 3);
  // Double every rotation angle.
  await page.getByTestId('knob-phase_scale').fill('2');
  await expect.poll(() => eigAttr(page, 'data-max-angle')).toBeCloseTo(2 * trainedAngle, 3);
  await page.screenshot({ path: 'test-results/surgery-inward.png' });

  // Push them outside the unit circle: the memory explodes and the reaches fail.
  await page.getByTestId('knob-phase_scale').fill('1');
  await page.getByTestId('knob-radius_scale').fill('1.05');
  await expect.poll(() => eigAttr(page, 'data-max-modulus')).toBeGreaterThan(1);
  const n0 = await num(page, 'trials');
  await expect.poll(() => num(page, 'trials'), { timeout: 30_000 }).toBeGreaterThanOrEqual(n0 + 2);
  await expect(readout(page, 'last')).toHaveAttribute('data-result', 'miss');
  await page.screenshot({ path: 'test-results/surgery-unstable.png' });

  // Restore: the trained eigenvalues come back and the arm reaches again.
  await page.getByTestId('surgery-restore').click();
  await expect(page.getByTestId('knob-radius_scale-value')).toHaveText('1.00');
  await expect.poll(() => eigAttr(page, 'data-max-modulus')).toBeCloseTo(trained, 4);
  await expect(readout(page, 'last')).toHaveAttribute('data-result', 'hit', { timeout: 30_000 });
  expect(errors).toEqual([]);
});
