import { createServer, connect, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

export interface TcpProxy {
  /** The port on 127.0.0.1 that forwards to the target. */
  port: number;
  /** Drops every open connection and refuses new ones, as a failed network or server would. */
  cut(): Promise<void>;
  /** Accepts connections again, on the same port. */
  restore(): Promise<void>;
  close(): Promise<void>;
}

/** A TCP proxy in front of a server (e.g. PostgreSQL) that a fault test can cut and restore. */
export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  const open = new Set<Socket>();
  let server: Server | undefined;
  const listen = async (port: number): Promise<number> => {
    server = createServer((client) => {
      const upstream = connect(target.port, target.host);
      open.add(client).add(upstream);
      const drop = () => {
        client.destroy();
        upstream.destroy();
        open.delete(client);
        open.delete(upstream);
      };
      client.on('error', drop).on('close', drop);
      upstream.on('error', drop).on('close', drop);
      client.pipe(upstream);
      upstream.pipe(client);
    });
    await new Promise<void>((resolve, reject) => {
      server!.once('error', reject);
      server!.listen(port, '127.0.0.1', () => resolve());
    });
    return (server.address() as AddressInfo).port;
  };
  const stopListening = async () => {
    const listening = server;
    server = undefined;
    for (const socket of open) socket.destroy();
    open.clear();
    if (listening) await new Promise<void>((resolve) => listening.close(() => resolve()));
  };
  const port = await listen(0);
  return {
    port,
    cut: stopListening,
    restore: async () => {
      if (!server) await listen(port);
    },
    close: stopListening,
  };
}
