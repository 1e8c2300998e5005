// Runs precompile.py in the site's own Pyodide under Node.js (hrdtrain.site_build calls it).
// Usage: node precompile.mjs PYODIDE_DIR IN_DIR OUT_DIR JOBS_JSON
// PYODIDE_DIR holds the npm core (pyodide.mjs, pyodide.asm.wasm, python_stdlib.zip, the lock);
// IN_DIR and OUT_DIR are mounted at /in and /out. Nothing is fetched: Pyodide loads no package.
import { readFileSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";
import path from "node:path";

const [pyodideDir, inDir, outDir, jobs] = process.argv.slice(2);
const { loadPyodide } = await import(pathToFileURL(path.join(pyodideDir, "pyodide.mjs")).href);
const pyodide = await loadPyodide({ indexURL: pyodideDir + path.sep, env: { JOBS: jobs } });
pyodide.FS.mkdir("/in");
pyodide.FS.mkdir("/out");
pyodide.mountNodeFS("/in", inDir);
pyodide.mountNodeFS("/out", outDir);
const script = readFileSync(path.join(path.dirname(fileURLToPath(import.meta.url)), "precompile.py"), "utf8");
await pyodide.runPythonAsync(script);
