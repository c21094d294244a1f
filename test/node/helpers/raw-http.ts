// Raw HTTP over a TCP socket, for requests no HTTP client would send (broken request lines,
// bad headers, clients that stop reading).
import { connect, type Socket } from "node:net";

/** Host and port of a `http://127.0.0.1:N/...` URL. */
export function addressOf(url: string): { host: string; port: number } {
  const u = new URL(url);
  return { host: u.hostname, port: Number(u.port) };
}

/** Opens a socket to the server. */
export function openSocket(url: string): Promise<Socket> {
  const { host, port } = addressOf(url);
  return new Promise((resolve, reject) => {
    const socket = connect(port, host, () => resolve(socket));
    socket.once("error", reject);
  });
}

/**
 * Sends `bytes` as they are, half-closes, and resolves with everything the server sent until it
 * closed the connection (a reset counts as closed).
 */
export async function rawExchange(url: string, bytes: string | Buffer): Promise<string> {
  const socket = await openSocket(url);
  return new Promise((resolve) => {
    let received = "";
    socket.setEncoding("latin1");
    socket.on("data", (d: string) => (received += d));
    socket.on("error", () => {});
    socket.on("close", () => resolve(received));
    socket.end(bytes);
  });
}

/** The status code of the first response in `text`, or undefined when there is none. */
export function statusOf(text: string): number | undefined {
  const m = /^HTTP\/1\.1 (\d{3})/.exec(text);
  return m ? Number(m[1]) : undefined;
}
