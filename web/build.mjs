// Bundles the workbench into app/workbench/static/dist/ (git-ignored): workbench.js, workbench.css, index.html,
// and copies Swagger UI (npm swagger-ui-dist) into dist/swagger-ui/ for the service's offline `/docs` page.
// `node build.mjs` builds once (minified); `--dev` builds unminified with source maps; `--watch` rebuilds on
// change (unminified).
import { createHash } from "node:crypto";
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { gzipSync } from "node:zlib";
import { fileURLToPath } from "node:url";
import * as esbuild from "esbuild";

const here = dirname(fileURLToPath(import.meta.url));
const outdir = join(here, "..", "app", "workbench", "static", "dist");
const watch = process.argv.includes("--watch");
const dev = watch || process.argv.includes("--dev");

// The Swagger UI files `/docs` loads (app/workbench/apidocs.py), since a governance centre's network has no CDN,
// and the licence texts Apache-2.0 asks to ship with them.
const swaggerFiles = ["swagger-ui-bundle.js", "swagger-ui.css", "favicon-32x32.png"];
const swaggerLicences = ["LICENSE", "NOTICE", "swagger-ui-bundle.js.LICENSE.txt"];

/** Writes a gzip copy of a file next to it; the service sends it to browsers that accept gzip. */
function gzipNextTo(file) {
  writeFileSync(`${file}.gz`, gzipSync(readFileSync(file), { level: 9 }));
}

/** Writes a gzip copy of the bundles next to them. */
function writeGzip() {
  for (const name of ["workbench.js", "workbench.css"]) gzipNextTo(join(outdir, name));
}

/** Copies Swagger UI from node_modules into dist/swagger-ui/, with gzip copies of the script and stylesheet. */
function copySwaggerUi() {
  const source = dirname(createRequire(import.meta.url).resolve("swagger-ui-dist/package.json"));
  const target = join(outdir, "swagger-ui");
  mkdirSync(target, { recursive: true });
  for (const name of [...swaggerFiles, ...swaggerLicences]) copyFileSync(join(source, name), join(target, name));
  for (const name of swaggerFiles.filter((file) => !file.endsWith(".png"))) gzipNextTo(join(target, name));
}

/** Writes index.html with a content hash on the asset URLs, so a new build is never served from cache. */
function writeIndex() {
  const js = readFileSync(join(outdir, "workbench.js"));
  const css = readFileSync(join(outdir, "workbench.css"));
  const version = createHash("sha256").update(js).update(css).digest("hex").slice(0, 12);
  const html = readFileSync(join(here, "src", "index.html"), "utf8").replaceAll("__VERSION__", version);
  writeFileSync(join(outdir, "index.html"), html);
  return version;
}

const indexPlugin = {
  name: "index-html",
  setup(build) {
    build.onEnd((result) => {
      if (result.errors.length === 0) {
        writeGzip();
        const version = writeIndex();
        if (watch) console.log(`rebuilt workbench ${version}`);
      }
    });
  },
};

const options = {
  entryPoints: { workbench: join(here, "src", "main.ts") },
  outdir,
  bundle: true,
  format: "iife",
  target: ["es2020", "chrome100", "firefox100", "safari15"],
  minify: !dev,
  sourcemap: dev ? "inline" : false,
  legalComments: "none",
  charset: "utf8",
  metafile: true,
  logLevel: "warning",
  plugins: [indexPlugin],
};

rmSync(outdir, { recursive: true, force: true });
mkdirSync(outdir, { recursive: true });
// Before the bundle, so that make's stamp (workbench.js) is never older than the copies.
copySwaggerUi();
if (watch) {
  const context = await esbuild.context(options);
  await context.watch();
  console.log(`watching web/src → ${outdir}`);
} else {
  const result = await esbuild.build(options);
  const sizes = Object.entries(result.metafile.outputs)
    .filter(([file]) => !file.endsWith(".map"))
    .map(([file, out]) => `${file.split("/").pop()} ${(out.bytes / 1024).toFixed(0)} KiB`)
    .join(", ");
  console.log(`built workbench → app/workbench/static/dist (${sizes})`);
}
