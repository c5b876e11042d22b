/**
 * A DynamoDB that goes away and comes back, without restarting Java: a TCP relay in front of
 * DynamoDB Local. `cut()` closes the listening port (new connections are refused) and resets every
 * open connection (calls in flight die as they do when the server or the network goes), exactly as
 * a client sees an outage. `restore()` listens again on the same port. The data behind it stays:
 * what DynamoDB acknowledged before the cut is there afterwards, as with a restarted server that
 * kept its data directory (the persistence of DynamoDB Local itself is tested in
 * test/local/dynamodb.test.ts and test/local/start.test.ts).
 */
import { createConnection, createServer, type Server, type Socket } from 'node:net';

export interface Outage {
  /** the relay's endpoint, e.g. http://127.0.0.1:41234: give this to the client under test */
  endpoint: string;
  port: number;
  /** DynamoDB goes away: refuse new connections, reset the open ones; resolves once the port is closed */
  cut(): Promise<void>;
  /** DynamoDB comes back on the same port */
  restore(): Promise<void>;
  /** closes the relay for good */
  close(): Promise<void>;
}

const listen = (server: Server, port: number) =>
  new Promise<number>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ port, host: '127.0.0.1' }, () => {
      server.off('error', reject);
      resolve((server.address() as { port: number }).port);
    });
  });

export const startOutageRelay = async (target: string): Promise<Outage> => {
  const { hostname, port: targetPort } = new URL(target);
  const open = new Set<Socket>();
  const relay = () =>
    createServer((client) => {
      const upstream = createConnection({ host: hostname, port: Number(targetPort) });
      for (const s of [client, upstream]) {
        open.add(s);
        s.on('close', () => open.delete(s));
        // a reset on one side resets the other; nothing to report here, the client sees it
        s.on('error', () => {
          client.destroy();
          upstream.destroy();
        });
      }
      client.pipe(upstream);
      upstream.pipe(client);
    });
  let server = relay();
  const port = await listen(server, 0);
  let up = true;
  const close = () =>
    new Promise<void>((resolve) => {
      if (!up) return resolve();
      up = false;
      server.close(() => resolve());
      for (const s of open) s.resetAndDestroy();
    });
  return {
    endpoint: `http://127.0.0.1:${port}`,
    port,
    cut: close,
    restore: async () => {
      if (up) return;
      server = relay();
      await listen(server, port);
      up = true;
    },
    close,
  };
};
