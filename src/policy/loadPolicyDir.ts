import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parsePolicyCard } from '../control/policyCard';
import { configureOrt, OrtPolicy } from './ortPolicy';

/** Node only: loads `<dir>/model.onnx` + `<dir>/card.json` on the wasm EP (what browsers default to). */
export async function loadPolicyDir(dir: string): Promise<OrtPolicy> {
  const ort = configureOrt(await import('onnxruntime-web'));
  const card = parsePolicyCard(JSON.parse(readFileSync(join(dir, 'card.json'), 'utf8')));
  return OrtPolicy.create(ort, new Uint8Array(readFileSync(join(dir, 'model.onnx'))), card, 'wasm');
}
