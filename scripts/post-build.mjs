// Trunk's post_build hook, on the final (minified in release) index.html.
//
// 1. The WebAssembly starts compiling as soon as the page's head is read.
//    Trunk's loader fetches and compiles it only once its JavaScript has
//    loaded and the whole document has been parsed; when the file is
//    already there (a local server, the cache: a classroom), that is several
//    milliseconds of a cold load with the main thread waiting for nothing.
//    A small inline script now starts `WebAssembly.compileStreaming` first
//    thing, with the same subresource integrity as Trunk's preload (which it
//    replaces, so the file is requested once), and Trunk's loader is handed
//    the compiled module, which it instantiates at once. If that compile
//    fails (a host that serves .wasm with the wrong MIME type), the same
//    bytes are fetched and compiled the slow way, as wasm-bindgen's own
//    loader would.
//
// 2. The JavaScript glue goes inside the page, whole, and is compiled
//    before it is needed. Trunk's loader imports wasm-bindgen's glue from a
//    file of its own: one more request, on a second connection, while the
//    WebAssembly is still arriving, and on a busy machine that request
//    finished after the WebAssembly had compiled (docs/load-time.md).
//    The glue now sits in the loader's inline module script, so the page
//    makes two requests: itself and its WebAssembly.
//    The glue and the loader are minified together (terser).
//    The script starts with V8's compile hint: the functions it names
//    (all of them) are compiled at once, while the main thread waits for
//    the WebAssembly anyway, not one by one on their first call during the
//    first render. Other browsers ignore the comment.
//
// 3. Short import names. wasm-bindgen names each function the WebAssembly
//    imports from the glue by its JavaScript name and a hash
//    (`__wbg_addEventListener_f2d27251d333a631`), once in the module and once
//    in the glue. The hashes do not compress: the 136 names cost about 4 KB
//    of the gzip budget. Each becomes a short name (`a`, `b`, …, `ab`) in
//    both places (their module, "./session-lab_bg.js", becomes "m"), and
//    so do the module's exports but its memory (the glue reads them as
//    `wasm.name`); the module's integrity is computed again.
//
// 4. A strict Content-Security-Policy runs inline scripts and applies
//    inline styles only if it names their hashes: Trunk's loader, the
//    early compile above, and the style sheets Trunk inlines (rel="inline")
//    so the first paint waits for no extra request. This replaces the
//    placeholders CSP_INLINE_SCRIPT_HASHES and CSP_INLINE_STYLE_HASHES with
//    the SHA-256 of every inline <script> and <style>, so the policy never
//    needs 'unsafe-inline'.
import { createHash } from "node:crypto";
import { copyFileSync, mkdirSync, readFileSync, readdirSync, unlinkSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { minify } from "terser";

const dir = process.env.TRUNK_STAGING_DIR ?? process.argv[2];
const fail = (why) => {
  console.error(`post-build: ${why}`);
  process.exit(1);
};
if (!dir) fail("TRUNK_STAGING_DIR is not set");
const file = join(dir, "index.html");
let html = readFileSync(file, "utf8");

// To refresh the fixture of tests/post-build.test.mjs after a Trunk or
// wasm-bindgen upgrade: what Trunk gave this hook, saved before rewriting.
const save = process.env.SESSION_LAB_SAVE_TRUNK_OUTPUT;
if (save) {
  mkdirSync(save, { recursive: true });
  for (const name of readdirSync(dir).filter((f) => f === "index.html" || f.endsWith(".js"))) {
    copyFileSync(join(dir, name), join(save, name));
  }
}

// 1. Early compile. Attribute values are quoted in a debug build and bare
//    once minified; both are read.
const attr = (tag, name) => tag.match(new RegExp(`\\b${name}=(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`))?.slice(1).find((v) => v !== undefined);
const preload = html.match(/<link\b[^>]*\brel="?preload\b[^>]*>/g)?.find((tag) => /_bg\.wasm\b/.test(tag));
if (!preload) fail("Trunk's preload link for the .wasm is missing from index.html");
const wasmUrl = attr(preload, "href");
// 3. Short import names, in the module first: the early compile below needs
//    the integrity of the bytes that will be served.
const wasmPath = join(dir, basename(wasmUrl ?? ""));
const { imports: shortNames, exports: shortExports, module: glueModule } = shortenNames(wasmPath);
const integrity = reintegrity(attr(preload, "integrity"), readFileSync(wasmPath));
const loaderCall = /await init\(\{ module_or_path: (['"])([^'"]+_bg\.wasm)\1 \}\)/;
if (!wasmUrl || !loaderCall.test(html)) fail("Trunk's loader call await init({ module_or_path: ... }) is missing");
const options = JSON.stringify(integrity ? { integrity } : {});
const early =
  `window.__sessionLabModule=WebAssembly.compileStreaming(fetch(${JSON.stringify(wasmUrl)},${options}))` +
  `.catch(()=>fetch(${JSON.stringify(wasmUrl)},${options}).then(r=>r.arrayBuffer()).then(b=>WebAssembly.compile(b)));`;
html = html.replace(preload, "");
// The module is compiled by then: instantiated at once (wasm-bindgen's
// initSync), not in a task of its own that would wait its turn.
html = html.replace(loaderCall, "initSync({ module: await window.__sessionLabModule })");
// Right after the policy, which must come before anything it governs.
const csp = html.match(/<meta\b[^>]*http-equiv="?Content-Security-Policy"?[^>]*>/i);
if (!csp) fail("the Content-Security-Policy <meta> is missing from index.html");
html = html.replace(csp[0], `${csp[0]}<script id="early-compile">${early}</script>`);

// 2. The glue, inline.
const COMPILE_HINT = "//# allFunctionsCalledOnLoad\n";
const loaderScript = html.match(/<script type="?module"?>([\s\S]*?)<\/script>/);
const glueImport = /import init, \* as bindings from (['"])([^'"]+\.js)\1;/;
const gluePath = join(dir, basename(loaderScript?.[1].match(glueImport)?.[2] ?? ""));
if (!loaderScript || !glueImport.test(loaderScript[1])) fail("Trunk's loader script with its import of the glue is missing from index.html");
const glueExport = /\nexport \{ initSync, __wbg_init as default \};\s*$/;
let glue = readFileSync(gluePath, "utf8");
if (!glueExport.test(glue)) fail(`the glue ${basename(gluePath)} does not end in the export wasm-bindgen writes`);
glue = glue.replace(glueExport, "\n");
// What would not survive the move: a module statement of its own, or text
// that ends a <script> element early.
if (/^\s*(import|export)\b/m.test(glue)) fail("the glue has imports or exports besides the one expected");
if (/<\/script|<!--/i.test(glue)) fail("the glue contains text that cannot sit inside a <script> element");
// 3. The same short names in the glue, each where the glue defines it.
for (const [long, short] of shortNames) {
  const key = new RegExp(`(?<![\\w$])${long}(?=\\s*:)`, "g");
  const found = glue.match(key)?.length ?? 0;
  if (found !== 1) fail(`the glue defines the import ${long} ${found} times, not once`);
  glue = glue.replace(key, short);
}
// The module the imports come from, where the glue names it.
if (glueModule !== undefined) {
  const quoted = JSON.stringify(glueModule);
  if (glue.split(quoted).length !== 2) fail(`the glue does not name the module ${quoted} once`);
  glue = glue.replace(quoted, '"m"');
}
// The exports, wherever the glue reads them from the instance (`wasm.name`).
for (const [long, short] of shortExports) {
  glue = glue.replace(new RegExp(`(?<=\\bwasm\\.)${long}(?![\\w$])`, "g"), short);
}
let loader = loaderScript[1].replace(glueImport, "");
// The glue keeps the instance's exports in its own `wasm`.
for (const [from, to] of [
  ["const wasm = initSync(", "const started = initSync("],
  ["{detail: {wasm}}", "{detail: {wasm: started}}"],
]) {
  if (!loader.includes(from)) fail(`Trunk's loader no longer reads ${from}`);
  loader = loader.replace(from, to);
}
// Minified as one module (terser), the glue and the loader together, so
// names shared between them stay consistent: 1 KB less gzip than the glue's
// own text. The compile hint goes first, after minifying.
const minified = await minify(glue + "const bindings = { default: __wbg_init, initSync };\n" + loader.trim(), {
  module: true,
  format: { comments: false },
}).catch((e) => fail(`the loader did not minify: ${e.message ?? e}`));
const inlineLoader = COMPILE_HINT + minified.code;
html = html.replace(loaderScript[0], () => `<script type=module>${inlineLoader}</script>`);
const modulePreload = html.match(/<link\b[^>]*\brel="?modulepreload\b[^>]*>/)?.[0];
if (modulePreload) html = html.replace(modulePreload, "");
unlinkSync(gluePath);

// 4. Hashes for the policy.
const sha256 = (text) => `'sha256-${createHash("sha256").update(text, "utf8").digest("base64")}'`;
const kinds = [
  { placeholder: "CSP_INLINE_SCRIPT_HASHES", pattern: /<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g, what: "script" },
  { placeholder: "CSP_INLINE_STYLE_HASHES", pattern: /<style[^>]*>([\s\S]*?)<\/style>/g, what: "style sheet" },
];
const counts = [];
for (const { placeholder, pattern, what } of kinds) {
  if (!html.includes(placeholder)) fail(`the placeholder ${placeholder} is missing from index.html`);
  const hashes = [...html.matchAll(pattern)].map((m) => sha256(m[1]));
  html = html.replace(placeholder, hashes.join(" "));
  counts.push(`${hashes.length} inline ${what}(s)`);
}
writeFileSync(file, html);
console.log(`post-build: early compile of ${wasmUrl}; ${basename(gluePath)} inline; ${counts.join(" and ")} hashed`);

// A module's import and export names made short, in place: returns the
// [long, short] pairs of each. Reads and writes only the import and export
// sections (ids 2 and 7) of the binary format (WebAssembly core spec,
// 5.5.5 and 5.5.10); every other byte is copied as it is. Every export but
// the memory is renamed: the glue is the only reader of the others.
function shortenNames(path) {
  let bytes;
  try {
    bytes = readFileSync(path);
  } catch {
    fail(`the WebAssembly ${basename(path)} named by the preload is not in ${dirname(path)}`);
  }
  const leb = (at) => {
    let value = 0, shift = 0, byte;
    do {
      byte = bytes[at++];
      value += (byte & 0x7f) * 2 ** shift;
      shift += 7;
    } while (byte & 0x80);
    return [value, at];
  };
  const toLeb = (value) => {
    const out = [];
    do {
      let byte = value & 0x7f;
      value = Math.floor(value / 128);
      if (value) byte |= 0x80;
      out.push(byte);
    } while (value);
    return Buffer.from(out);
  };
  const name = (at) => {
    const [len, start] = leb(at);
    return [bytes.subarray(start, start + len), start + len];
  };
  // a, b, …, Z, then two letters: never a name the glue already uses.
  const letters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
  const shortName = (i) => (i < letters.length ? "" : letters[Math.floor(i / letters.length) - 1]) + letters[i % letters.length];
  if (bytes.readUInt32LE(0) !== 0x6d736100) fail(`${basename(path)} is not a WebAssembly module`);
  const out = [bytes.subarray(0, 8)];
  const pairs = { imports: [], exports: [] };
  let at = 8;
  while (at < bytes.length) {
    const start = at;
    const id = bytes[at];
    const [size, body] = leb(at + 1);
    const end = body + size;
    at = end;
    if (id !== 2 && id !== 7) {
      out.push(bytes.subarray(start, end));
      continue;
    }
    const [count, first] = leb(body);
    const parts = [toLeb(count)];
    let p = first;
    for (let i = 0; i < count; i++) {
      if (id === 7) {
        // An export: its name, a kind byte and an index.
        const [field, afterField] = name(p);
        const after = leb(afterField + 1)[1];
        let newField = field;
        if (field.toString("utf8") !== "memory") {
          const short = shortName(pairs.exports.length);
          pairs.exports.push([field.toString("utf8"), short]);
          newField = Buffer.from(short, "utf8");
        }
        parts.push(toLeb(newField.length), newField, bytes.subarray(afterField, after));
        p = after;
        continue;
      }
      const [module, afterModule] = name(p);
      const [field, afterField] = name(afterModule);
      // The description after the name: a kind byte and its type.
      const kind = bytes[afterField];
      const limits = (flagAt) => {
        // A flag, a minimum, and a maximum when the flag says so.
        const afterMin = leb(flagAt + 1)[1];
        return bytes[flagAt] & 1 ? leb(afterMin)[1] : afterMin;
      };
      let descEnd;
      if (kind === 0) descEnd = leb(afterField + 1)[1]; // a function: its type
      else if (kind === 1) descEnd = limits(afterField + 2); // a table: element type, limits
      else if (kind === 2) descEnd = limits(afterField + 1); // a memory: limits
      else if (kind === 3) descEnd = afterField + 3; // a global: value type, mutability
      else fail(`${basename(path)} imports something of an unknown kind (${kind})`);
      let newField = field;
      let newModule = module;
      if (/^__wbg|^__wbindgen/.test(field.toString("utf8"))) {
        const short = shortName(pairs.imports.length);
        pairs.imports.push([field.toString("utf8"), short]);
        newField = Buffer.from(short, "utf8");
        // The glue's module name ("./session-lab_bg.js") becomes "m".
        pairs.module = module.toString("utf8");
        newModule = Buffer.from("m", "utf8");
      }
      parts.push(toLeb(newModule.length), newModule, toLeb(newField.length), newField, bytes.subarray(afterField, descEnd));
      p = descEnd;
    }
    if (p !== end) fail(`${basename(path)}: its section ${id} did not read to its end`);
    const section = Buffer.concat(parts);
    out.push(Buffer.from([id]), toLeb(section.length), section);
  }
  writeFileSync(path, Buffer.concat(out));
  return pairs;
}

// The subresource integrity of the rewritten bytes, in the algorithm Trunk chose.
function reintegrity(old, bytes) {
  if (!old) return old;
  const algorithm = old.slice(0, old.indexOf("-"));
  if (!["sha256", "sha384", "sha512"].includes(algorithm)) fail(`the preload's integrity uses ${algorithm}`);
  return `${algorithm}-${createHash(algorithm).update(bytes).digest("base64")}`;
}
