/**
 * Typed errors. `code` is what the UI branches on; `message` names the value and the fix.
 * Errors cross workers through the comlink transfer handler in workers/errorTransfer.ts, which
 * keeps name, code, message and stack.
 */
export type ErrorCode =
  | 'CARD_INVALID'
  | 'MODEL_MISMATCH'
  | 'MODEL_LOAD_FAILED'
  | 'EP_UNAVAILABLE'
  | 'SIM_FAULT'
  | 'BAD_INPUT'
  | 'UNSUPPORTED';

export class EigenplayError extends Error {
  override readonly name = 'EigenplayError';
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export function isEigenplayError(e: unknown): e is EigenplayError {
  return e instanceof Error && (e as { code?: unknown }).code !== undefined;
}
