import { createServer } from 'node:net';
import { RuntimeError } from './runtime.error';

/** A free TCP port on 127.0.0.1 (the OS picks it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

/** The coded sentence for a taken port: names it and the variable that moves it. */
export function portBusyError(port: number, what: string, variable: string, cause?: unknown): RuntimeError {
  return new RuntimeError(
    'HERALD_ERR_PORT_BUSY',
    `port ${port} (${what}) is already in use; stop what uses it or set ${variable} to another port.`,
    { cause },
  );
}

/** Fails with HERALD_ERR_PORT_BUSY, naming the port and the variable that moves it, when taken. */
export function assertPortFree(port: number, what: string, variable: string, host = '127.0.0.1'): Promise<void> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', (error: NodeJS.ErrnoException) => {
      reject(portBusyError(port, what, variable, error));
    });
    server.listen(port, host, () => server.close(() => resolve()));
  });
}
