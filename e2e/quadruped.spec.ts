import { expect, test, type ConsoleMessage, type Page } from '@playwright/test';

/** Collects console errors and uncaught page errors; the tests assert there are none. */
function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (m: ConsoleMessage) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  return errors;
}

type Handle = {
  __eigenplay: {
    quadSculptCosts(): { workerMs: number; mainMs: number; samples: number }[];
    quadTerrainRev(): number;
    quadFullTerrainMs(): number[];
    quadStats(): Promise<{ ticks: number; tickMs: number[] }>;
  };
};

const value = async (page: Page, key: string) =>
  Number(await page.getByTestId(`quad-${key}`).getAttribute('data-value'));

/** A drag on the 3D view from (x0, y0) to (x1, y1), fractions of its size, with a modifier. */
async function dragOnView(
  page: Page,
  from: [number, number],
  to: [number, number],
  modifier?: 'Control',
): Promise<void> {
  const box = (await page.getByTestId('quad-scene').boundingBox())!;
  const at = ([fx, fy]: [number, number]) => [box.x + fx * box.width, box.y + fy * box.height];
  const [x0, y0] = at(from);
  const [x1, y1] = at(to);
  if (modifier) await page.keyboard.down(modifier);
  await page.mouse.move(x0!, y0!);
  await page.mouse.down();
  await page.mouse.move(x1!, y1!, { steps: 6 });
  await page.mouse.up();
  if (modifier) await page.keyboard.up(modifier);
}

test('the arm switches to the quadruped without a reload; the CPG expert crosses 3 m of rough ground in 20 s; pushes, sculpting and the eigenvalues work; the arm comes back', async ({
  page,
}) => {
  test.setTimeout(300_000);
  const errors = watchErrors(page);
  await page.goto('/?seed=1');
  await expect(page.getByTestId('app')).toHaveAttribute('data-status', 'ready', {
    timeout: 90_000,
  });
  await expect
    .poll(async () => Number(await page.getByTestId('readout-time').textContent()), {
      timeout: 60_000,
    })
    .toBeGreaterThan(0.5);
  // A marker on window survives only if the page is not reloaded.
  await page.evaluate(() => ((window as unknown as { __marker: number }).__marker = 42));

  await page.getByTestId('robot-quadruped').click();
  await expect(page.getByTestId('robot-quadruped')).toHaveAttribute('aria-checked', 'true');
  await expect(page.getByTestId('app')).toHaveAttribute('data-robot', 'quadruped');
  await expect.poll(() => new URL(page.url()).searchParams.get('robot')).toBe('quadruped');
  expect(await page.evaluate(() => (window as unknown as { __marker: number }).__marker)).toBe(42);

  // The default scenario: rough ground at the default difficulty, trot at 0.6 m/s.
  await expect(page.getByTestId('terrain-kind')).toHaveValue('rough');
  await expect(page.getByTestId('terrain-difficulty-value')).toHaveText('0.10');
  // Within 20 s of sim time the expert covers at least 3 m (it walks about 11 m), without a fall.
  await expect.poll(() => value(page, 'time'), { timeout: 120_000 }).toBeGreaterThanOrEqual(20);
  const distance20 = await value(page, 'distance');
  expect(distance20).toBeGreaterThanOrEqual(3);
  expect(await value(page, 'falls')).toBe(0);

  // The eigenvalue plot: each leg's phase multiplier on the unit circle at ω·Δt and its
  // amplitude multiplier inside (conjugates drawn too), plus DMD of the oscillators' path.
  const eig = page.getByTestId('plot-eig');
  await expect(eig).toHaveAttribute('data-kind', 'cpg');
  await expect(eig).toHaveAttribute('data-count', '16');
  await expect(eig).toHaveAttribute('data-max-modulus', '1.0000');
  // Trot at 0.6 m/s steps at 2.5 + 0.6 = 3.1 Hz: 2π·3.1·0.02 = 0.3896 rad per step.
  await expect(eig).toHaveAttribute('data-max-angle', '0.3896');
  await expect
    .poll(async () => Number(await eig.getAttribute('data-dmd-count')), {
      timeout: 60_000,
    })
    .toBeGreaterThanOrEqual(2);
  await expect
    .poll(async () => Number(await page.getByTestId('plot-cpg').getAttribute('data-points')))
    .toBeGreaterThan(30);
  // Faster: the stepping frequency rises (2.5 + 0.8 = 3.3 Hz), the eigenvalues turn further.
  await page.getByTestId('quad-stage').focus();
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('w');
  await expect(page.getByTestId('cmd-vx-value')).toHaveText('0.80 m/s');
  await expect
    .poll(async () => Number(await eig.getAttribute('data-max-angle')), {
      timeout: 30_000,
    })
    .toBeCloseTo(0.4147, 3);
  await page.keyboard.press('a');
  await expect(page.getByTestId('cmd-yaw-value')).toHaveText('0.15 rad/s');
  await page.keyboard.press('x');
  await page.keyboard.press('s');
  await page.keyboard.press('ArrowDown');
  await expect(page.getByTestId('cmd-vx-value')).toHaveText('0.60 m/s');

  // A push: Ctrl-drag toward the bottom of the view (towards the camera, the robot's right).
  const pushedAt = await value(page, 'time');
  await dragOnView(page, [0.5, 0.5], [0.5, 0.7], 'Control');
  await expect.poll(() => value(page, 'push'), { timeout: 30_000 }).toBeGreaterThan(1);
  await page.screenshot({ path: 'test-results/quadruped-pushed.png' });

  // A sculpt: brush on, a few dabs beside the robot; the mesh takes the worker's patch.
  const box0 = (await page.getByTestId('quad-scene').boundingBox())!;
  const rev = await page.evaluate(() => (window as unknown as Handle).__eigenplay.quadTerrainRev());
  await page.getByTestId('brush-toggle').click();
  await dragOnView(page, [0.3, 0.75], [0.35, 0.8]);
  await page.mouse.move(box0.x + 0.36 * box0.width, box0.y + 0.8 * box0.height);
  await page.waitForTimeout(1500);
  await page.screenshot({ path: 'test-results/quadruped-brush.png' });
  await page.getByTestId('brush-toggle').click();
  await expect
    .poll(() => page.evaluate(() => (window as unknown as Handle).__eigenplay.quadTerrainRev()))
    .toBeGreaterThan(rev);
  const costs = await page.evaluate(() =>
    (window as unknown as Handle).__eigenplay.quadSculptCosts(),
  );
  expect(costs.length).toBeGreaterThan(0);
  // The sim keeps running after both.
  await expect.poll(() => value(page, 'time'), { timeout: 30_000 }).toBeGreaterThan(pushedAt + 2);
  await page.screenshot({ path: 'test-results/quadruped-running.png' });
  const stats = await page.evaluate(() => (window as unknown as Handle).__eigenplay.quadStats());
  const full = await page.evaluate(() =>
    (window as unknown as Handle).__eigenplay.quadFullTerrainMs(),
  );
  const sorted = [...stats.tickMs].sort((a, b) => a - b);
  // The numbers for the README: tick latency and sculpt cost in this browser.
  console.log(
    `quad tick ms: median ${sorted[Math.floor(sorted.length / 2)]!.toFixed(2)}, p95 ${sorted[Math.floor(sorted.length * 0.95)]!.toFixed(2)} over ${sorted.length} ticks; ` +
      `sculpt: ${costs.map((c) => `worker ${c.workerMs.toFixed(1)} ms + main ${c.mainMs.toFixed(1)} ms (${c.samples} samples)`).join('; ')}; ` +
      `whole terrain on the main thread: ${full.map((m) => m.toFixed(1)).join(', ')} ms; ` +
      `distance at 20 s: ${distance20.toFixed(2)} m`,
  );

  // Back to the arm: it resumes, the quadruped pauses, the URL is the arm's again.
  await page.getByTestId('robot-arm').click();
  await expect(page.getByTestId('app')).toHaveAttribute('data-robot', 'arm');
  const armTime = async () => Number(await page.getByTestId('readout-time').textContent());
  await expect.poll(armTime, { timeout: 30_000 }).toBeGreaterThan(0);
  const armT = await armTime();
  await expect.poll(armTime, { timeout: 30_000 }).toBeGreaterThan(armT + 1);
  await expect.poll(() => new URL(page.url()).searchParams.get('robot')).toBeNull();
  await page.screenshot({ path: 'test-results/quadruped-back-to-arm.png' });
  expect(await page.evaluate(() => (window as unknown as { __marker: number }).__marker)).toBe(42);
  expect(errors).toEqual([]);
});

test('a hard push topples the robot: the banner names the reason and the episode restarts', async ({
  page,
}) => {
  test.setTimeout(180_000);
  const errors = watchErrors(page);
  await page.goto('/?robot=quadruped&terrain=flat&difficulty=0');
  await expect(page.getByTestId('app')).toHaveAttribute('data-robot', 'quadruped');
  await expect.poll(() => value(page, 'time'), { timeout: 90_000 }).toBeGreaterThan(2);
  // Ctrl-drag far across the view: clamped to 40 N·s, twice what the expert survives sideways.
  await dragOnView(page, [0.5, 0.5], [0.5, 0.98], 'Control');
  const banner = page.getByTestId('fault-banner');
  await expect(banner).toBeVisible({ timeout: 30_000 });
  await expect(banner).toContainText(
    /Fell: trunk (tilt \d+° > 60°|\d+ cm above the ground < 12 cm)|Fell through the terrain/,
  );
  await page.screenshot({ path: 'test-results/quadruped-fall.png' });
  await expect.poll(() => value(page, 'falls')).toBe(1);
  await expect(page.getByTestId('quad-episode')).toContainText('#2', { timeout: 30_000 });
  await expect(banner).toBeHidden({ timeout: 10_000 });
  expect(errors).toEqual([]);
});

test('the push timeline is part of the scenario: the standard preset lands in the URL and a link replays it', async ({
  page,
}) => {
  test.setTimeout(180_000);
  const errors = watchErrors(page);
  await page.goto('/?robot=quadruped&terrain=hills&difficulty=0.05&tseed=4&gait=walk&vx=0.5');
  await expect(page.getByTestId('terrain-kind')).toHaveValue('hills');
  await expect(page.getByTestId('gait-walk')).toHaveAttribute('aria-checked', 'true');
  await expect(page.getByTestId('cmd-vx-value')).toHaveText('0.50 m/s');
  await expect.poll(() => value(page, 'time'), { timeout: 90_000 }).toBeGreaterThan(1);
  await page.getByTestId('timeline-standard').click();
  await expect(page.getByTestId('timeline-row')).toHaveCount(6);
  await page.getByTestId('timeline-apply').click();
  await expect
    .poll(() => new URL(page.url()).searchParams.get('push'))
    .toBe('3,0,0,8;8,-8,0,0;13,0,0,-8;18,8,0,0;23,0,0,8;28,-8,0,0');
  // The first scripted push lands at 3 s and shows in the readout.
  await expect.poll(() => value(page, 'push'), { timeout: 90_000 }).toBeCloseTo(8, 3);
  await page.reload();
  await expect(page.getByTestId('timeline-row')).toHaveCount(6, { timeout: 60_000 });
  await expect(page.getByTestId('gait-walk')).toHaveAttribute('aria-checked', 'true');
  expect(errors).toEqual([]);
});
