// Trunk's post_build hook: Trunk starts the app with a small inline module
// script, which a strict Content-Security-Policy only runs if the policy
// names its hash. This replaces the placeholder CSP_INLINE_SCRIPT_HASHES in
// the staged index.html with the SHA-256 of every inline script, so the
// policy never needs 'unsafe-inline'.
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const dir = process.env.TRUNK_STAGING_DIR ?? process.argv[2];
if (!dir) {
  console.error("csp-hash: TRUNK_STAGING_DIR is not set");
  process.exit(1);
}
const file = join(dir, "index.html");
const html = readFileSync(file, "utf8");
const hashes = [];
for (const m of html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)) {
  hashes.push(`'sha256-${createHash("sha256").update(m[1], "utf8").digest("base64")}'`);
}
if (!html.includes("CSP_INLINE_SCRIPT_HASHES")) {
  console.error("csp-hash: the placeholder is missing from index.html");
  process.exit(1);
}
writeFileSync(file, html.replace("CSP_INLINE_SCRIPT_HASHES", hashes.join(" ")));
console.log(`csp-hash: ${hashes.length} inline script(s) hashed`);
