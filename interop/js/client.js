"use strict";
// rsocket-js requester for the interop tests. Usage:
//   node client.js <port> rr <route> <data>
//   node client.js <port> stream <route> <data> <n1,n2,...> <cancel|complete>
//       requests n1 (initial request n), then n2 once n1 arrived, and so on;
//       after the last batch it cancels, or waits for completion
//   node client.js <port> channel <route> <a,b,c>
//   node client.js <port> fnf <route> <data>
//   node client.js <port> push <metadata>
//   node client.js <port> big <rr|channel> <size> <fragmentSize>
//       sends a payload of size bytes (byte i = i mod 251) to the echo route
//       (rr) or three of them to the channel route, fragmented at
//       fragmentSize, and reports {"len": [...], "sha256": [...]} of what
//       came back
// Prints one JSON line: the outcome, or {"error": message, "code": n}.
const crypto = require("crypto");
const { RSocketConnector } = require("rsocket-core");
const { TcpClientTransport } = require("rsocket-tcp-client");
const { COMPOSITE, routeMetadata, emit, str } = require("./common");

function rr(rsocket, route, data) {
  return new Promise((resolve, reject) => {
    rsocket.requestResponse({ data: Buffer.from(data), metadata: routeMetadata(route) }, {
      onNext(p) {
        resolve({ data: str(p.data), metadata: p.metadata ? p.metadata.toString("hex") : null });
      },
      onComplete() {
        resolve({ data: null });
      },
      onError: reject,
      onExtension() {},
    });
  });
}

function stream(rsocket, route, data, batches, end) {
  return new Promise((resolve, reject) => {
    const received = [];
    let batch = 0;
    let target = batches[0];
    const requester = rsocket.requestStream({ data: Buffer.from(data), metadata: routeMetadata(route) }, batches[0], {
      onNext(p, isComplete) {
        received.push(str(p.data));
        if (isComplete) return resolve({ received, requested: batches, completed: true });
        if (received.length === target) {
          batch++;
          if (batch < batches.length) {
            target += batches[batch];
            requester.request(batches[batch]);
          } else if (end === "cancel") {
            requester.cancel();
            resolve({ received, requested: batches, completed: false });
          }
        }
      },
      onComplete() {
        resolve({ received, requested: batches, completed: true });
      },
      onError: reject,
      onExtension() {},
    });
  });
}

function channel(rsocket, route, items) {
  return new Promise((resolve, reject) => {
    const received = [];
    let next = 1;
    let credit = 0;
    let requester;
    const send = () => {
      while (credit > 0 && next < items.length) {
        credit--;
        const last = next === items.length - 1;
        requester.onNext({ data: Buffer.from(items[next++]) }, last);
      }
    };
    requester = rsocket.requestChannel(
      { data: Buffer.from(items[0]), metadata: routeMetadata(route) },
      0x7fffffff,
      items.length === 1,
      {
        onNext(p, isComplete) {
          received.push(str(p.data));
          if (isComplete) resolve({ received });
        },
        onComplete() {
          resolve({ received });
        },
        onError: reject,
        onExtension() {},
        request(n) {
          credit += n;
          send();
        },
        cancel() {},
      }
    );
  });
}

function fnf(rsocket, route, data) {
  return new Promise((resolve, reject) => {
    rsocket.fireAndForget({ data: Buffer.from(data), metadata: routeMetadata(route) }, {
      onComplete() {
        resolve({ sent: true });
      },
      onError: reject,
    });
  });
}

function push(rsocket, metadata) {
  return new Promise((resolve, reject) => {
    rsocket.metadataPush(Buffer.from(metadata), {
      onComplete() {
        resolve({ sent: true });
      },
      onError: reject,
    });
  });
}

function pattern(n) {
  const b = Buffer.allocUnsafe(n);
  for (let i = 0; i < n; i++) b[i] = i % 251;
  return b;
}

function summary(payloads) {
  return {
    len: payloads.map((p) => (p.data ? p.data.length : 0)),
    sha256: payloads.map((p) => crypto.createHash("sha256").update(p.data || Buffer.alloc(0)).digest("hex")),
  };
}

function big(rsocket, model, size) {
  const data = pattern(size);
  if (model === "rr") {
    return new Promise((resolve, reject) => {
      rsocket.requestResponse({ data, metadata: routeMetadata("echo") }, {
        onNext(p) {
          resolve(summary([p]));
        },
        onComplete() {
          resolve(summary([]));
        },
        onError: reject,
        onExtension() {},
      });
    });
  }
  return new Promise((resolve, reject) => {
    const received = [];
    let sent = 1;
    let requester;
    requester = rsocket.requestChannel({ data, metadata: routeMetadata("channel") }, 0x7fffffff, false, {
      onNext(p, isComplete) {
        received.push(p);
        if (isComplete) resolve(summary(received));
      },
      onComplete() {
        resolve(summary(received));
      },
      onError: reject,
      onExtension() {},
      request(n) {
        for (; n > 0 && sent < 3; n--) {
          sent++;
          requester.onNext({ data }, sent === 3);
        }
      },
      cancel() {},
    });
  });
}

async function main() {
  const [port, scenario, ...args] = process.argv.slice(2);
  const connector = new RSocketConnector({
    fragmentation: { maxOutboundFragmentSize: scenario === "big" ? Number(args[2]) : 0 },
    setup: { dataMimeType: "text/plain", metadataMimeType: COMPOSITE, keepAlive: 10000, lifetime: 60000 },
    transport: new TcpClientTransport({ connectionOptions: { host: "127.0.0.1", port: Number(port) } }),
  });
  const rsocket = await connector.connect();
  let result;
  try {
    switch (scenario) {
      case "rr":
        result = await rr(rsocket, args[0], args[1]);
        break;
      case "stream":
        result = await stream(rsocket, args[0], args[1], args[2].split(",").map(Number), args[3]);
        break;
      case "channel":
        result = await channel(rsocket, args[0], args[1].split(","));
        break;
      case "fnf":
        result = await fnf(rsocket, args[0], args[1]);
        break;
      case "big":
        result = await big(rsocket, args[0], Number(args[1]));
        break;
      case "push":
        result = await push(rsocket, args[0]);
        break;
      default:
        throw new Error("unknown scenario " + scenario);
    }
  } catch (e) {
    result = { error: e.message, code: e.code };
  }
  emit(result);
  // Let queued frames (CANCEL, FNF, METADATA_PUSH) reach the socket.
  setTimeout(() => {
    rsocket.close();
    process.exit(0);
  }, 200);
}

main().catch((e) => {
  emit({ error: String(e && e.message ? e.message : e) });
  process.exit(1);
});
