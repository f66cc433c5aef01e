"use strict";
// rsocket-js responder for the interop tests. Usage: node server.js [fragmentSize]
// (fragmentSize > 0 turns on rsocket-js's fragmentation of outbound frames).
// Listens on 127.0.0.1 (a free port), prints "READY <port>", then one JSON
// line per observed event. Routes (routing entry of composite metadata):
//   echo (request-response): answers the payload (data and metadata)
//   fail (request-response): APPLICATION_ERROR "boom"
//   digest (request-response): answers "<length> <sha256 hex>" of the data
//   stream (request-stream): data N (or "inf"); emits "0".."N-1" as demanded
//     and reports {"event":"stream","requestN":[...],"emitted":k,"cancelled":b}
//   channel (request-channel): echoes every inbound payload
//   fnf (fire-and-forget): reports {"event":"fnf","data":...}
// METADATA_PUSH is reported as {"event":"metadataPush","metadata":...}.
const { RSocketServer, RSocketError, ErrorCodes } = require("rsocket-core");
const { TcpServerTransport } = require("rsocket-tcp-server");
const { routeOf, emit, str } = require("./common");

function requestResponse(payload, subscriber) {
  const route = routeOf(payload.metadata);
  if (route === "echo") {
    subscriber.onNext({ data: payload.data, metadata: payload.metadata }, true);
  } else if (route === "digest") {
    const data = payload.data || Buffer.alloc(0);
    const sum = require("crypto").createHash("sha256").update(data).digest("hex");
    subscriber.onNext({ data: Buffer.from(data.length + " " + sum) }, true);
  } else if (route === "fail") {
    subscriber.onError(new RSocketError(ErrorCodes.APPLICATION_ERROR, "boom"));
  } else {
    subscriber.onError(new RSocketError(ErrorCodes.APPLICATION_ERROR, "no route " + route));
  }
  return { cancel() {}, onExtension() {} };
}

function requestStream(payload, initialRequestN, subscriber) {
  const route = routeOf(payload.metadata);
  if (route !== "stream") {
    subscriber.onError(new RSocketError(ErrorCodes.APPLICATION_ERROR, "no route " + route));
    return { request() {}, cancel() {}, onExtension() {} };
  }
  const text = str(payload.data);
  const total = text === "inf" ? Infinity : parseInt(text, 10);
  const record = { event: "stream", route, requestN: [initialRequestN], emitted: 0, cancelled: false };
  let credit = 0;
  let done = false;
  const finish = () => {
    done = true;
    emit(record);
  };
  const drain = () => {
    while (!done && credit > 0 && record.emitted < total) {
      credit--;
      const last = record.emitted + 1 === total;
      subscriber.onNext({ data: Buffer.from(String(record.emitted)) }, last);
      record.emitted++;
      if (last) finish();
    }
    if (!done && record.emitted >= total) {
      subscriber.onComplete();
      finish();
    }
  };
  const request = (n) => {
    credit += n;
    drain();
  };
  setImmediate(() => request(initialRequestN));
  return {
    request(n) {
      if (done) return;
      record.requestN.push(n);
      request(n);
    },
    cancel() {
      if (done) return;
      record.cancelled = true;
      finish();
    },
    onExtension() {},
  };
}

function requestChannel(payload, initialRequestN, isComplete, subscriber) {
  // Echo: every inbound payload goes back out within the requester's credit.
  const queue = [payload];
  let credit = initialRequestN;
  let inboundDone = isComplete;
  let finished = false;
  const drain = () => {
    while (!finished && credit > 0 && queue.length > 0) {
      credit--;
      const p = queue.shift();
      subscriber.onNext({ data: p.data, metadata: p.metadata }, false);
    }
    if (!finished && inboundDone && queue.length === 0) {
      finished = true;
      subscriber.onComplete();
    }
  };
  setImmediate(() => {
    if (!isComplete) subscriber.request(0x7fffffff);
    drain();
  });
  return {
    onNext(p, complete) {
      queue.push(p);
      if (complete) inboundDone = true;
      drain();
    },
    onComplete() {
      inboundDone = true;
      drain();
    },
    onError() {
      finished = true;
    },
    onExtension() {},
    request(n) {
      credit += n;
      drain();
    },
    cancel() {
      finished = true;
    },
  };
}

async function main() {
  const fragmentSize = Number(process.argv[2] || 0);
  const server = new RSocketServer({
    fragmentation: { maxOutboundFragmentSize: fragmentSize },
    transport: new TcpServerTransport({ listenOptions: { host: "127.0.0.1", port: 0 } }),
    acceptor: {
      accept: async () => ({
        requestResponse,
        requestStream,
        requestChannel,
        fireAndForget(payload) {
          emit({ event: "fnf", route: routeOf(payload.metadata), data: str(payload.data) });
          return { cancel() {} };
        },
        metadataPush(metadata, subscriber) {
          emit({ event: "metadataPush", metadata: str(metadata) });
          subscriber.onComplete();
        },
      }),
    },
  });
  const closeable = await server.bind();
  // The transport keeps its net.Server private; find the bound port on it.
  const netServer = closeable.server || Object.values(closeable).find((v) => v && typeof v.address === "function");
  process.stdout.write("READY " + netServer.address().port + "\n");
  const stop = () => {
    closeable.close();
    process.exit(0);
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
  process.stdin.on("end", stop); // the Go test closes stdin to stop us
  process.stdin.resume();
}

main().catch((e) => {
  process.stderr.write("server: " + (e && e.stack ? e.stack : e) + "\n");
  process.exit(1);
});
