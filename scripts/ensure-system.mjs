/**
 * Makes sure the system packages the tests need are present: Debian's Chromium (browser tests)
 * and PyTorch + onnx for /usr/bin/python3 (training smoke test). As root they are installed with
 * apt-get; otherwise this stops with a one-line instruction.
 */
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const missing = [];
if (!existsSync('/usr/bin/chromium')) missing.push('chromium');
const hasTorch = () => {
  try {
    execSync('/usr/bin/python3 -c "import torch, onnx"', { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
};
if (!hasTorch()) missing.push('python3-torch', 'python3-onnx');

if (missing.length) {
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot) {
    console.error(
      `Missing system packages. Run: sudo apt-get update && sudo apt-get install -y ${missing.join(' ')}`,
    );
    process.exit(1);
  }
  console.log(`installing ${missing.join(' ')} with apt-get …`);
  execSync('apt-get update -qq', { stdio: 'inherit' });
  execSync(`DEBIAN_FRONTEND=noninteractive apt-get install -y -qq ${missing.join(' ')}`, {
    stdio: 'inherit',
  });
}
