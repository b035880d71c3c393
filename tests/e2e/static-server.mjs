// A minimal static host for the end-to-end tests: serves a folder under a
// sub-path (e.g. /session-lab/) with the MIME types a browser insists on
// (application/wasm for streaming compilation). No dependencies, no caching.
import { createServer } from "node:http";
import { readFile } from "node:fs/promises";
import { extname, join, normalize } from "node:path";

const [root = "dist", port = "8391", base = "/session-lab/"] = process.argv.slice(2);
const types = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".wasm": "application/wasm",
  ".svg": "image/svg+xml",
  ".json": "application/json",
};

createServer(async (req, res) => {
  const path = decodeURIComponent(new URL(req.url, "http://x").pathname);
  if (!path.startsWith(base)) {
    res.writeHead(404).end("not under " + base);
    return;
  }
  let rel = normalize(path.slice(base.length));
  if (rel.startsWith("..")) {
    res.writeHead(403).end();
    return;
  }
  if (rel === "." || rel === "" || rel.endsWith("/")) rel = join(rel, "index.html");
  try {
    const body = await readFile(join(root, rel));
    res.writeHead(200, { "content-type": types[extname(rel)] ?? "application/octet-stream" });
    res.end(body);
  } catch {
    res.writeHead(404).end("not found");
  }
}).listen(Number(port), "127.0.0.1");
