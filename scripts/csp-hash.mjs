// Trunk's post_build hook. Two things in the page are inline: Trunk's small
// module script that starts the app, and the style sheets, which Trunk
// inlines (rel="inline") so the first paint waits for no extra request. A
// strict Content-Security-Policy runs or applies them only if it names their
// hashes. This replaces the placeholders CSP_INLINE_SCRIPT_HASHES and
// CSP_INLINE_STYLE_HASHES in the staged index.html with the SHA-256 of every
// inline <script> and <style>, so the policy never needs 'unsafe-inline'.
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const dir = process.env.TRUNK_STAGING_DIR ?? process.argv[2];
if (!dir) {
  console.error("csp-hash: TRUNK_STAGING_DIR is not set");
  process.exit(1);
}
const file = join(dir, "index.html");
let html = readFileSync(file, "utf8");
const sha256 = (text) => `'sha256-${createHash("sha256").update(text, "utf8").digest("base64")}'`;
const kinds = [
  { placeholder: "CSP_INLINE_SCRIPT_HASHES", pattern: /<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g, what: "script" },
  { placeholder: "CSP_INLINE_STYLE_HASHES", pattern: /<style[^>]*>([\s\S]*?)<\/style>/g, what: "style sheet" },
];
const counts = [];
for (const { placeholder, pattern, what } of kinds) {
  if (!html.includes(placeholder)) {
    console.error(`csp-hash: the placeholder ${placeholder} is missing from index.html`);
    process.exit(1);
  }
  const hashes = [...html.matchAll(pattern)].map((m) => sha256(m[1]));
  html = html.replace(placeholder, hashes.join(" "));
  counts.push(`${hashes.length} inline ${what}(s)`);
}
writeFileSync(file, html);
console.log(`csp-hash: ${counts.join(" and ")} hashed`);
