import { createRequire as __cd4mlRequire } from 'node:module'; const require = __cd4mlRequire(import.meta.url);
import {
  ARRAY_OF,
  BadRequest,
  HttpError,
  NotFound,
  checkShape,
  fromV2Datatype,
  requestedVersion,
  runModel,
  sameDims,
  toTfDtype,
  toTypedData,
  toV2Datatype,
  v2TensorMeta
} from "./chunk-USNDXPPB.js";
import "./chunk-VA77YMJ5.js";
import "./chunk-WARPCWE3.js";

// serving/grpc/server.ts
import { Server } from "@grpc/grpc-js";

// serving/grpc/forward.ts
import { connect, constants } from "node:http2";
import { duplexPair } from "node:stream";
import { ServerCredentials } from "@grpc/grpc-js";
function forwarderTo(server) {
  const injector = server.createConnectionInjector(ServerCredentials.createInsecure());
  let session;
  const link = () => {
    if (session && !session.closed && !session.destroyed) return session;
    const [ours, theirs] = duplexPair();
    injector.injectConnection(theirs);
    const s = connect("http://cd4ml-grpc.internal", {
      createConnection: () => ours,
      maxSessionMemory: Number.MAX_SAFE_INTEGER
    });
    s.on("error", () => {
    });
    s.on("close", () => {
      if (session === s) session = void 0;
    });
    session = s;
    return s;
  };
  return {
    forward: (stream, headers) => relay(link(), stream, headers),
    close: () => {
      session?.close();
      injector.destroy();
    }
  };
}
function relay(session, stream, headers) {
  const request = {};
  for (const [name, value] of Object.entries(headers)) request[name] = value;
  const upstream = session.request(request);
  stream.on("error", () => {
  });
  upstream.on("error", () => {
  });
  stream.pipe(upstream);
  let trailers = {};
  upstream.on("response", (response, flags) => {
    if (stream.destroyed || stream.closed) return;
    if (flags & constants.NGHTTP2_FLAG_END_STREAM) {
      stream.respond(response, { endStream: true });
      return;
    }
    stream.respond(response, { waitForTrailers: true });
    stream.once("wantTrailers", () => stream.sendTrailers(trailers));
    upstream.pipe(stream);
  });
  upstream.on("trailers", (received) => {
    trailers = received;
  });
  stream.on("close", () => {
    if (!upstream.closed) upstream.close(constants.NGHTTP2_CANCEL);
  });
  upstream.on("close", () => {
    if (upstream.rstCode !== constants.NGHTTP2_NO_ERROR && !stream.closed)
      stream.close(upstream.rstCode ?? constants.NGHTTP2_INTERNAL_ERROR);
  });
}

// serving/grpc/front.ts
import { createServer } from "node:http2";

// serving/grpc/unary-stream.ts
import { status } from "@grpc/grpc-js";
var RESPONSE_HEADERS = {
  ":status": 200,
  "content-type": "application/grpc+proto",
  "grpc-accept-encoding": "identity,deflate,gzip",
  "grpc-encoding": "identity"
};
var OK_TRAILERS = { "grpc-status": "0", "grpc-message": "OK" };
function sendOkTrailers() {
  this.sendTrailers(OK_TRAILERS);
}
function ignore() {
}
var UNIT_MS = {
  H: 36e5,
  M: 6e4,
  S: 1e3,
  m: 1,
  u: 1e-3,
  n: 1e-6
};
function timeoutMs(value) {
  const m = /^(\d{1,8})([HMSmun])$/.exec(value.trim());
  return m ? Number(m[1]) * UNIT_MS[m[2]] : void 0;
}
function plainUnaryDeadline(headers) {
  const type = headers["content-type"];
  const encoding = headers["grpc-encoding"];
  if (typeof type !== "string" || !type.startsWith("application/grpc") || encoding !== void 0 && encoding !== "identity")
    return void 0;
  const timeout = headers["grpc-timeout"];
  if (timeout === void 0) return Infinity;
  return typeof timeout === "string" ? timeoutMs(timeout) : void 0;
}
function framed(message) {
  const out = Buffer.allocUnsafe(5 + message.length);
  out[0] = 0;
  out.writeUInt32BE(message.length, 1);
  message.copy(out, 5);
  return out;
}
var CALL = /* @__PURE__ */ Symbol("cd4ml.unaryCall");
var UnaryCall = class {
  constructor(stream, method, maxBytes) {
    this.stream = stream;
    this.method = method;
    this.maxBytes = maxBytes;
    stream[CALL] = this;
  }
  stream;
  method;
  maxBytes;
  done = false;
  timer;
  chunks = [];
  received = 0;
  /** The request message's length, from its frame header; -1 until 5 bytes have arrived. */
  length = -1;
  /** The first of fail/succeed wins; later ones (and any after a reset) are dropped. */
  claim() {
    if (this.done) return false;
    this.release();
    if (this.stream.destroyed || this.stream.closed) return false;
    this.done = true;
    return true;
  }
  /** Detaches the call from its stream: what comes on the stream after this is read and dropped. */
  release() {
    clearTimeout(this.timer);
    this.stream[CALL] = void 0;
    this.chunks = [];
  }
  /** A trailers-only answer, as grpc-js sends an error before any message. */
  fail(code, details) {
    if (!this.claim()) return;
    this.stream.respond(
      {
        ":status": 200,
        "content-type": "application/grpc+proto",
        "grpc-status": String(code),
        "grpc-message": encodeURI(details)
      },
      { endStream: true }
    );
  }
  succeed(response) {
    let message;
    try {
      message = this.method.encode(response);
    } catch {
      this.fail(status.INTERNAL, "Error serializing response");
      return;
    }
    if (message.length > this.maxBytes) {
      this.fail(
        status.RESOURCE_EXHAUSTED,
        `Sent message larger than max (${message.length} vs. ${this.maxBytes})`
      );
      return;
    }
    if (!this.claim()) return;
    this.stream.respond(RESPONSE_HEADERS, { waitForTrailers: true });
    this.stream.on("wantTrailers", sendOkTrailers);
    this.stream.end(framed(message));
  }
};
function onData(chunk) {
  const call = this[CALL];
  if (call === void 0) return;
  call.chunks.push(chunk);
  call.received += chunk.length;
  if (call.length < 0 && call.received >= 5) {
    const head = call.chunks.length === 1 ? chunk : Buffer.concat(call.chunks);
    if (head[0] !== 0)
      return call.fail(
        status.INTERNAL,
        'Received compressed message but "grpc-encoding" header was identity'
      );
    call.length = head.readUInt32BE(1);
    if (call.length > call.maxBytes)
      return call.fail(
        status.RESOURCE_EXHAUSTED,
        `Received message larger than max (${call.length} vs. ${call.maxBytes})`
      );
  }
  if (call.length >= 0 && call.received > 5 + call.length)
    call.fail(
      status.UNIMPLEMENTED,
      `Received a second request message for server streaming method ${call.method.path}`
    );
}
function onEnd() {
  const call = this[CALL];
  if (call === void 0) return;
  const { chunks, received, length, method } = call;
  if (length < 0 || received < 5 + length)
    return call.fail(
      status.UNIMPLEMENTED,
      `Received no request message for server streaming method ${method.path}`
    );
  const body = chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, received);
  call.chunks = [];
  const request = method.decode(body.subarray(5));
  method.handler({ request }, (err, response) => {
    if (err) call.fail(err.code ?? status.UNKNOWN, err.details ?? "");
    else call.succeed(response);
  });
}
function onClose() {
  this[CALL]?.release();
}
function serveUnary(stream, deadlineMs, method, maxBytes) {
  const call = new UnaryCall(stream, method, maxBytes);
  if (deadlineMs !== Infinity) {
    call.timer = setTimeout(
      () => call.fail(status.DEADLINE_EXCEEDED, "Deadline exceeded"),
      deadlineMs
    );
    stream.on("close", onClose);
  }
  stream.on("error", ignore);
  stream.on("data", onData);
  stream.on("end", onEnd);
}

// serving/grpc/front.ts
async function listenFront(opts) {
  const methods = new Map(opts.methods.map((m) => [m.path, m]));
  const server = createServer({
    maxSessionMemory: Number.MAX_SAFE_INTEGER,
    maxSendHeaderBlockLength: Number.MAX_SAFE_INTEGER
  });
  server.setTimeout(0);
  const sessions = /* @__PURE__ */ new Set();
  server.on("session", (session) => {
    sessions.add(session);
    session.on("error", () => {
    });
    session.on("close", () => sessions.delete(session));
  });
  server.on("stream", (stream, headers) => {
    const method = methods.get(headers[":path"] ?? "");
    const deadlineMs = method ? plainUnaryDeadline(headers) : void 0;
    if (method && deadlineMs !== void 0)
      serveUnary(stream, deadlineMs, method, opts.maxMessageBytes);
    else opts.forwarder.forward(stream, headers);
  });
  await new Promise((resolve2, reject) => {
    server.once("error", reject);
    server.listen(opts.port, opts.host, () => {
      server.off("error", reject);
      resolve2();
    });
  });
  return {
    port: server.address().port,
    close: (graceMs) => new Promise((resolve2) => {
      const timer = setTimeout(() => sessions.forEach((s) => s.destroy()), graceMs);
      server.close(() => {
        clearTimeout(timer);
        resolve2();
      });
      for (const session of sessions) session.close();
    })
  };
}

// serving/grpc/health.ts
import { status as status3 } from "@grpc/grpc-js";

// serving/grpc/status.ts
import { status as status2 } from "@grpc/grpc-js";
import { Metadata } from "@grpc/grpc-js";
var Malformed = class {
  constructor(message) {
    this.message = message;
  }
  message;
};
var GrpcError = class extends Error {
  constructor(code, message) {
    super(message);
    this.code = code;
    this.name = "GrpcError";
  }
  code;
};
function codeOfHttp(httpStatus) {
  if (httpStatus === 404) return status2.NOT_FOUND;
  if (httpStatus === 503) return status2.UNAVAILABLE;
  if (httpStatus === 413) return status2.RESOURCE_EXHAUSTED;
  if (httpStatus === 501) return status2.UNIMPLEMENTED;
  if (httpStatus >= 400 && httpStatus < 500) return status2.INVALID_ARGUMENT;
  return status2.INTERNAL;
}
function toServiceError(err, log) {
  if (err instanceof GrpcError) return { code: err.code, details: err.message };
  if (err instanceof HttpError) return { code: codeOfHttp(err.status), details: err.message };
  log.error({ err }, "unhandled error in a gRPC call");
  return { code: status2.INTERNAL, details: "internal error; the server log has the details" };
}
function unary(ctx, protocol, fn) {
  return (call, callback) => {
    const started = performance.now();
    const info = { model: "", version: "" };
    const finish = (code, error, response) => {
      ctx.metrics.observeRequest(
        info.model,
        info.version,
        protocol,
        status2[code],
        (performance.now() - started) / 1e3
      );
      if (error) callback(error);
      else callback(null, response);
    };
    const fail = (err) => {
      const { code, details } = toServiceError(err, ctx.log);
      finish(code, Object.assign(new Error(details), { code, details, metadata: new Metadata() }));
    };
    const request = call.request;
    if (request instanceof Malformed) {
      fail(new GrpcError(status2.INVALID_ARGUMENT, request.message));
      return;
    }
    try {
      const result = fn(request, info);
      if (result instanceof Promise) result.then((res) => finish(status2.OK, null, res), fail);
      else finish(status2.OK, null, result);
    } catch (err) {
      fail(err);
    }
  };
}

// serving/grpc/health.ts
var WATCH_MS = 1e3;
function statusOf(models, service) {
  if (service === "") return models.ready ? "SERVING" : "NOT_SERVING";
  const entry = models.entries().find((m) => m.name === service);
  if (!entry) return void 0;
  return models.latest(entry) ? "SERVING" : "NOT_SERVING";
}
function healthService(o) {
  return {
    Check: unary(o, "grpc", (req) => {
      const service = req.service ?? "";
      const found = statusOf(o.models, service);
      if (!found)
        throw new GrpcError(
          status3.NOT_FOUND,
          `no service '${service.slice(0, 64)}': ask for '' (the server) or a model name`
        );
      return { status: found };
    }),
    List: unary(o, "grpc", () => {
      const statuses = {
        "": { status: statusOf(o.models, "") }
      };
      for (const m of o.models.entries())
        statuses[m.name] = { status: statusOf(o.models, m.name) };
      return { statuses };
    }),
    Watch: (call) => {
      const service = call.request.service ?? "";
      let last;
      const send = () => {
        const now = statusOf(o.models, service) ?? "SERVICE_UNKNOWN";
        if (now !== last) call.write({ status: now });
        last = now;
      };
      send();
      const timer = setInterval(send, WATCH_MS);
      timer.unref();
      call.on("cancelled", () => clearInterval(timer));
      call.on("close", () => clearInterval(timer));
    }
  };
}

// serving/grpc/protos.ts
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { loadSync } from "@grpc/proto-loader";
import protobuf from "protobufjs";
var ROOTS = ["open-inference-protocol", "tensorflow-serving", "tensorflow", "grpc-proto"];
var FILES = [
  "open_inference_grpc.proto",
  "tensorflow_serving/apis/prediction_service.proto",
  "tensorflow_serving/apis/model_service.proto",
  "grpc/health/v1/health.proto"
];
var LOADER_OPTIONS = {
  keepCase: true,
  longs: String,
  enums: String,
  bytes: Buffer,
  defaults: false,
  arrays: true,
  objects: true,
  oneofs: true
};
function protosDir() {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 4; i++) {
    for (const candidate of [join(dir, "protos"), join(dir, "serving", "protos")])
      if (existsSync(join(candidate, "README.md"))) return candidate;
    dir = dirname(dir);
  }
  throw new Error(
    `the gRPC .proto files (serving/protos/) are missing beside ${fileURLToPath(import.meta.url)}`
  );
}
var InferResponseParts = class {
  constructor(head, id, raw_output_contents) {
    this.head = head;
    this.id = id;
    this.raw_output_contents = raw_output_contents;
  }
  head;
  id;
  raw_output_contents;
};
function inferResponseCodec(type) {
  const whole = codecOf(type);
  return {
    ...whole,
    encode: (value) => {
      if (!(value instanceof InferResponseParts)) return whole.encode(value);
      const rest = type.encode({ id: value.id, raw_output_contents: value.raw_output_contents }).finish();
      const out = Buffer.allocUnsafe(value.head.length + rest.length);
      out.set(value.head, 0);
      out.set(rest, value.head.length);
      return out;
    }
  };
}
function codecOf(type) {
  return {
    decode: (bytes) => type.decode(bytes),
    encode: (value) => type.encode(value).finish()
  };
}
var loaded;
function loadProtos() {
  if (loaded) return loaded;
  const base = protosDir();
  const includeDirs = ROOTS.map((r) => join(base, r));
  const definition = loadSync(FILES, { ...LOADER_OPTIONS, includeDirs });
  const root = new protobuf.Root();
  root.resolvePath = (_origin, target) => {
    const found = includeDirs.map((d) => join(d, target)).find((p) => existsSync(p));
    return found ?? target;
  };
  root.loadSync(["tensorflow_serving/apis/get_model_metadata.proto", "open_inference_grpc.proto"], {
    keepCase: true
  });
  const signatureDefMap = root.lookupType("tensorflow.serving.SignatureDefMap");
  loaded = {
    definition,
    encodeSignatureDefMap: (value) => Buffer.from(signatureDefMap.encode(signatureDefMap.fromObject(value)).finish()),
    modelInfer: {
      request: codecOf(root.lookupType("inference.ModelInferRequest")),
      response: inferResponseCodec(root.lookupType("inference.ModelInferResponse"))
    }
  };
  return loaded;
}

// serving/grpc/raw.ts
function fromRaw(type, n, bytes, what) {
  if (type === "string") return stringsFromRaw(n, bytes, what);
  const size = ARRAY_OF[type].BYTES_PER_ELEMENT;
  if (bytes.length !== n * size) {
    throw new BadRequest(
      `${what} has ${bytes.length} bytes, but ${n} ${type} elements take ${n * size} (${size} bytes each): send exactly shape \xD7 element size bytes`
    );
  }
  const aligned = type !== "bool" && bytes.byteOffset % size === 0 ? bytes : alignedCopy(bytes);
  const out = new ARRAY_OF[type](aligned.buffer, aligned.byteOffset, n);
  if (type === "bool") for (let i = 0; i < n; i++) out[i] = out[i] ? 1 : 0;
  return out;
}
function alignedCopy(bytes) {
  const pooled = Buffer.allocUnsafe(bytes.length);
  const copy = pooled.byteOffset % 8 === 0 ? pooled : Buffer.from(new ArrayBuffer(bytes.length));
  bytes.copy(copy);
  return copy;
}
function stringsFromRaw(n, bytes, what) {
  const out = [];
  let at = 0;
  while (at < bytes.length) {
    if (out.length === n)
      throw new BadRequest(
        `${what} holds more than the ${n} BYTES elements its shape says (${bytes.length - at} bytes left over)`
      );
    if (at + 4 > bytes.length)
      throw new BadRequest(
        `${what}: element ${out.length} has a truncated 4-byte length prefix at byte ${at}`
      );
    const length = bytes.readUInt32LE(at);
    at += 4;
    if (at + length > bytes.length)
      throw new BadRequest(
        `${what}: element ${out.length} says ${length} bytes, but only ${bytes.length - at} remain`
      );
    out.push(bytes.toString("utf8", at, at + length));
    at += length;
  }
  if (out.length !== n)
    throw new BadRequest(`${what} holds ${out.length} BYTES elements, but its shape says ${n}`);
  return out;
}
function toRaw(view) {
  const data = view.data;
  if (Array.isArray(data)) {
    const parts = [];
    for (let i = view.start; i < view.end; i++) {
      const s = Buffer.from(String(data[i]), "utf8");
      const length = Buffer.alloc(4);
      length.writeUInt32LE(s.length);
      parts.push(length, s);
    }
    return Buffer.concat(parts);
  }
  const typed = data;
  const size = typed.BYTES_PER_ELEMENT;
  return Buffer.from(
    typed.buffer,
    typed.byteOffset + view.start * size,
    (view.end - view.start) * size
  );
}
function toArray(view) {
  const out = new Array(view.end - view.start);
  const data = view.data;
  for (let i = view.start; i < view.end; i++) {
    const v = data[i];
    out[i - view.start] = typeof v === "bigint" ? v.toString() : v;
  }
  return out;
}
function elementCount(dims, what) {
  let n = 1;
  for (const d of dims) n *= d;
  if (!Number.isSafeInteger(n))
    throw new BadRequest(`${what}: shape [${dims.join(", ")}] has too many elements`);
  return n;
}
function parseDims(raw, what) {
  if (raw.length > 32) throw new BadRequest(`${what}: ${raw.length} dimensions; at most 32`);
  return raw.map((d, i) => {
    const n = typeof d === "object" ? d.toNumber() : Number(d);
    if (!Number.isSafeInteger(n) || n < 0)
      throw new BadRequest(
        `${what}: dimension ${i} is ${String(d)}; dimensions are non-negative integers`
      );
    return n;
  });
}

// serving/grpc/kserve.ts
var FIELD_OF = {
  bool: "bool_contents",
  int8: "int_contents",
  int16: "int_contents",
  int32: "int_contents",
  int64: "int64_contents",
  uint8: "uint_contents",
  uint16: "uint_contents",
  uint32: "uint_contents",
  uint64: "uint64_contents",
  float32: "fp32_contents",
  float64: "fp64_contents",
  string: "bytes_contents"
};
function typedInput(spec, n, contents) {
  const field = FIELD_OF[spec.type];
  const given = Object.entries(contents ?? {}).filter(([, v]) => Array.isArray(v) && v.length > 0);
  if (!field)
    throw new BadRequest(
      `input '${spec.name}': ${toV2Datatype(spec.type)} has no typed contents field: send it in raw_input_contents`
    );
  const other = given.find(([k]) => k !== field);
  if (other)
    throw new BadRequest(
      `input '${spec.name}' is ${toV2Datatype(spec.type)}: its data goes in contents.${field}, not contents.${other[0]}`
    );
  let values = contents?.[field] ?? [];
  if (values.length !== n)
    throw new BadRequest(
      `input '${spec.name}': contents.${field} has ${values.length} elements but its shape needs ${n}`
    );
  if (spec.type === "string") values = values.map((b) => b.toString("utf8"));
  else if (field === "int64_contents" || field === "uint64_contents") values = values.map(String);
  return toTypedData(spec, values);
}
function feedsOf(model, request) {
  const raw = request.raw_input_contents;
  if (raw.length > 0 && raw.length !== request.inputs.length)
    throw new BadRequest(
      `raw_input_contents has ${raw.length} entries for ${request.inputs.length} inputs: send one per input, in the order of inputs`
    );
  const feeds = {};
  request.inputs.forEach((input, i) => {
    const spec = model.inputs.find((s) => s.name === input.name);
    if (!spec)
      throw new BadRequest(
        `unexpected inference input '${input.name.slice(0, 64)}' for model '${model.name}': it takes ${model.inputs.map((s) => `'${s.name}' (${toV2Datatype(s.type)})`).join(", ")}`
      );
    if (Object.hasOwn(feeds, spec.name))
      throw new BadRequest(`input '${spec.name}' is given twice`);
    if (fromV2Datatype(input.datatype) !== spec.type)
      throw new BadRequest(
        `input '${spec.name}': wrong datatype: expected ${toV2Datatype(spec.type)}, received ${input.datatype.slice(0, 16)}`
      );
    const dims = parseDims(input.shape, `input '${spec.name}'`);
    checkShape(spec, dims);
    const n = elementCount(dims, `input '${spec.name}'`);
    if (raw.length > 0 && Object.values(input.contents ?? {}).some((v) => v.length > 0))
      throw new BadRequest(
        `input '${spec.name}' has contents while the request has raw_input_contents: send every input one way`
      );
    const data = raw.length > 0 ? fromRaw(spec.type, n, raw[i], `raw_input_contents[${i}] (input '${spec.name}')`) : typedInput(spec, n, input.contents);
    feeds[spec.name] = { type: spec.type, data, dims };
  });
  for (const spec of model.inputs)
    if (!Object.hasOwn(feeds, spec.name))
      throw new BadRequest(`missing input '${spec.name}' (${toV2Datatype(spec.type)})`);
  return feeds;
}
async function infer(models, request, info, shadow) {
  const model = models.acquire(
    request.model_name,
    requestedVersion(request.model_name, request.model_version)
  );
  info.model = model.name;
  info.version = String(model.version);
  try {
    const feeds = feedsOf(model, request);
    const names = request.outputs.length > 0 ? request.outputs.map((o) => o.name) : model.outputs.map((s) => s.name);
    for (const name of names)
      if (!model.outputs.some((s) => s.name === name))
        throw new BadRequest(
          `unexpected inference output '${name.slice(0, 64)}' for model '${model.name}': it has ${model.outputs.map((s) => `'${s.name}'`).join(", ")}`
        );
    const outputs = await runModel(model, feeds, shadow);
    if (request.raw_input_contents.length > 0)
      return new InferResponseParts(
        rawHead(model, names, outputs),
        request.id ?? "",
        names.map((n) => toRaw(outputs[n]))
      );
    const tensors = names.map((name) => {
      const view = outputs[name];
      const type = model.outputs.find((s) => s.name === name).type;
      const tensor = {
        name,
        datatype: toV2Datatype(type),
        shape: view.dims
      };
      const field = FIELD_OF[type];
      if (!field)
        throw new BadRequest(
          `output '${name}' is FP16, which only raw_output_contents carries: send the inputs raw`
        );
      const values = toArray(view);
      tensor.contents = {
        [field]: type === "string" ? values.map((s) => Buffer.from(String(s))) : values
      };
      return tensor;
    });
    return {
      model_name: model.name,
      model_version: String(model.version),
      id: request.id ?? "",
      outputs: tensors
    };
  } finally {
    model.release();
  }
}
var rawHeads = /* @__PURE__ */ new WeakMap();
function rawHead(model, names, outputs) {
  const last = rawHeads.get(model);
  if (last && last.names.length === names.length && names.every((name, i) => name === last.names[i] && sameDims(outputs[name].dims, last.dims[i])))
    return last.bytes;
  const dims = names.map((name) => outputs[name].dims);
  const bytes = loadProtos().modelInfer.response.encode({
    model_name: model.name,
    model_version: String(model.version),
    outputs: names.map((name, i) => ({
      name,
      datatype: toV2Datatype(model.outputs.find((s) => s.name === name).type),
      shape: dims[i]
    }))
  });
  rawHeads.set(model, { names, dims, bytes });
  return bytes;
}
function nameOf(req, method) {
  if (!req.name) throw new BadRequest(`${method}Request.name is missing: say which model`);
  return req.name;
}
function kserveService(o) {
  const p = "kserve-grpc";
  return {
    ServerLive: unary(o, p, () => ({ live: true })),
    ServerReady: unary(o, p, () => ({ ready: o.models.ready })),
    ServerMetadata: unary(o, p, () => ({
      name: o.serverName,
      version: o.serverVersion,
      extensions: []
    })),
    ModelReady: unary(o, p, (req, info) => {
      const entry = o.models.entry(nameOf(req, "ModelReady"));
      info.model = entry.name;
      const version = requestedVersion(entry.name, req.version);
      if (version === void 0) return { ready: o.models.latest(entry) !== void 0 };
      const v = entry.versions.get(version);
      if (!v) throw new NotFound(`model '${entry.name}' has no version ${version}`);
      info.version = String(version);
      return { ready: v.state === "AVAILABLE" };
    }),
    ModelMetadata: unary(o, p, (req, info) => {
      const name = nameOf(req, "ModelMetadata");
      const model = o.models.acquire(name, requestedVersion(name, req.version));
      try {
        info.model = model.name;
        info.version = String(model.version);
        const versions = [...o.models.entry(model.name).versions.values()].filter((v) => v.state === "AVAILABLE").map((v) => v.version).sort((a, b) => a - b).map(String);
        return {
          name: model.name,
          versions,
          platform: "onnxruntime_onnx",
          inputs: model.inputs.map(v2TensorMeta),
          outputs: model.outputs.map(v2TensorMeta)
        };
      } finally {
        model.release();
      }
    }),
    ModelInfer: unary(o, p, (req, info) => infer(o.models, req, info, o.shadow))
  };
}

// serving/grpc/reflection.ts
import { ReflectionService } from "@grpc/reflection";
import descriptor from "protobufjs/ext/descriptor/index.js";
function entryName(field) {
  return `${field.replace(/(?:^|_)([a-z0-9])/g, (_m, c) => c.toUpperCase())}Entry`;
}
function renameMapEntries(message) {
  for (const nested of message.nestedType ?? []) {
    renameMapEntries(nested);
    if (!nested.options?.mapEntry) continue;
    const old = nested.name ?? "";
    const field = message.field?.find((f) => f.typeName === old || f.typeName?.endsWith(`.${old}`));
    if (!field?.name) continue;
    nested.name = entryName(field.name);
    field.typeName = field.typeName.slice(0, field.typeName.length - old.length) + nested.name;
  }
}
function symbolsOf(files) {
  const owner = /* @__PURE__ */ new Map();
  const visit = (prefix, file, message) => {
    const name = `${prefix}${message.name}`;
    owner.set(name, file);
    for (const e of message.enumType ?? []) owner.set(`${name}.${e.name}`, file);
    for (const n of message.nestedType ?? []) visit(`${name}.`, file, n);
  };
  for (const f of files) {
    const prefix = f.package ? `${f.package}.` : "";
    for (const m of f.messageType ?? []) visit(prefix, f.name, m);
    for (const e of f.enumType ?? []) owner.set(`${prefix}${e.name}`, f.name);
  }
  return owner;
}
function resolve(owner, ref, scope) {
  if (ref.startsWith(".")) return owner.get(ref.slice(1));
  let at = scope;
  for (; ; ) {
    const found = owner.get(at ? `${at}.${ref}` : ref);
    if (found || !at) return found;
    at = at.includes(".") ? at.slice(0, at.lastIndexOf(".")) : "";
  }
}
function referencesOf(file) {
  const out = [];
  const visit = (scope, message) => {
    const inner = scope ? `${scope}.${message.name}` : message.name;
    for (const f of message.field ?? [])
      if (f.typeName) out.push({ ref: f.typeName, scope: inner });
    for (const n of message.nestedType ?? []) visit(inner, n);
  };
  for (const m of file.messageType ?? []) visit(file.package ?? "", m);
  for (const s of file.service ?? [])
    for (const m of s.method ?? [])
      out.push(
        { ref: m.inputType, scope: file.package ?? "" },
        { ref: m.outputType, scope: file.package ?? "" }
      );
  return out;
}
function reflectionService(definition) {
  const files = /* @__PURE__ */ new Map();
  for (const entry of Object.values(definition)) {
    for (const bytes of entry.fileDescriptorProtos ?? []) {
      const file = descriptor.FileDescriptorProto.decode(bytes);
      if (file.name && !files.has(file.name)) files.set(file.name, file);
    }
  }
  const owner = symbolsOf([...files.values()]);
  for (const file of files.values()) {
    for (const m of file.messageType ?? []) renameMapEntries(m);
    const deps = /* @__PURE__ */ new Set();
    for (const { ref, scope } of referencesOf(file)) {
      const dep = resolve(owner, ref, scope);
      if (dep && dep !== file.name) deps.add(dep);
    }
    file.dependency = [...deps].sort();
  }
  const encoded = [...files.values()].map(
    (f) => Buffer.from(descriptor.FileDescriptorProto.encode(f).finish())
  );
  return new ReflectionService({
    files: { fileDescriptorProtos: encoded }
  });
}

// serving/grpc/tfserving.ts
import { status as status4 } from "@grpc/grpc-js";

// serving/grpc/tensor-proto.ts
var FIELD_OF2 = {
  bool: "bool_val",
  int8: "int_val",
  uint8: "int_val",
  int16: "int_val",
  uint16: "int_val",
  int32: "int_val",
  uint32: "uint32_val",
  int64: "int64_val",
  uint64: "uint64_val",
  float16: "half_val",
  float32: "float_val",
  float64: "double_val",
  string: "string_val"
};
var VAL_FIELDS = [...new Set(Object.values(FIELD_OF2))];
function dimsOf(spec, proto) {
  const shape = proto.tensor_shape;
  if (!shape || shape.unknown_rank)
    throw new BadRequest(
      `input '${spec.name}': the TensorProto has no tensor_shape: send its dimensions (e.g. tf.make_tensor_proto does)`
    );
  return parseDims(
    shape.dim.map((d) => d.size ?? "0"),
    `input '${spec.name}'`
  );
}
function fromTensorProto(spec, proto) {
  const dtype = toTfDtype(spec.type);
  if (proto.dtype !== dtype)
    throw new BadRequest(
      `input '${spec.name}': wrong dtype: expected ${dtype}, received ${String(proto.dtype ?? "DT_INVALID").slice(0, 24)}`
    );
  const dims = dimsOf(spec, proto);
  checkShape(spec, dims);
  const n = elementCount(dims, `input '${spec.name}'`);
  const field = FIELD_OF2[spec.type];
  const content = proto.tensor_content;
  if (content && content.length > 0 && spec.type !== "string") {
    return {
      type: spec.type,
      data: fromRaw(spec.type, n, content, `input '${spec.name}': tensor_content`),
      dims
    };
  }
  const other = VAL_FIELDS.find((f) => f !== field && proto[f].length > 0);
  if (other)
    throw new BadRequest(
      `input '${spec.name}' is ${dtype}: its values go in ${field} (or tensor_content), not ${other}`
    );
  const values = proto[field];
  if (values.length === 0 && n > 0)
    throw new BadRequest(
      `input '${spec.name}': no values: send ${n} in ${field} or tensor_content`
    );
  if (values.length > n)
    throw new BadRequest(
      `input '${spec.name}': ${field} has ${values.length} values but shape [${dims.join(", ")}] holds ${n}`
    );
  const filled = values.length === n ? values : [...values, ...new Array(n - values.length).fill(values.at(-1))];
  if (spec.type === "float16") {
    const bits = new Uint16Array(n);
    for (let i = 0; i < n; i++) bits[i] = Number(filled[i]) & 65535;
    return { type: spec.type, data: bits, dims };
  }
  const plain = spec.type === "string" ? filled.map((b) => b.toString("utf8")) : filled;
  return { type: spec.type, data: toTypedData(spec, plain), dims };
}
function toTensorProto(type, view, raw) {
  const proto = {
    dtype: toTfDtype(type),
    tensor_shape: { dim: view.dims.map((size) => ({ size })) }
  };
  if (type === "string")
    proto.string_val = toArray(view).map((s) => Buffer.from(String(s), "utf8"));
  else if (raw) proto.tensor_content = toRaw(view);
  else {
    const values = toArray(view);
    proto[FIELD_OF2[type]] = type === "bool" ? values.map((v) => v !== 0 && v !== false) : values;
  }
  return proto;
}

// serving/grpc/tfserving.ts
var SIGNATURE = "serving_default";
var SIGNATURE_DEF_MAP = "type.googleapis.com/tensorflow.serving.SignatureDefMap";
function nameOf2(spec) {
  if (!spec?.name) throw new BadRequest("model_spec.name is missing: say which model to use");
  return spec.name;
}
function acquire(models, spec, info) {
  const name = nameOf2(spec);
  const version = spec?.version?.value;
  let number;
  if (version !== void 0) {
    number = Number(version);
    if (!Number.isSafeInteger(number) || number < 0)
      throw new NotFound(
        `Servable not found for request: model '${name}' version ${version.slice(0, 24)}`
      );
  }
  const model = models.acquire(name, number, spec?.version_label || void 0);
  info.model = model.name;
  info.version = String(model.version);
  const signature = spec?.signature_name;
  if (signature && signature !== SIGNATURE) {
    model.release();
    throw new BadRequest(
      `Serving signature name: "${signature.slice(0, 64)}" not found in signature def (this model has only "${SIGNATURE}")`
    );
  }
  return model;
}
function specOf(model) {
  return { name: model.name, version: { value: String(model.version) }, signature_name: SIGNATURE };
}
function tensorInfo(s) {
  return {
    name: s.name,
    dtype: toTfDtype(s.type),
    tensor_shape: { dim: s.shape.map((d) => ({ size: typeof d === "number" ? d : -1 })) }
  };
}
async function predict(models, req, info, shadow) {
  const model = acquire(models, req.model_spec, info);
  try {
    const feeds = {};
    const given = req.inputs;
    for (const name of Object.keys(given))
      if (!model.inputs.some((s) => s.name === name))
        throw new BadRequest(
          `input '${name.slice(0, 64)}' is not in the signature: model '${model.name}' takes ${model.inputs.map((s) => `'${s.name}'`).join(", ")}`
        );
    let raw = true;
    for (const spec of model.inputs) {
      const proto = given[spec.name];
      if (!proto) throw new BadRequest(`missing input '${spec.name}' (${toTfDtype(spec.type)})`);
      if (spec.type !== "string" && !(proto.tensor_content && proto.tensor_content.length > 0))
        raw = false;
      feeds[spec.name] = fromTensorProto(spec, proto);
    }
    const names = req.output_filter.length > 0 ? req.output_filter : model.outputs.map((s) => s.name);
    for (const name of names)
      if (!model.outputs.some((s) => s.name === name))
        throw new BadRequest(
          `output_filter names '${name.slice(0, 64)}', which is not in the signature: model '${model.name}' has ${model.outputs.map((s) => `'${s.name}'`).join(", ")}`
        );
    const outputs = await runModel(model, feeds, shadow);
    const tensors = {};
    for (const name of names) {
      const type = model.outputs.find((s) => s.name === name).type;
      tensors[name] = toTensorProto(type, outputs[name], raw);
    }
    return { model_spec: specOf(model), outputs: tensors };
  } finally {
    model.release();
  }
}
function predictionService(o) {
  const p = "tfserving-grpc";
  const onlyPredict = (rpc) => unary(o, p, () => {
    throw new GrpcError(
      status4.UNIMPLEMENTED,
      `${rpc} takes tf.Example inputs, which ONNX models do not have: use Predict`
    );
  });
  return {
    Predict: unary(o, p, (req, info) => predict(o.models, req, info, o.shadow)),
    GetModelMetadata: unary(
      o,
      p,
      (req, info) => {
        const unsupported = req.metadata_field.find((f) => f !== "signature_def");
        if (req.metadata_field.length === 0 || unsupported !== void 0)
          throw new BadRequest(
            `metadata_field must be ["signature_def"]${unsupported === void 0 ? "" : `: '${unsupported.slice(0, 32)}' is not supported`}`
          );
        const model = acquire(o.models, req.model_spec, info);
        try {
          const map = {
            signature_def: {
              [SIGNATURE]: {
                inputs: Object.fromEntries(model.inputs.map((s) => [s.name, tensorInfo(s)])),
                outputs: Object.fromEntries(model.outputs.map((s) => [s.name, tensorInfo(s)])),
                method_name: "tensorflow/serving/predict"
              }
            }
          };
          return {
            model_spec: specOf(model),
            metadata: {
              signature_def: { type_url: SIGNATURE_DEF_MAP, value: o.encodeSignatureDefMap(map) }
            }
          };
        } finally {
          model.release();
        }
      }
    ),
    Classify: onlyPredict("Classify"),
    Regress: onlyPredict("Regress"),
    MultiInference: onlyPredict("MultiInference")
  };
}
function modelService(o) {
  return {
    GetModelStatus: unary(o, "tfserving-grpc", (req, info) => {
      const entry = o.models.entry(nameOf2(req.model_spec));
      info.model = entry.name;
      const label = req.model_spec?.version_label;
      const raw = req.model_spec?.version?.value;
      const version = label ? o.models.labelled(entry, label) : raw === void 0 ? void 0 : Number(raw);
      const versions = [...entry.versions.values()].filter((v) => version === void 0 || v.version === version).sort((a, b) => b.version - a.version).map((v) => ({
        version: v.version,
        state: v.state,
        status: { error_code: v.error ? "UNKNOWN" : "OK", error_message: v.error ?? "" }
      }));
      if (version !== void 0 && versions.length === 0)
        throw new NotFound(`Could not find version ${version} of model '${entry.name}'`);
      return { model_version_status: versions };
    }),
    HandleReloadConfigRequest: unary(o, "tfserving-grpc", () => {
      throw new GrpcError(
        status4.UNIMPLEMENTED,
        "the model repository is reloaded from disk: add or remove version directories instead of sending a config"
      );
    })
  };
}

// serving/grpc/server.ts
function tolerant(definition, name, codecs = {}) {
  const service = definition[name];
  const out = {};
  for (const [method, m] of Object.entries(service)) {
    const type = m.path.split("/")[1] ?? name;
    const codec = codecs[method];
    const decode = (bytes) => codec ? codec.request.decode(bytes) : m.requestDeserialize(bytes);
    out[method] = {
      ...m,
      ...codec ? { responseSerialize: (value) => codec.response.encode(value) } : {},
      requestDeserialize: (bytes) => {
        try {
          return decode(bytes);
        } catch (err) {
          return new Malformed(
            `the request is not a valid ${method} message of ${type} (${err.message}): send a serialized protobuf of the service's request type`
          );
        }
      }
    };
  }
  return out;
}
function fastMethods(services) {
  const out = [];
  for (const [definition, implementation] of services)
    for (const [name, m] of Object.entries(definition)) {
      const handler = implementation[name];
      if (m.requestStream || m.responseStream || typeof handler !== "function") continue;
      out.push({
        path: m.path,
        decode: m.requestDeserialize,
        encode: m.responseSerialize,
        handler
      });
    }
  return out;
}
async function startGrpcServer(opts) {
  const protos = loadProtos();
  const server = new Server({
    "grpc.max_receive_message_length": opts.maxMessageBytes,
    "grpc.max_send_message_length": opts.maxMessageBytes,
    // Channelz keeps per-call counters and traces that nothing here reads.
    "grpc.enable_channelz": 0
  });
  const ctx = { models: opts.models, metrics: opts.metrics, log: opts.log, shadow: opts.shadow };
  const def = protos.definition;
  const tf = { ...ctx, encodeSignatureDefMap: protos.encodeSignatureDefMap };
  const services = [
    [
      tolerant(def, "inference.GRPCInferenceService", { ModelInfer: protos.modelInfer }),
      kserveService({ ...ctx, serverName: opts.serverName, serverVersion: opts.serverVersion })
    ],
    [tolerant(def, "tensorflow.serving.PredictionService"), predictionService(tf)],
    [tolerant(def, "tensorflow.serving.ModelService"), modelService(tf)],
    [tolerant(def, "grpc.health.v1.Health"), healthService(ctx)]
  ];
  for (const [definition, implementation] of services)
    server.addService(definition, implementation);
  reflectionService(def).addToServer(server);
  const forwarder = forwarderTo(server);
  const front = await listenFront({
    port: opts.port,
    host: opts.host,
    maxMessageBytes: opts.maxMessageBytes,
    methods: fastMethods(services),
    forwarder
  }).catch((err) => {
    forwarder.close();
    server.forceShutdown();
    throw err;
  });
  return {
    port: front.port,
    close: async (graceMs = 1e4) => {
      await front.close(graceMs);
      forwarder.close();
      await new Promise((resolve2) => {
        const timer = setTimeout(() => {
          server.forceShutdown();
          resolve2();
        }, graceMs);
        server.tryShutdown(() => {
          clearTimeout(timer);
          resolve2();
        });
      });
    }
  };
}
export {
  startGrpcServer
};
//# sourceMappingURL=server-NCUDOKL6.js.map
