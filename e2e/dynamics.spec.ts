import { expect, test, type ConsoleMessage, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';

/**
 * The live dynamics panel (issue 5) in the browser: jPCA of the recent reaches with its readouts
 * and control, DMD eigenvalues for every controller (the Transformer included), the
 * discrete/continuous toggle, click-to-kick, refit, and export.
 */
function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (m: ConsoleMessage) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  return errors;
}

const num = async (page: Page, key: string) =>
  Number(await page.getByTestId(`readout-${key}`).textContent());

async function ready(page: Page): Promise<void> {
  await expect(page.getByTestId('app')).toHaveAttribute('data-status', 'ready', {
    timeout: 60_000,
  });
}

/** Waits until the hidden plot shows a jPCA fit of all 8 directions; returns its index. */
async function jpcaFit(page: Page): Promise<number> {
  const plot = page.getByTestId('plot-hidden');
  await expect(plot).toHaveAttribute('data-plane', 'jpca', { timeout: 150_000 });
  return Number(await plot.getAttribute('data-fit'));
}

async function clickAt(page: Page, attr: string): Promise<void> {
  const canvas = page.getByTestId('plot-eig');
  const xy = await canvas.getAttribute(attr);
  expect(xy, `${attr} names a drawn eigenvalue`).toBeTruthy();
  const [x, y] = xy!.split(',').map(Number);
  await canvas.click({ position: { x: x!, y: y! } });
}

test('LRU: live jPCA of the 8 reaches with R² and a shuffled control; DMD beside the parametric eigenvalues; λc toggle; refit keeps the plane', async ({
  page,
}, info) => {
  test.setTimeout(240_000);
  const errors = watchErrors(page);
  await page.goto('/?seed=1&ep=wasm&controller=arm-lru');
  await ready(page);
  const fit = await jpcaFit(page);
  expect(fit).toBeGreaterThanOrEqual(0);
  // Readouts: numbers in [0, 1], the rotation a real one (well above its shuffled control).
  const r2 = (await page.getByTestId('dyn-r2').textContent())!.split('/').map(Number);
  expect(r2[0]).toBeGreaterThan(0);
  expect(r2[0]).toBeLessThanOrEqual(r2[1]! + 1e-9);
  const kd = Number((await page.getByTestId('dyn-r2kd').textContent())!.split('/')[0]);
  const shuffled = Number((await page.getByTestId('dyn-surrogate').textContent())!.split(' ')[0]);
  expect(kd).toBeGreaterThan(shuffled);
  await expect(page.getByTestId('dyn-freq')).toHaveText(/\d\.\d\d Hz/);
  // The plot draws the 8 condition averages (and the live reach).
  expect(Number(await page.getByTestId('plot-hidden').getAttribute('data-points'))).toBeGreaterThan(
    8 * 10,
  );
  // DMD diamonds next to the 64 parametric eigenvalues, with the legend.
  const eig = page.getByTestId('plot-eig');
  await expect
    .poll(async () => Number(await eig.getAttribute('data-dmd-count')))
    .toBeGreaterThan(2);
  expect(Number(await eig.getAttribute('data-count'))).toBe(64);
  await expect(page.getByTestId('dyn-dmd')).toHaveText(/rank \d+ · \|λ\| 0\.\d{3}/);
  await page.screenshot({ path: info.outputPath('lru-jpca.png') });

  // Continuous time: the same points, λc = log λ / Δt.
  await page.getByTestId('eig-domain').click();
  await expect(eig).toHaveAttribute('data-domain', 'continuous');
  await eig.screenshot({ path: info.outputPath('lru-continuous.png') });
  await page.getByTestId('eig-domain').click();
  await expect(eig).toHaveAttribute('data-domain', 'discrete');

  // Refit on demand: a new fit, still on the jPCA plane.
  await page.getByTestId('jpca-refit').click();
  await expect
    .poll(async () => Number(await page.getByTestId('plot-hidden').getAttribute('data-fit')))
    .toBeGreaterThan(fit);
  expect(errors).toEqual([]);
});

test('clicking an eigenvalue kicks the state along its mode: the inset traces it and the arm keeps reaching', async ({
  page,
}, info) => {
  test.setTimeout(120_000);
  const errors = watchErrors(page);
  await page.goto('/?seed=2&ep=wasm&controller=arm-lru');
  await ready(page);
  await expect.poll(() => num(page, 'trials'), { timeout: 60_000 }).toBeGreaterThanOrEqual(1);
  await clickAt(page, 'data-model-slowest');
  await expect(page.getByTestId('dyn-kick')).toHaveText(/LRU mode \d+ · \+\d/);
  const eig = page.getByTestId('plot-eig');
  await expect
    .poll(async () => Number(await eig.getAttribute('data-kick-trace')))
    .toBeGreaterThan(20);
  await eig.screenshot({ path: info.outputPath('kick-inset.png') });
  const trials = await num(page, 'trials');
  await expect.poll(() => num(page, 'trials'), { timeout: 30_000 }).toBeGreaterThan(trials);
  await expect(page.getByTestId('error')).toHaveCount(0);
  expect(errors).toEqual([]);
});

test('Transformer: DMD eigenvalues of its hidden trajectory with the no-recurrence marker; a click says why nothing is kicked', async ({
  page,
}, info) => {
  test.setTimeout(120_000);
  await page.goto('/?seed=1&ep=wasm&controller=arm-transformer');
  await ready(page);
  const eig = page.getByTestId('plot-eig');
  await expect(eig).toHaveAttribute('data-kind', 'none');
  await expect
    .poll(async () => Number(await eig.getAttribute('data-dmd-count')), { timeout: 30_000 })
    .toBeGreaterThan(2);
  await eig.screenshot({ path: info.outputPath('transformer-dmd.png') });
  await clickAt(page, 'data-dmd-slowest');
  await expect(page.getByTestId('error')).toContainText('no recurrence to kick');
  // Nothing was lost: the arm keeps running.
  const t = await num(page, 'time');
  await expect.poll(() => num(page, 'time')).toBeGreaterThan(t + 1);
});

test('export: hidden trajectories with times and conditions, fitted matrices and eigenvalues, as JSON and CSV', async ({
  page,
}) => {
  test.setTimeout(240_000);
  await page.goto('/?seed=1&ep=wasm&controller=arm-linoss');
  await ready(page);
  await jpcaFit(page);
  const [json] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('dyn-export-json').click(),
  ]);
  expect(json.suggestedFilename()).toMatch(/^eigenplay-arm-linoss-.*\.json$/);
  const data = JSON.parse(readFileSync((await json.path())!, 'utf8'));
  const text = JSON.stringify(data);
  for (const key of ['trials', 'jpca', 'dmd', 'mSkew', 'mBest']) expect(text).toContain(`"${key}"`);
  const csvs: string[] = [];
  page.on('download', (d) => csvs.push(d.suggestedFilename()));
  await page.getByTestId('dyn-export-csv').click();
  await expect.poll(() => csvs.length).toBeGreaterThanOrEqual(2);
  expect(csvs.every((n) => n.endsWith('.csv'))).toBe(true);
});
