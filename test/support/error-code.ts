import { DeviceError } from '../../host/link/request-errors.js';

/** The `error:N` code a request was answered with, or 'ok'; anything but a device error is rethrown. */
export async function errorCodeOf(promise: Promise<unknown>): Promise<number | 'ok'> {
  try {
    await promise;
    return 'ok';
  } catch (error) {
    if (error instanceof DeviceError) return error.code;
    throw error;
  }
}
