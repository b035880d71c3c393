// The post-build rewrite (scripts/post-build.mjs) on a saved Trunk output
// (tests/data/trunk-output/: a release index.html in the shape Trunk 0.21.14
// writes with public_url "./", and wasm-bindgen 0.2.130's glue as it came;
// beside them each test writes a module that imports what the glue defines).
// It runs in about a second with
// `node --test tests/post-build.test.mjs` (scripts/test --tier post-build),
// so a Trunk or wasm-bindgen upgrade that changes the loader fails here, with
// the rewrite's own message, before anyone waits for a release build.
//
// After such an upgrade, save a fresh fixture from a real build:
// `SESSION_LAB_SAVE_TRUNK_OUTPUT=tests/data/trunk-output trunk build --release`
// (the hook copies what Trunk gave it before rewriting), and run this test
// again.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const FIXTURE = new URL("data/trunk-output/", import.meta.url).pathname;
const SCRIPT = new URL("../scripts/post-build.mjs", import.meta.url).pathname;

// Runs the rewrite on a copy of the fixture, after `edit` (if any) changed
// the copy's index.html; returns the outcome and the rewritten page.
function rewrite(edit) {
  const dir = mkdtempSync(join(tmpdir(), "post-build-"));
  try {
    cpSync(FIXTURE, dir, { recursive: true });
    writeFileSync(join(dir, wasmFile), tinyModule(glueImports));
    if (edit) {
      const file = join(dir, "index.html");
      writeFileSync(file, edit(readFileSync(file, "utf8")));
    }
    const run = spawnSync(process.execPath, [SCRIPT, dir], { encoding: "utf8" });
    return {
      wasm: readdirSync(dir).includes(wasmFile) ? readFileSync(join(dir, wasmFile)) : undefined,
      status: run.status,
      stderr: run.stderr,
      html: readFileSync(join(dir, "index.html"), "utf8"),
      files: readdirSync(dir),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const glueFile = readdirSync(FIXTURE).find((f) => f.endsWith(".js"));
const wasmFile = glueFile.replace(/\.js$/, "_bg.wasm");
// The names the glue defines for the module to import (`__wbg_…: function`).
const glueImports = [...readFileSync(join(FIXTURE, glueFile), "utf8").matchAll(/^\s*(__wbg\w+)\s*:/gm)].map((m) => m[1]);

// A module with nothing but imports: each name as a function of type
// () -> (), then a memory with limits (so the rewrite reads a description
// of another kind), as wasm-bindgen's module would import them.
function tinyModule(names) {
  const str = (text) => [text.length, ...Buffer.from(text)];
  const leb = (n) => (n < 128 ? [n] : [(n & 0x7f) | 0x80, ...leb(n >> 7)]);
  const section = (id, body) => [id, ...leb(body.length), ...body];
  // The module name wasm-bindgen gives the glue inside the WebAssembly.
  const from = "./session-lab_bg.js";
  const imports = [
    ...leb(names.length + 1),
    ...names.flatMap((name) => [...str(from), ...str(name), 0x00, 0x00]),
    ...str("env"), ...str("memory"), 0x02, 0x01, 0x01, 0x02,
  ];
  // Exported: the first import as the start function the glue calls, and
  // the memory (whose name the rewrite keeps).
  const exports = [2, ...str("__wbindgen_start"), 0x00, 0x00, ...str("memory"), 0x02, 0x00];
  return Buffer.from([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, [1, 0x60, 0, 0]), ...section(2, imports), ...section(7, exports),
  ]);
}

test("the saved Trunk output is rewritten: early compile, inline glue, hashed policy", () => {
  const out = rewrite();
  assert.equal(out.status, 0, `post-build failed on the saved Trunk output:\n${out.stderr}`);

  // 1. The early compile, right after the policy, with the preload's integrity.
  const early = out.html.match(/<script id="early-compile">([\s\S]*?)<\/script>/);
  assert.ok(early, "no early-compile script");
  assert.ok(early[1].includes(`"./${wasmFile}"`), "the early compile does not fetch the .wasm by its relative URL");
  assert.match(early[1], /"integrity":"sha384-/);
  assert.ok(!/rel="?preload\b/.test(out.html), "Trunk's preload of the .wasm is still there");

  // 2. The glue inside the loader, which now instantiates the early module.
  assert.deepEqual(out.files.filter((f) => f.endsWith(".js")), [], "the glue file is still beside the page");
  assert.ok(!/rel="?modulepreload\b/.test(out.html), "the glue's modulepreload is still there");
  const loader = out.html.match(/<script type=module>([\s\S]*?)<\/script>/);
  assert.ok(loader, "no module script");
  assert.ok(loader[1].startsWith("//# allFunctionsCalledOnLoad\n"), "the compile hint is not first");
  // Minified: the early module is instantiated, and the start is announced.
  assert.match(loader[1], /\(\{module:await window\.__sessionLabModule\}\)/);
  assert.match(loader[1], /"TrunkApplicationStarted",\{detail:\{wasm:\w+\}\}/);
  assert.ok(!/\bimport\b[^(.]/.test(loader[1]), "the loader still imports something");
  // The inline module must still parse as a module.
  const dir = mkdtempSync(join(tmpdir(), "post-build-loader-"));
  try {
    const file = join(dir, "loader.mjs");
    writeFileSync(file, loader[1]);
    const check = spawnSync(process.execPath, ["--check", file], { encoding: "utf8" });
    assert.equal(check.status, 0, `the inline loader does not parse:\n${check.stderr}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  // 3. Short import names, the same in the module and in the glue, and the
  //    early compile's integrity is that of the rewritten module.
  assert.ok(glueImports.length > 100, `the fixture's glue defines only ${glueImports.length} imports`);
  const names = importNames(out.wasm);
  assert.equal(names.length, glueImports.length + 1);
  assert.deepEqual(names.at(-1), ["env", "memory"], "an import that is not the glue's was renamed");
  for (const [module, name] of names.slice(0, -1)) {
    assert.equal(module, "m", "the glue's module is not renamed");
    assert.match(name, /^[a-zA-Z]{1,2}$/, `the import ${name} is not short`);
    assert.match(loader[1], new RegExp(`[{,]${name}:`), `the glue does not define ${name}`);
  }
  assert.ok(!/__wbg_\w+_[0-9a-f]{16}/.test(loader[1]), "a long import name is left in the glue");
  assert.ok(!loader[1].includes("session-lab_bg.js") && /[{,]"?m"?:/.test(loader[1]), "the glue still names the long module");
  // The exports too, where the glue reads them; the memory keeps its name.
  assert.deepEqual(exportNames(out.wasm), ["a", "memory"]);
  assert.ok(!loader[1].includes("__wbindgen_start"), "the glue still calls the start function by its long name");
  assert.match(loader[1], /\.a\(\)/, "the glue does not call the start function by its short name");
  const integrity = `sha384-${createHash("sha384").update(out.wasm).digest("base64")}`;
  assert.ok(early[1].includes(integrity), "the early compile's integrity is not the rewritten module's");

  // 4. Every inline script and style named by its hash, no placeholder left.
  assert.ok(!out.html.includes("CSP_INLINE_"), "a placeholder is left");
  const policy = out.html.match(/content="([^"]*script-src[^"]*)"/)[1];
  const sha = (text) => `'sha256-${createHash("sha256").update(text, "utf8").digest("base64")}'`;
  for (const m of out.html.matchAll(/<(script|style)(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/\1>/g)) {
    assert.ok(policy.includes(sha(m[2])), `the policy does not name an inline ${m[1]}`);
  }
});

test("a loader Trunk changed fails with a message that names what is missing", () => {
  const cases = [
    ["the loader call", (html) => html.replace("await init({ module_or_path:", "await init({ path:"), /loader call/],
    ["the glue import", (html) => html.replace("import init, * as bindings from", "import init from"), /import of the glue/],
    ["the .wasm preload", (html) => html.replace(/rel=preload/, "rel=prefetch"), /preload link/],
    ["the policy", (html) => html.replace("http-equiv=Content-Security-Policy", ""), /Content-Security-Policy/],
    ["the .wasm", (html) => html.replaceAll(wasmFile, "gone_bg.wasm"), /not in/],
  ];
  for (const [what, edit, message] of cases) {
    const out = rewrite(edit);
    assert.equal(out.status, 1, `post-build accepted a page without ${what}`);
    assert.match(out.stderr, /^post-build: /, `no post-build message for ${what}`);
    assert.match(out.stderr, message, `the message for ${what} does not say so`);
  }
});

test("an import the glue does not define once fails with its name", () => {
  const missing = glueImports[3];
  const dir = mkdtempSync(join(tmpdir(), "post-build-"));
  try {
    cpSync(FIXTURE, dir, { recursive: true });
    writeFileSync(join(dir, wasmFile), tinyModule([...glueImports, `${missing}x`]));
    const run = spawnSync(process.execPath, [SCRIPT, dir], { encoding: "utf8" });
    assert.equal(run.status, 1, "post-build accepted a module importing what the glue does not define");
    assert.match(run.stderr, new RegExp(`${missing}x 0 times`));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

// The entries of section `id` of a module, each read by `entry` from a
// reader over the bytes (a byte, an unsigned LEB128 number, a name).
function entries(bytes, id, entry) {
  let at = 8;
  const r = {
    byte: () => bytes[at++],
    leb: () => {
      let value = 0, shift = 0, byte;
      do {
        byte = bytes[at++];
        value |= (byte & 0x7f) << shift;
        shift += 7;
      } while (byte & 0x80);
      return value;
    },
    str: () => {
      const len = r.leb();
      at += len;
      return bytes.subarray(at - len, at).toString("utf8");
    },
  };
  while (at < bytes.length) {
    const section = r.byte();
    const size = r.leb();
    if (section === id) return Array.from({ length: r.leb() }, () => entry(r));
    at += size;
  }
  return [];
}

// The (module, name) of each import of a module.
function importNames(bytes) {
  return entries(bytes, 2, (r) => {
    const pair = [r.str(), r.str()];
    const kind = r.byte();
    if (kind === 0) r.leb();
    else if (kind === 2) {
      const flag = r.byte();
      r.leb();
      if (flag & 1) r.leb();
    } else throw new Error(`unexpected import kind ${kind}`);
    return pair;
  });
}

// The names a module exports (each followed by its kind and index).
function exportNames(bytes) {
  return entries(bytes, 7, (r) => {
    const name = r.str();
    r.byte();
    r.leb();
    return name;
  });
}
