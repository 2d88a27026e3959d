import { expect, test, type ConsoleMessage, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';

const golden = JSON.parse(readFileSync('assets/policies/arm-lru/golden.json', 'utf8')) as {
  world_hash: { seed: number; tick: number; value: string };
};

/** Collects console errors and uncaught page errors; the tests assert there are none. */
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

// Reaching under each controller, the panel plots and screenshots: e2e/controllers.spec.ts.

test('the world hash at tick 600 matches the one computed in Node for the same seed', async ({
  page,
}) => {
  const errors = watchErrors(page);
  await page.goto(`/?seed=${golden.world_hash.seed}&ep=wasm`);
  await expect(readout(page, 'hash')).toHaveAttribute('data-hash', /[0-9a-f]{8}/, {
    timeout: 90_000,
  });
  await expect(readout(page, 'hash')).toHaveAttribute('data-hash', golden.world_hash.value);
  expect(errors).toEqual([]);
});

test('the EP badge names the execution provider that ran, with the measured reason', async ({
  page,
}) => {
  await page.goto('/');
  const badge = page.getByTestId('ep-badge');
  await expect(badge).toHaveAttribute('data-ep', /^(wasm|webgpu)$/, { timeout: 60_000 });
  const ran = await page.evaluate(() =>
    (window as unknown as { __eigenplay: { ep(): Promise<string> } }).__eigenplay.ep(),
  );
  await expect(badge).toHaveAttribute('data-ep', ran);
  await expect(badge).toHaveAttribute('title', /measured|not available|forced|fell back/);

  // Forcing wasm is honoured and reported as forced.
  await page.getByTestId('select-ep').selectOption('wasm');
  await expect(badge).toHaveAttribute('data-ep', 'wasm');
  await expect(badge).toHaveAttribute('title', /forced by the user/);
});

test('forcing WebGPU starts on wasm at once, then runs WebGPU or falls back to wasm and says why', async ({
  page,
}) => {
  // WebGPU gets 45 s to start and 45 s to be measured on the software adapter before fallback.
  test.setTimeout(240_000);
  const errors = watchErrors(page);
  await page.goto('/?ep=webgpu');
  const badge = page.getByTestId('ep-badge');
  await expect(badge).toHaveAttribute(
    'title',
    /WebGPU requested: wasm runs until WebGPU has started/,
    { timeout: 60_000 },
  );
  // The arm moves while WebGPU starts.
  await expect.poll(() => num(page, 'time'), { timeout: 60_000 }).toBeGreaterThan(2);
  await expect(badge).not.toHaveAttribute('title', /until WebGPU has started/, {
    timeout: 150_000,
  });
  const ep = await badge.getAttribute('data-ep');
  const title = (await badge.getAttribute('title')) ?? '';
  if (ep === 'webgpu') expect(title).toMatch(/forced by the user/);
  else expect(title).toMatch(/fell back to wasm/);
  const ran = await page.evaluate(() =>
    (window as unknown as { __eigenplay: { ep(): Promise<string> } }).__eigenplay.ep(),
  );
  expect(ran).toBe(ep);
  expect(errors.filter((e) => !/webgpu/i.test(e))).toEqual([]);
});

test('a policy whose card does not match its model is rejected by name and the old one keeps running', async ({
  page,
}) => {
  await page.goto('/');
  await expect(page.getByTestId('app')).toHaveAttribute('data-status', 'ready', {
    timeout: 60_000,
  });
  const model = readFileSync('assets/policies/arm-lru/model.onnx');
  const card = JSON.parse(readFileSync('assets/policies/arm-lru/card.json', 'utf8'));
  card.state_dim = 32; // the model's state input has 64 values
  await page.getByTestId('input-policy').setInputFiles([
    { name: 'model.onnx', mimeType: 'application/octet-stream', buffer: model },
    { name: 'card.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(card)) },
  ]);
  const error = page.getByTestId('error');
  await expect(error).toContainText('state');
  await expect(error).toContainText('64');
  await expect(error).toHaveAttribute('data-code', 'MODEL_MISMATCH');
  const t0 = await num(page, 'time');
  await expect.poll(() => num(page, 'time'), { timeout: 20_000 }).toBeGreaterThan(t0 + 1);
});

test('Reset with a new seed puts it in the URL, and that link replays the same world', async ({
  page,
  context,
}) => {
  test.setTimeout(150_000);
  await page.goto('/?seed=1&ep=wasm');
  await expect(page.getByTestId('app')).toHaveAttribute('data-status', 'ready', {
    timeout: 60_000,
  });
  await page.getByTestId('input-seed').fill('7');
  await page.getByTestId('btn-reset').click();
  await expect(page).toHaveURL(/seed=7/);
  await expect(readout(page, 'hash')).toHaveAttribute('data-hash', /[0-9a-f]{8}/, {
    timeout: 90_000,
  });
  const afterReset = await readout(page, 'hash').getAttribute('data-hash');
  expect(afterReset).not.toBe(golden.world_hash.value);

  const replay = await context.newPage();
  await replay.goto(page.url());
  await expect(readout(replay, 'hash')).toHaveAttribute('data-hash', afterReset!, {
    timeout: 90_000,
  });
});

test('a seed the URL and scenario files could not carry is named in the seed box and never applied', async ({
  page,
}) => {
  await page.goto('/?seed=3&ep=wasm');
  await expect(page.getByTestId('app')).toHaveAttribute('data-status', 'ready', {
    timeout: 60_000,
  });
  for (const bad of ['4294967296', '-1', '3.7']) {
    await page.getByTestId('input-seed').fill(bad);
    await expect(page.getByTestId('error')).toContainText(
      `seed "${bad}" is not an integer in [0, 2147483647]; Reset keeps seed 3`,
    );
  }
  await page.getByTestId('btn-reset').click();
  await expect(page).toHaveURL(/seed=3(&|$)/);
  await page.getByTestId('input-seed').fill('2147483647');
  await expect(page.getByTestId('error')).toHaveCount(0);
  await page.getByTestId('btn-reset').click();
  await expect(page).toHaveURL(/seed=2147483647/);
});
