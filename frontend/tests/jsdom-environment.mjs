/**
 * jsdom, plus Node's own fetch API, which jsdom does not have: the Better Auth client and the API
 * client call `fetch`, and the tests answer it with Node's Request and Response (tests/fetch-mock.ts).
 * Node's AbortController comes along, so that a signal handed to Node's Request is one it accepts.
 */
import { TestEnvironment } from "jest-environment-jsdom";

const FROM_NODE = [
  "fetch",
  "Request",
  "Response",
  "Headers",
  "ReadableStream",
  "TextEncoder",
  "TextDecoder",
  "structuredClone",
  "BroadcastChannel",
  "AbortController",
  "AbortSignal",
];

export default class JsdomWithFetch extends TestEnvironment {
  constructor(config, context) {
    super(config, context);
    for (const name of FROM_NODE) this.global[name] = globalThis[name];
  }
}
