import { defineConfig } from '@playwright/test';

/**
 * Browser tests drive the built app (`vite preview`) in Debian's Chromium. The software WebGPU
 * adapter is enabled so the WebGPU path can be tested for correctness, not speed.
 */
export default defineConfig({
  testDir: 'e2e',
  timeout: 120_000,
  expect: { timeout: 30_000 },
  workers: 1,
  retries: 0,
  outputDir: 'test-results',
  use: {
    baseURL: 'http://127.0.0.1:4174/',
    viewport: { width: 1280, height: 800 },
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--enable-unsafe-webgpu',
        '--use-gl=angle',
        '--use-angle=swiftshader',
        '--enable-unsafe-swiftshader',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
  webServer: {
    command: 'npx vite preview --port 4174 --strictPort --host 127.0.0.1',
    url: 'http://127.0.0.1:4174/',
    reuseExistingServer: false,
    timeout: 60_000,
  },
});
