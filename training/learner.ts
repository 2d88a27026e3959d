import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parsePolicyCard } from '../src/control/policyCard';
import { configureOrt, OrtPolicy } from '../src/policy/ortPolicy';

/**
 * The DAgger learner for the collectors: `model` (an ONNX file) with its card (`card`, or
 * card.json in the model's parent folder), on onnxruntime-web's wasm EP in Node; undefined when
 * no model is given (pure expert data).
 */
export async function loadLearner(
  model: string | undefined,
  card: string | undefined,
): Promise<OrtPolicy | undefined> {
  if (!model) return undefined;
  const ort = configureOrt(await import('onnxruntime-web'));
  const parsed = parsePolicyCard(
    JSON.parse(readFileSync(card ?? join(model, '..', 'card.json'), 'utf8')),
  );
  return OrtPolicy.create(ort, new Uint8Array(readFileSync(model)), parsed, 'wasm');
}
