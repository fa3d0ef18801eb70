// The WebAssembly budget of a release build with split modules: what a first
// visit to the login page or the dashboard downloads, and what opening each
// further module adds, brotli-compressed as the server sends them. Exits 1
// when a figure is over its budget.
//
// Usage: node wasm-budget.mjs <site pkg dir>   (after `make release`)
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { brotliCompressSync, constants } from "node:zlib";

const INITIAL_BUDGET_KB = 250;
const MODULE_BUDGET_KB = 80;

// Each module's pages are drawn by one lazy function (app/src/ui/routes.rs),
// named in the split manifest `<function>_<hash>`: a module's cost is that
// function's files with everything they need beyond the first download.
const MODULES = {
  resellers: "resellers_pages",
  users: "users_pages",
  "support center": "support_pages",
  branding: "branding_pages",
  audit: "audit_pages",
  access: "access_pages",
  "account settings": "account_pages",
};

const dir = process.argv[2];
if (!dir) {
  console.error("usage: node wasm-budget.mjs <site pkg dir>");
  process.exit(2);
}
const files = readdirSync(dir);
const manifestFile = files.find((f) => /^__wasm_split_manifest\..*\.json$|^__wasm_split_manifest\.json$/.test(f));
if (!manifestFile) {
  console.error(`no split manifest in ${dir}: build with 'make release' (cargo leptos build --release --split)`);
  process.exit(1);
}
const manifest = JSON.parse(readFileSync(join(dir, manifestFile), "utf8"));

// Brotli as the server sends it: the precompressed copy when there is one.
const brotliKb = (file) => {
  const path = join(dir, file);
  const bytes = files.includes(`${file}.br`)
    ? readFileSync(`${path}.br`).length
    : brotliCompressSync(readFileSync(path), { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
  return bytes / 1000;
};

// The entry: the script and the WebAssembly the loader imports, and the
// split loader the script imports.
const entry = files.filter(
  (f) => /^trellis\.[A-Za-z0-9_-]+\.(wasm|js)$/.test(f) || /^__wasm_split\..*\.js$/.test(f),
);
const initial = entry.reduce((sum, f) => sum + brotliKb(f), 0);

const functionOf = (key) => key.replace(/^_+/, "").replace(/_\d+$/, "");
const chunksOf = new Map(Object.entries(manifest).map(([key, chunks]) => [functionOf(key), chunks]));

let over = false;
const line = (name, kb, budget) => {
  const verdict = kb <= budget ? "ok" : "OVER";
  if (kb > budget) over = true;
  console.log(`${name.padEnd(28)} ${kb.toFixed(1).padStart(7)} KB brotli  (budget ${budget} KB)  ${verdict}`);
};

console.log("==> WebAssembly downloaded, brotli (what the server sends)");
line("first page (login, dashboard)", initial, INITIAL_BUDGET_KB);
const unknown = [...chunksOf.keys()].filter((f) => !Object.values(MODULES).includes(f));
if (unknown.length) {
  console.log(`lazy functions in no module: ${unknown.join(", ")}`);
  over = true;
}
for (const [module, lazyFunction] of Object.entries(MODULES)) {
  const chunks = chunksOf.get(lazyFunction);
  if (!chunks) {
    console.log(`${module}: no lazy function '${lazyFunction}' in the split manifest`);
    over = true;
    continue;
  }
  const files = chunks.map((c) => `${c}.wasm`);
  const kb = files.reduce((sum, f) => sum + brotliKb(f), 0);
  line(`+ ${module} (${files.length} files)`, kb, MODULE_BUDGET_KB);
}
process.exit(over ? 1 : 0);
