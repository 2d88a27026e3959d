import * as Comlink from 'comlink';
import { afterEach, describe, expect, it } from 'vitest';
import { EigenplayError } from '../src/lib/errors';
import { installErrorTransfer } from './errorTransfer';

const channels: MessageChannel[] = [];
afterEach(() => {
  for (const c of channels.splice(0)) {
    c.port1.close();
    c.port2.close();
  }
});

function connect<T extends object>(impl: T): Comlink.Remote<T> {
  const ch = new MessageChannel();
  channels.push(ch);
  Comlink.expose(impl, ch.port1 as unknown as Comlink.Endpoint);
  return Comlink.wrap<T>(ch.port2 as unknown as Comlink.Endpoint);
}

describe('errors crossing a comlink boundary', () => {
  installErrorTransfer();

  it('keep their code, message and name', async () => {
    const remote = connect({
      fail(): never {
        throw new EigenplayError(
          'MODEL_MISMATCH',
          '[policy] obs has 13 values, the model expects 14',
        );
      },
    });
    await expect(remote.fail()).rejects.toMatchObject({
      code: 'MODEL_MISMATCH',
      name: 'EigenplayError',
      message: '[policy] obs has 13 values, the model expects 14',
    });
  });

  it('still pass plain thrown values through', async () => {
    const remote = connect({
      fail(): never {
        throw 'plain string';
      },
    });
    await expect(remote.fail()).rejects.toBe('plain string');
  });
});
