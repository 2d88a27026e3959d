import * as Comlink from 'comlink';

/**
 * Comlink's default error handler keeps name, message and stack but drops custom fields. This
 * one also carries `code` (EigenplayError), so the UI can branch on errors thrown in a worker.
 * Install it on both sides of every boundary.
 */
type Thrown = { value: unknown };
const base = Comlink.transferHandlers.get('throw')!;

export function installErrorTransfer(): void {
  Comlink.transferHandlers.set('throw', {
    canHandle: base.canHandle,
    serialize(thrown: unknown) {
      const { value } = thrown as Thrown;
      if (value instanceof Error) {
        const v = value as Error & { code?: string };
        return [
          {
            isError: true,
            value: { message: v.message, name: v.name, stack: v.stack, code: v.code },
          },
          [],
        ];
      }
      return [{ isError: false, value }, []];
    },
    deserialize(serialized: unknown) {
      const s = serialized as { isError: boolean; value: Record<string, unknown> };
      if (s.isError) throw Object.assign(new Error(s.value.message as string), s.value);
      throw s.value;
    },
  } as Comlink.TransferHandler<unknown, unknown>);
}
