import { expect, test, type Locator, type Page } from '@playwright/test';

/**
 * The Eigenvalue Lab in the browser: every control moves from the keyboard and changes its plots,
 * the readouts match the formulas, the state survives a reload through the URL, the page fits a
 * phone, and its surgery sliders drive a running playground.
 */

function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  return errors;
}

const value = async (page: Page, id: string) =>
  Number(await page.getByTestId(`ctl-${id}-value`).textContent());

/** Every plot's markup in a section: a change in any of them is a change a person sees. */
const plotsOf = (section: Locator) =>
  section.locator('svg').evaluateAll((svgs) => svgs.map((s) => s.innerHTML));

// Controls, the section they live in, and their step.
const CONTROLS: [id: string, section: string, step: number][] = [
  ['re', 'continuous', 0.01],
  ['im', 'continuous', 0.05],
  ['x0', 'continuous', 0.1],
  ['y0', 'continuous', 0.1],
  ['T', 'continuous', 1],
  ['mod', 'discrete', 0.001],
  ['phase', 'discrete', 0.01],
  ['steps', 'discrete', 1],
  // The control rate changes readouts (half-lives in ms, λ_d), not a plot's shape.
  ['hz', 'ring', 10],
  ['rmin', 'ring', 0.001],
  ['rmax', 'ring', 0.001],
  ['maxphase', 'ring', 0.01],
  ['n', 'ring', 4],
  ['seed', 'ring', 1],
];

test('the |λ|^T table at T = 100 and the continuous readouts match the formulas', async ({
  page,
}) => {
  const errors = watchErrors(page);
  await page.goto('/lab.html');
  await expect(page.getByTestId('pow-0.9')).toHaveText('2.656e-5');
  await expect(page.getByTestId('pow-1.1')).toHaveText('1.378e+4');
  await expect(page.getByTestId('pow-1')).toHaveText('1');
  await expect(page.getByTestId('pow-0.99')).toHaveText('0.3660');
  await expect(page.getByTestId('dt-power-end')).toHaveText('|λ|^100 = 0.3660');

  // Defaults: Re λ = −0.1, Im λ = 1, x0 = (1.5, 0), 15 s. End point = e^{−1.5}·R(15)·x0.
  const end = page.getByTestId('ct-end');
  const g = 1.5 * Math.exp(-0.1 * 15);
  expect(Number(await end.getAttribute('data-x'))).toBeCloseTo(g * Math.cos(15), 4);
  expect(Number(await end.getAttribute('data-y'))).toBeCloseTo(g * Math.sin(15), 4);
  await expect(page.getByTestId('ct-period')).toHaveText(`${(2 * Math.PI).toFixed(2)} s`);
  await expect(page.getByTestId('ct-tau')).toHaveText('10.00 s');
  // λ_d at 60 Hz: e^{−0.1/60}·e^{±i/60}.
  const m = Math.exp(-0.1 / 60);
  await expect(page.getByTestId('ct-discrete')).toContainText(
    `${(m * Math.cos(1 / 60)).toFixed(5)} ± ${(m * Math.sin(1 / 60)).toFixed(5)}i`,
  );
  // The LRU ring's analytic median and mean radius for [0.9, 0.999] (SCIENCE.md §2.3).
  await expect(page.getByTestId('ring-median')).toContainText('0.9507894');
  await expect(page.getByTestId('ring-mean')).toContainText('0.9503602');
  await expect(page.getByTestId('ring-halflife')).toContainText('6.58 / 692.80 steps');
  await page.screenshot({ path: 'test-results/lab-desktop.png', fullPage: true });
  expect(errors).toEqual([]);
});

test('every control moves from the keyboard, changes its plots and goes into the URL', async ({
  page,
}) => {
  const errors = watchErrors(page);
  await page.goto('/lab.html');
  for (const [id, section, step] of CONTROLS) {
    const slider = page.getByTestId(`ctl-${id}`);
    const sec = page.getByTestId(section);
    const before = await value(page, id);
    const plots = await plotsOf(sec);
    const text = await sec.innerText();
    const max = Number(await slider.getAttribute('max'));
    await slider.focus();
    const up = before + step <= max + 1e-9;
    await page.keyboard.press(up ? 'ArrowRight' : 'ArrowLeft');
    await expect
      .poll(() => value(page, id), { message: `${id} moves by one step` })
      .toBeCloseTo(before + (up ? step : -step), 6);
    if (id === 'hz')
      expect(await sec.innerText(), 'hz changes the half-lives in ms').not.toEqual(text);
    else expect(await plotsOf(sec), `${id} changes a plot in ${section}`).not.toEqual(plots);
    expect(new URL(page.url()).searchParams.has(id), `${id} is in the URL`).toBe(true);
  }
  // Page Up / Home / End work too (native range inputs).
  await page.getByTestId('ctl-mod').focus();
  await page.keyboard.press('End');
  await expect.poll(() => value(page, 'mod')).toBe(1.2);
  await page.keyboard.press('Home');
  await expect.poll(() => value(page, 'mod')).toBe(0.8);

  // The URL is the state: a reload shows the same values.
  const values = Object.fromEntries(
    await Promise.all(CONTROLS.map(async ([id]) => [id, await value(page, id)] as const)),
  );
  await page.reload();
  for (const [id] of CONTROLS) expect(await value(page, id), id).toBe(values[id]);
  expect(errors).toEqual([]);
});

test('discrete readouts follow the sliders: |λ|^T, the gradient norm, and the conversion', async ({
  page,
}) => {
  await page.goto('/lab.html?mod=1.1&steps=100');
  await expect(page.getByTestId('dt-power-end')).toHaveText('|λ|^100 = 1.378e+4');
  await page.goto('/lab.html?mod=1&steps=1000');
  await expect(page.getByTestId('dt-power-end')).toHaveText('|λ|^1000 = 1');
  await page.goto('/lab.html?mod=0.999&steps=1000');
  await expect(page.getByTestId('dt-power-end')).toHaveText('|λ|^1000 = 0.3677');
  await expect(page.getByTestId('grad-readout')).toContainText('= 0.3677 at T = 1000');
  // Gradient through the LRU ring: max |λ_i|^T over the sampled spectrum.
  await page.getByTestId('spectrum-ring').check();
  await expect(page).toHaveURL(/spectrum=ring/);
  // SCIENCE.md §9: λ_c = −10 + i·2π·5 at Δt = 0.01 ⇔ λ_d = 0.9048374·e^{iπ/10}. Via the sliders:
  // |λ| = 0.905, arg 0.31 at 100 Hz gives λ_c = ln(0.905)·100 + 31i.
  await page.goto('/lab.html?mod=0.905&phase=0.31&hz=100');
  await expect(page.getByTestId('conv-d2c')).toContainText(
    `λc = ${(100 * Math.log(0.905)).toFixed(3)} + 31.000i`,
  );
  await page.getByTestId('send-continuous').click();
  await expect.poll(() => value(page, 're')).toBe(-1.5); // −9.98 clamped to the slider's range
  await expect.poll(() => value(page, 'im')).toBe(3);
  // And back: section 1's λ at 100 Hz into the discrete explorer.
  await page.goto('/lab.html?re=-0.5&im=2&hz=100');
  await page.getByTestId('use-continuous').click();
  await expect.poll(() => value(page, 'mod')).toBeCloseTo(Math.exp(-0.005), 3);
  await expect.poll(() => value(page, 'phase')).toBeCloseTo(0.02, 6);
});

test('presets set the eigenvalues: jPCA rotations are perfect circles', async ({ page }) => {
  await page.goto('/lab.html');
  await page.getByTestId('preset-jpca').click();
  await expect(page.getByTestId('preset-jpca')).toHaveAttribute('aria-pressed', 'true');
  const end = page.getByTestId('ct-end');
  await expect
    .poll(async () => Number(await end.getAttribute('data-x')))
    .toBeCloseTo(1.5 * Math.cos(15), 4);
  expect(
    Math.hypot(Number(await end.getAttribute('data-x')), Number(await end.getAttribute('data-y'))),
  ).toBeCloseTo(1.5, 4);
  await page.getByTestId('preset-real').click();
  expect(await value(page, 'im')).toBe(0);
  await expect(page.getByTestId('ct-period')).toHaveText('no rotation');
  await page.getByTestId('preset-growth').click();
  await expect(page.getByTestId('ct-eig')).toContainText('grows (unstable)');
});

test('a bad URL value is named and replaced by the default', async ({ page }) => {
  await page.goto('/lab.html?mod=7&policy=arm-nope');
  await expect(page.getByTestId('lab-url-error')).toContainText(
    'mod is "7"; pass a number in [0.8, 1.2] (using 0.99)',
  );
  await expect(page.getByTestId('lab-url-error')).toContainText('policy is "arm-nope"');
  expect(await value(page, 'mod')).toBe(0.99);
});

test('fits a phone-sized screen: no sideways scrolling, every section there', async ({
  browser,
}) => {
  const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
  await page.goto('/lab.html?policy=arm-linoss');
  await expect(page.getByTestId('policy-dots')).toHaveAttribute('data-n', '64');
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - window.innerWidth,
  );
  expect(overflow).toBeLessThanOrEqual(0);
  for (const s of ['continuous', 'discrete', 'ring', 'policy'])
    await expect(page.getByTestId(s)).toBeVisible();
  await page.screenshot({ path: 'test-results/lab-phone.png', fullPage: true });
  await page.close();
});

test('"Open in lab" shows the running controller, and the lab’s surgery drives the playground', async ({
  page,
  context,
}) => {
  test.setTimeout(120_000);
  const errors = watchErrors(page);
  await page.goto('/?seed=1&ep=wasm&controller=arm-lru');
  await expect(page.getByTestId('app')).toHaveAttribute('data-status', 'ready', {
    timeout: 60_000,
  });
  const eigMax = async () =>
    Number(await page.getByTestId('plot-eig').getAttribute('data-max-modulus'));
  await expect.poll(eigMax).toBeGreaterThan(0.9);
  const trained = await eigMax();

  const [lab] = await Promise.all([
    context.waitForEvent('page'),
    page.getByTestId('open-lab').click(),
  ]);
  const labErrors = watchErrors(lab);
  await expect(lab.getByTestId('policy-select')).toHaveValue('arm-lru');
  await expect(lab.getByTestId('link-status')).toHaveAttribute('data-linked', 'true', {
    timeout: 10_000,
  });
  await expect(lab.getByTestId('policy-dots')).toHaveAttribute('data-n', '32');

  // Ten steps left on the lab's |λ| slider: 0.90 in the playground, its eigenvalues 0.9× inward.
  await lab.getByTestId('ctl-rs').focus();
  for (let i = 0; i < 10; i++) await lab.keyboard.press('ArrowLeft');
  await expect(lab.getByTestId('ctl-rs-value')).toHaveText('0.90');
  await expect(page.getByTestId('knob-radius_scale-value')).toHaveText('0.90');
  await expect.poll(eigMax).toBeCloseTo(0.9 * trained, 3);
  // The lab plots what the model reports now.
  await expect
    .poll(async () => Number(await lab.getByTestId('policy-dots').getAttribute('data-max')))
    .toBeCloseTo(0.9 * trained, 3);
  await lab.screenshot({ path: 'test-results/lab-linked.png', fullPage: true });

  // The playground's own slider moves the lab's.
  await page.getByTestId('knob-phase_scale').fill('2');
  await expect(lab.getByTestId('ctl-ps-value')).toHaveText('2.00');

  // "trained values" in the lab restores the playground.
  await lab.getByTestId('lab-restore').click();
  await expect(page.getByTestId('knob-radius_scale-value')).toHaveText('1.00');
  await expect(page.getByTestId('knob-phase_scale-value')).toHaveText('1.00');
  await expect.poll(eigMax).toBeCloseTo(trained, 4);

  // Switching the playground to another controller: the lab says so and can follow.
  await page.getByTestId('controller-arm-linoss').click();
  await expect(lab.getByTestId('follow-playground')).toBeVisible({ timeout: 10_000 });
  await lab.getByTestId('follow-playground').click();
  await expect(lab.getByTestId('link-status')).toHaveAttribute('data-linked', 'true');
  await expect(lab.getByTestId('policy-dots')).toHaveAttribute('data-n', '64');
  expect(errors).toEqual([]);
  expect(labErrors).toEqual([]);
});
