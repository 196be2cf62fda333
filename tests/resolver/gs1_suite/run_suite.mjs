// Run GS1's resolver test suite (github.com/gs1/GS1DL-resolver-testsuite) headless under
// Node, against a running resolver, and print its results as JSON.
//
//   node run_suite.mjs SUITE_DIR RESOLVER_URL DL_URI SCHEMAS_DIR LINKTYPES_JSON
//
// SUITE_DIR is a checkout of GS1's suite (not part of this project: fetch it yourself);
// its GS1DigitalLinkToolkit.js and GS1DigitalLinkResolverTestSuite.js run unchanged in a VM
// context. What the browser page and its PHP helper (tester.php) would do is done here:
// the helper's getAllHeaders / getLinksetHeaders / getCorsHeaders / getLinkset /
// getHTTPversion requests go to RESOLVER_URL (the DL_URI's host is the resolver's public
// domain; requests for it are sent to RESOLVER_URL), the two JSON schemas come from
// SCHEMAS_DIR (GS1's published files, kept as test data) and the ratified link-type list from
// LINKTYPES_JSON. Needs the `ajv` package (NODE_PATH or a local node_modules).

import fs from "node:fs";
import http from "node:http";
import https from "node:https";
import path from "node:path";
import vm from "node:vm";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const [suiteDir, resolverUrl, dl, schemasDir, linkTypesFile] = process.argv.slice(2);
const Ajv = require("ajv");

const TESTER = "https://philarcher.org/gs1/tester.php";
const LOCAL = {
  "https://ref.gs1.org/standards/resolver/description-file-schema": path.join(
    schemasDir,
    "gs1-resolver-description-file-schema.json",
  ),
  "https://gs1.github.io/linkset/gs1-linkset-schema.json": path.join(
    schemasDir,
    "gs1-linkset-schema.json",
  ),
  "https://ref.gs1.org/voc/data/linktypes": linkTypesFile,
};
const dlHost = new URL(dl).host;
const resolver = new URL(resolverUrl);

// One request to the resolver; headers as PHP's parseHeadersToArray gives them.
function call(uri, method, headers) {
  const target = new URL(uri);
  const client = resolver.protocol === "https:" ? https : http;
  return new Promise((resolve, reject) => {
    const req = client.request(
      {
        host: resolver.hostname,
        port: resolver.port,
        method,
        path: target.pathname + target.search,
        headers: { host: target.host, ...headers },
        rejectUnauthorized: false,
      },
      (res) => {
        const chunks = [];
        res.on("data", (c) => chunks.push(c));
        res.on("end", () => {
          const out = { 0: `HTTP/${res.httpVersion} ${res.statusCode} ${res.statusMessage}` };
          for (const [k, v] of Object.entries(res.headers)) out[k] = Array.isArray(v) ? v.at(-1) : v;
          resolve({ status: res.statusCode, msg: res.statusMessage, headers: out,
                    body: Buffer.concat(chunks).toString("utf8"), version: res.httpVersion });
        });
      },
    );
    req.on("error", reject);
    req.end();
  });
}

const ORIGIN = { Origin: "https://ref.gs1.org/test-suites/resolver/" };

async function tester(query) {
  const params = new URLSearchParams(query);
  const test = params.get("test");
  const testVal = params.get("testVal");
  if (!testVal || !testVal.startsWith("https://")) return { error: "No valid command received" };
  const summary = (r) => ({ uri: testVal, httpCode: r.status, httpMsg: r.msg, ...r.headers });
  if (test === "getHTTPversion") {
    const r = await call(testVal, "HEAD", ORIGIN);
    return { test, testVal, result: `HTTP/${r.version}` };
  }
  if (test === "getAllHeaders") {
    const headers = { ...ORIGIN };
    if (params.has("mediaType")) headers.Accept = params.get("mediaType");
    if (params.has("lang")) headers["Accept-Language"] = params.get("lang");
    return { test, testVal, result: summary(await call(testVal, "GET", headers)) };
  }
  if (test === "getLinksetHeaders") {
    const headers = { ...ORIGIN, Accept: "application/linkset+json", "Accept-Language": "" };
    return { test, testVal, result: summary(await call(testVal, "GET", headers)) };
  }
  if (test === "getCorsHeaders") {
    const headers = { ...ORIGIN, "Access-Control-Request-Method": "GET,HEAD,OPTIONS" };
    return { test, testVal, result: summary(await call(testVal, "OPTIONS", headers)) };
  }
  if (test === "getLinkset") {
    const r = await call(testVal, "GET", { ...ORIGIN, Accept: "application/linkset+json" });
    const result = JSON.stringify({ uri: testVal, httpCode: r.status, httpMsg: r.msg,
                                    headers: r.headers, responseBody: encodeURIComponent(r.body) });
    return { test, testVal, result };
  }
  return { error: "Invalid test command" };
}

function jsonResponse(value, status = 200) {
  return new Response(JSON.stringify(value), {
    status,
    headers: { "content-type": "application/json" },
  });
}

async function fakeFetch(input, init = {}) {
  const url = typeof input === "string" ? input : input.url;
  if (url.startsWith(TESTER + "?")) return jsonResponse(await tester(url.slice(TESTER.length + 1)));
  if (LOCAL[url]) return jsonResponse(JSON.parse(fs.readFileSync(LOCAL[url], "utf8")));
  const target = new URL(url);
  if (target.host === dlHost) {
    const headers = {};
    const given = typeof input === "string" ? init.headers : input.headers;
    if (given) for (const [k, v] of new Headers(given)) headers[k] = v;
    const r = await call(url, (typeof input === "string" ? init.method : input.method) || "GET", headers);
    return new Response(r.status === 204 || r.status === 304 ? null : r.body, {
      status: r.status,
      headers: Object.fromEntries(Object.entries(r.headers).filter(([k]) => k !== "0")),
    });
  }
  throw new Error(`no network in this run: ${url}`);
}

// Just enough of a DOM for the suite's output functions.
function element() {
  return {
    style: {}, className: "", innerHTML: "", children: [],
    appendChild(c) { this.children.push(c); return c; },
    prepend(c) { this.children.unshift(c); },
    remove() {},
  };
}
const elements = {};
const document = {
  getElementById: (id) => (elements[id] ??= element()),
  createElement: () => element(),
  createTextNode: (text) => ({ text }),
};

const context = vm.createContext({
  console: { log() {}, error() {}, warn() {} },
  document,
  window: { ajv7: Ajv },
  location: { href: "http://localhost/?" },
  fetch: fakeFetch,
  Request, Headers, Response, URL, URLSearchParams,
  setTimeout, clearTimeout,
});
for (const name of ["GS1DigitalLinkToolkit.js", "GS1DigitalLinkResolverTestSuite.js"]) {
  vm.runInContext(fs.readFileSync(path.join(suiteDir, name), "utf8"), context, { filename: name });
}
await vm.runInContext(`testDL(${JSON.stringify(dl)})`, context);
await new Promise((r) => setTimeout(r, 1500)); // TLSCheck and rdFileCheck are not awaited
const results = vm.runInContext("resultsArray", context).map((r) => ({
  id: r.id, status: r.status, msg: r.msg,
}));
process.stdout.write(JSON.stringify(results, null, 1) + "\n");
