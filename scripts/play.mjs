/** Builds the app and serves it with `vite preview` (COOP/COEP headers on), printing the URL. */
import { execFileSync, spawn } from 'node:child_process';

const vite = 'node_modules/vite/bin/vite.js';
const port = process.env.PORT ?? '4173';
const host = process.env.HOST ?? '127.0.0.1';
execFileSync(process.execPath, [vite, 'build'], { stdio: 'inherit' });
const server = spawn(
  process.execPath,
  [vite, 'preview', '--port', port, '--strictPort', '--host', host],
  {
    stdio: ['ignore', 'pipe', 'inherit'],
  },
);
let announced = false;
server.stdout.on('data', (d) => {
  if (!announced && String(d).includes('Local')) {
    announced = true;
    console.log(`\nEigenplay is running at http://${host}:${port}/  (Ctrl-C to stop)\n`);
  }
});
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => server.kill(sig));
server.on('exit', (code) => process.exit(code ?? 0));
