// Runs Wasm workloads under Node's WASI (preview 1) for bench's NodeBench, the way Nacre runs
// them: compile once, then per run a fresh WASI + instance + _start, argv as given, stdin from a
// file. Only instantiation and _start are timed (file descriptors are opened before, closed after).
//   node --expose-gc run-wasi.mjs SPEC.json
// SPEC: {"workloads": [{"label", "wasm", "args": [...], "stdin": FILE, "warmup": N, "runs": N, "gc_every": N}]}
// Prints one JSON line: {"node": VERSION, "results": [{"label", "samples_ns": [...]} or {"label", "error"}]}
// Node 20 aborts after about 900 WASI instances in one process whatever the GC does, so the
// caller keeps each process under that (NodeBench runs long series in several processes).
import fs from 'node:fs';
import path from 'node:path';
import { WASI } from 'node:wasi';

const spec = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const out = path.join(path.dirname(path.resolve(process.argv[2])), 'guest.stdout'); // next to the spec, in bench's work dir
let instances = 0;

function once(module, w) {
  const fin = fs.openSync(w.stdin, 'r');
  const fout = fs.openSync(out, 'w');
  const start = process.hrtime.bigint();
  const wasi = new WASI({ version: 'preview1', args: w.args, env: {}, stdin: fin, stdout: fout, stderr: fout, returnOnExit: true });
  const instance = new WebAssembly.Instance(module, { wasi_snapshot_preview1: wasi.wasiImport });
  const code = wasi.start(instance);
  const nanos = Number(process.hrtime.bigint() - start);
  fs.closeSync(fin);
  fs.closeSync(fout);
  // Node 20's WASI aborts sooner unless instances are collected along the way; with large
  // memories (the CPU-bound workloads) it needs a collection after every instance.
  if (++instances % w.gc_every === 0) global.gc();
  if (code !== 0) throw new Error(`exit ${code}: ${fs.readFileSync(out, 'utf8').slice(-200)}`);
  return nanos;
}

function measure(w) {
  const module = new WebAssembly.Module(fs.readFileSync(w.wasm));
  for (let i = 0; i < w.warmup; i++) once(module, w);
  const samples = [];
  for (let i = 0; i < w.runs; i++) samples.push(once(module, w));
  return { label: w.label, samples_ns: samples };
}

const results = spec.workloads.map((w) => {
  try {
    return measure(w);
  } catch (e) {
    return { label: w.label, error: String(e.message ?? e).split('\n')[0] };
  }
});
console.log(JSON.stringify({ node: process.version, results }));
