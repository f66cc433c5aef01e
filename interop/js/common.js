"use strict";
// Shared helpers of the rsocket-js interop peers: composite metadata with a
// routing entry, route extraction, and one-JSON-object-per-line output.
const {
  encodeCompositeMetadata,
  decodeCompositeMetadata,
  encodeRoute,
  decodeRoutes,
  WellKnownMimeType,
} = require("rsocket-composite-metadata");

const COMPOSITE = WellKnownMimeType.MESSAGE_RSOCKET_COMPOSITE_METADATA.string;
const ROUTING = WellKnownMimeType.MESSAGE_RSOCKET_ROUTING.string;

function routeMetadata(route) {
  return encodeCompositeMetadata([[WellKnownMimeType.MESSAGE_RSOCKET_ROUTING, encodeRoute(route)]]);
}

function routeOf(metadata) {
  if (!metadata) return "";
  for (const entry of decodeCompositeMetadata(metadata)) {
    if (entry.mimeType === ROUTING) {
      for (const route of decodeRoutes(entry.content)) return route;
    }
  }
  return "";
}

function emit(obj) {
  process.stdout.write(JSON.stringify(obj) + "\n");
}

function str(buf) {
  return buf ? buf.toString("utf8") : null;
}

module.exports = { COMPOSITE, ROUTING, routeMetadata, routeOf, emit, str };
