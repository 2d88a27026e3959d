/**
 * Clip export benchmark: exports the default scenario in Chromium (the built app, SwiftShader
 * WebGL, the browser's software encoders) at several sizes and rates and prints the export speed
 * as a ratio to real time, the file size, and where the wall time went. Run after `npx vite
 * build` (`npm run bench:export` does both). Options: --seconds 4, --only 1080p30,1080p60.
 */
import { chromium } from '@playwright/test';
import { spawn } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { parseArgs } from 'node:util';

const { values: a } = parseArgs({
  options: {
    seconds: { type: 'string', default: '4' },
    only: { type: 'string', default: '720p30,1080p30,1080p60,4k30' },
    port: { type: 'string', default: '4176' },
  },
});
const seconds = Number(a.seconds);
const cases = a.only!.split(',').map((c) => {
  const m = /^(720p|1080p|4k)(30|60)(webm)?$/.exec(c);
  if (!m) throw new Error(`bench: case "${c}" is not like 1080p30 or 4k30webm`);
  return { size: m[1]!, fps: m[2]!, container: m[3] ?? 'mp4' };
});
if (!existsSync('dist/index.html')) throw new Error('bench: run `npx vite build` first');

const server = spawn(
  'node',
  [
    'node_modules/vite/bin/vite.js',
    'preview',
    '--port',
    a.port!,
    '--strictPort',
    '--host',
    '127.0.0.1',
  ],
  { stdio: 'ignore' },
);
try {
  await new Promise((r) => setTimeout(r, 2500));
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--use-angle=swiftshader',
      '--enable-unsafe-swiftshader',
      '--disable-background-networking',
    ],
  });
  const page = await browser.newPage({
    viewport: { width: 1280, height: 800 },
    acceptDownloads: true,
  });
  await page.goto(`http://127.0.0.1:${a.port}/?seed=1&ep=wasm`);
  await page.locator('[data-testid="app"][data-status="ready"]').waitFor({ timeout: 60_000 });
  console.log(
    `export of ${seconds} s of the default scenario (arm-lru, seed 1), Chromium, SwiftShader:`,
  );
  console.log(
    '| size | fps | container | frames | wall (s) | × real time | MB | Mbit/s | sim / draw / encode (s) |',
  );
  console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- |');
  for (const c of cases) {
    await page.getByTestId('clip-size').selectOption(c.size);
    await page.getByTestId('clip-fps').selectOption(c.fps);
    await page.getByTestId('clip-container').selectOption(c.container);
    await page.getByTestId('clip-duration').fill(String(seconds));
    const t0 = Date.now();
    const [d] = await Promise.all([
      page.waitForEvent('download', { timeout: 1_800_000 }),
      page.getByTestId('export-start').click(),
    ]);
    const path = `/tmp/eigenplay-bench-${c.size}${c.fps}.${c.container}`;
    await d.saveAs(path);
    const wall = (Date.now() - t0) / 1000;
    const status = page.getByTestId('record-status');
    await status.and(page.locator('[data-frames]')).waitFor();
    const frames = await status.getAttribute('data-frames');
    const speed = Number(await status.getAttribute('data-speed'));
    const timing = (await status.getAttribute('title')) ?? '';
    const t = [...timing.matchAll(/([\d.]+) s/g)].map((m) => m[1]).join(' / ');
    const mb = statSync(path).size / 1e6;
    console.log(
      `| ${c.size} | ${c.fps} | ${c.container} | ${frames} | ${wall.toFixed(1)} | ${speed.toFixed(3)} | ${mb.toFixed(2)} | ${((mb * 8) / seconds).toFixed(1)} | ${t} |`,
    );
  }
  await browser.close();
} finally {
  server.kill();
}
