/**
 * A loopback TCP proxy that causes faults for real, for the resilience
 * tests: in front of the OpenSearch node or the Redis REST front, it passes
 * traffic, delays each request, drops connections, resets them, or swallows
 * requests without ever answering (blackhole) — and counts the connections
 * and HTTP requests that reached it, so a test can prove that an open
 * breaker sends nothing. `stop()` closes the port (connection refused) and
 * every open connection; `start()` listens again on the same port.
 *
 * The mode applies per request, on connections already open too (clients
 * keep connections alive), except `drop`, which also refuses new ones at
 * once. `reset` closes a connection with the request still unread, so the
 * kernel answers with a TCP RST (ECONNRESET).
 * @module
 */
import net from "node:net";

/** What the proxy does to the next request. */
export type FaultMode = "pass" | "delay" | "drop" | "reset" | "blackhole";

export interface FaultProxy {
  readonly url: string;
  readonly port: number;
  /** Connections accepted since the last `resetCounts`. */
  readonly connections: number;
  /** HTTP requests seen since the last `resetCounts` (whatever happened to them). */
  readonly requests: number;
  readonly mode: FaultMode;
  set(mode: FaultMode, options?: { readonly delayMs?: number }): void;
  resetCounts(): void;
  /** Closes the port and every open connection. */
  stop(): Promise<void>;
  /** Listens again (same port). */
  start(): Promise<void>;
  close(): Promise<void>;
}

const CRLFCRLF = new Uint8Array([13, 10, 13, 10]);
const decoder = new TextDecoder();

/** Starts a proxy to `target` (`http://host:port`) on a free loopback port. */
export async function startFaultProxy(
  target: string,
  options: {
    port?: number;
    /**
     * `tcp` for protocols other than HTTP/1.1 (Postgres): every connection's
     * first bytes count as its one request, and the mode applies then.
     */
    protocol?: "http" | "tcp";
  } = {},
): Promise<FaultProxy> {
  const http = (options.protocol ?? "http") === "http";
  const upstream = new URL(target);
  const upstreamPort = Number(upstream.port || 80);
  let mode: FaultMode = "pass";
  let delayMs = 0;
  let connections = 0;
  let requests = 0;
  let port = options.port ?? 0;
  let server: net.Server | undefined;
  const sockets = new Set<net.Socket>();

  function track(socket: net.Socket): net.Socket {
    sockets.add(socket);
    socket.on("error", () => {});
    socket.on("close", () => sockets.delete(socket));
    return socket;
  }

  function accept(client: net.Socket): void {
    connections++;
    track(client);
    if (mode === "drop") return void client.destroy();
    if (mode === "reset") {
      client.once("data", () => {
        requests++;
        client.resetAndDestroy();
      });
      return;
    }
    const origin = track(net.connect({ host: upstream.hostname, port: upstreamPort }));
    // The node behind is down: the client's connection is reset, as a dead host's would be.
    origin.on("error", () => client.resetAndDestroy());
    origin.on("data", (chunk) => client.write(chunk));
    origin.on("end", () => client.end());
    client.on("close", () => origin.destroy());
    const framing = requestFraming();
    let swallowing = false;
    let first = true;
    client.on("data", (chunk: Uint8Array) => {
      if (swallowing) return;
      const starts = http ? framing.push(chunk) : first ? 1 : 0;
      first = false;
      requests += starts;
      if (starts === 0) return void origin.write(chunk);
      // Read afresh for every request: the mode may change while a connection stays open.
      const now = mode;
      if (now === "drop") return void client.destroy();
      if (now === "reset") return void client.resetAndDestroy();
      if (now === "blackhole") return void (swallowing = true);
      if (now === "delay" && delayMs > 0) {
        client.pause();
        setTimeout(() => {
          origin.write(chunk);
          client.resume();
        }, delayMs);
        return;
      }
      origin.write(chunk);
    });
  }

  async function listen(): Promise<void> {
    const listening = net.createServer(accept);
    await new Promise<void>((resolve, reject) => {
      listening.once("error", reject);
      listening.listen(port, "127.0.0.1", () => resolve());
    });
    port = (listening.address() as net.AddressInfo).port;
    server = listening;
  }

  await listen();
  return {
    get url() {
      return `http://127.0.0.1:${port}`;
    },
    get port() {
      return port;
    },
    get connections() {
      return connections;
    },
    get requests() {
      return requests;
    },
    get mode() {
      return mode;
    },
    set(next, settings = {}) {
      mode = next;
      delayMs = settings.delayMs ?? 0;
    },
    resetCounts() {
      connections = 0;
      requests = 0;
    },
    stop,
    async start() {
      if (!server) await listen();
    },
    close: stop,
  };

  async function stop(): Promise<void> {
    const closing = server;
    server = undefined;
    for (const socket of sockets) socket.destroy();
    sockets.clear();
    if (closing) await new Promise<void>((resolve) => closing.close(() => resolve()));
  }
}

/**
 * HTTP/1.1 request framing over a byte stream: counts request heads, skipping
 * bodies by `content-length` or chunked encoding, across chunk boundaries.
 */
export function requestFraming() {
  let head: Uint8Array = new Uint8Array(0);
  let bodyLeft = 0;
  let chunked = false;
  let chunkLine = "";
  let chunkDataLeft = 0;
  let trailer = false;

  function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
    const out = new Uint8Array(a.length + b.length);
    out.set(a);
    out.set(b, a.length);
    return out;
  }

  function indexOf(bytes: Uint8Array, needle: Uint8Array): number {
    outer: for (let i = 0; i + needle.length <= bytes.length; i++) {
      for (let j = 0; j < needle.length; j++) if (bytes[i + j] !== needle[j]) continue outer;
      return i;
    }
    return -1;
  }

  /** Consumes chunked-body bytes from `bytes[at..]`; returns where the body ended, or -1. */
  function consumeChunked(bytes: Uint8Array, at: number): number {
    let i = at;
    while (i < bytes.length) {
      if (chunkDataLeft > 0) {
        const take = Math.min(chunkDataLeft, bytes.length - i);
        chunkDataLeft -= take;
        i += take;
        continue;
      }
      const byte = bytes[i++]!;
      chunkLine += String.fromCharCode(byte);
      if (!chunkLine.endsWith("\r\n")) continue;
      const line = chunkLine.slice(0, -2);
      chunkLine = "";
      if (trailer) {
        if (line === "") {
          trailer = false;
          chunked = false;
          return i;
        }
        continue;
      }
      if (line === "") continue; // CRLF after a chunk's data
      const size = parseInt(line.split(";")[0]!, 16);
      if (size === 0) trailer = true;
      else chunkDataLeft = size;
    }
    return -1;
  }

  return {
    /** Feeds bytes; returns how many request heads began in them. */
    push(chunk: Uint8Array): number {
      let starts = 0;
      let bytes: Uint8Array = chunk;
      for (;;) {
        if (bytes.length === 0) return starts;
        if (bodyLeft > 0) {
          const take = Math.min(bodyLeft, bytes.length);
          bodyLeft -= take;
          bytes = bytes.subarray(take);
          continue;
        }
        if (chunked) {
          const end = consumeChunked(bytes, 0);
          if (end < 0) return starts;
          bytes = bytes.subarray(end);
          continue;
        }
        if (head.length === 0) starts++;
        head = concat(head, bytes);
        const end = indexOf(head, CRLFCRLF);
        if (end < 0) return starts;
        const text = decoder.decode(head.subarray(0, end)).toLowerCase();
        bytes = head.subarray(end + 4);
        head = new Uint8Array(0);
        const length = /\r\ncontent-length:\s*(\d+)/.exec(text);
        if (/\r\ntransfer-encoding:[^\r\n]*chunked/.test(text)) chunked = true;
        else if (length) bodyLeft = Number(length[1]);
      }
    },
  };
}
