/** Builds the app and serves it with `vite preview` (COOP/COEP headers on), printing the URL. */
import { execSync, spawn } from 'node:child_process';

const port = process.env.PORT ?? '4173';
execSync('npx vite build', { stdio: 'inherit' });
const server = spawn(
  'npx',
  ['vite', 'preview', '--port', port, '--strictPort', '--host', '127.0.0.1'],
  {
    stdio: ['ignore', 'pipe', 'inherit'],
  },
);
server.stdout.on('data', (d) => {
  const s = String(d);
  if (s.includes('Local'))
    console.log(`\nEigenplay is running at http://127.0.0.1:${port}/  (Ctrl-C to stop)\n`);
});
process.on('SIGINT', () => server.kill('SIGINT'));
server.on('exit', (code) => process.exit(code ?? 0));
