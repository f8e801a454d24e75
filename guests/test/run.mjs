// Runs the bundled tool modules through Node's WASI (preview 1) the way the Nacre host
// does: argv [NAME, "describe"] or [NAME, "call", TOOL], JSON arguments on stdin, a
// stub `nacre` import module serving canned HTTP responses.
//   node guests/test/run.mjs [WASM_DIR]     (default: guests/dist)
// TRACE=1 prints each test's name first; FUZZ_ROUNDS sets the random-damage rounds (150).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import v8 from 'node:v8';
import vm from 'node:vm';
import { WASI } from 'node:wasi';

const here = path.dirname(fileURLToPath(import.meta.url));
const wasmDir = path.resolve(process.argv[2] ?? path.join(here, '..', 'dist'));
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'nacre-guests-'));
const compiled = new Map();
v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc');

function moduleFor(name) {
  if (!compiled.has(name)) {
    const file = name === 'hello' || name === 'greet' ? path.join(wasmDir, 'examples', `${name}.wasm`) : path.join(wasmDir, `${name}.wasm`);
    compiled.set(name, new WebAssembly.Module(fs.readFileSync(file)));
  }
  return compiled.get(name);
}

// The host side of nacre.http: `handler(request)` returns the response object (or a
// string, sent as is, to test garbage).
function nacreStub(getMemory, handler, calls) {
  let last = new Uint8Array(0);
  return {
    http(ptr, len) {
      const req = JSON.parse(Buffer.from(getMemory().buffer, ptr, len).toString('utf8'));
      calls.push(req);
      const res = handler(req);
      last = Buffer.from(typeof res === 'string' ? res : JSON.stringify(res), 'utf8');
      return last.length;
    },
    response(ptr, len) {
      const n = Math.min(len, last.length);
      new Uint8Array(getMemory().buffer, ptr, n).set(last.subarray(0, n));
      return n;
    },
    log(level, ptr, len) {
      calls.push({ log: level, msg: Buffer.from(getMemory().buffer, ptr, len).toString('utf8') });
    },
  };
}

let runs = 0;
function run(name, args, stdin = '', handler = () => ({ error: 'no network in this test' })) {
  const id = runs++;
  const files = ['in', 'out', 'err'].map((s) => path.join(tmp, `${id}.${s}`));
  fs.writeFileSync(files[0], stdin);
  const [fin, fout, ferr] = [fs.openSync(files[0], 'r'), fs.openSync(files[1], 'w'), fs.openSync(files[2], 'w')];
  const wasi = new WASI({ version: 'preview1', args: [name, ...args], env: {}, stdin: fin, stdout: fout, stderr: ferr, returnOnExit: true });
  const calls = [];
  let instance;
  const imports = { wasi_snapshot_preview1: wasi.wasiImport, nacre: nacreStub(() => instance.exports.memory, handler, calls) };
  instance = new WebAssembly.Instance(moduleFor(name), imports);
  const started = process.hrtime.bigint();
  let code;
  try {
    code = wasi.start(instance);
  } catch (e) {
    code = `trap: ${e.message}`;
  }
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  [fin, fout, ferr].forEach((fd) => fs.closeSync(fd));
  // Node 20's WASI segfaults after some hundreds of instances unless they are collected
  // along the way (seen with the hand-written hello.wasm too, so not a guest bug).
  if (runs % 50 === 0) gc();
  const stdout = fs.readFileSync(files[1], 'utf8');
  const stderr = fs.readFileSync(files[2], 'utf8');
  return { code, stdout, stderr, calls, ms };
}

function call(module, tool, args, handler) {
  const r = run(module, ['call', tool], typeof args === 'string' ? args : JSON.stringify(args), handler);
  if (r.code !== 0) throw new Error(`exit ${r.code}: ${r.stderr}`);
  let res;
  try {
    res = JSON.parse(r.stdout);
  } catch (e) {
    throw new Error(`stdout is not JSON: ${r.stdout.slice(0, 300)}`);
  }
  if (!Array.isArray(res.content) || res.content[0].type !== 'text' || typeof res.isError !== 'boolean')
    throw new Error(`not an MCP result: ${r.stdout.slice(0, 300)}`);
  return { text: res.content[0].text, isError: res.isError, calls: r.calls, ms: r.ms };
}

// ---------- a tiny test runner ----------
let passed = 0, failed = 0;
function test(name, fn) {
  if (process.env.TRACE) fs.writeSync(2, `${name}\n`);
  try {
    fn();
    passed++;
  } catch (e) {
    failed++;
    console.log(`FAIL ${name}\n     ${String(e.message).split('\n').join('\n     ')}`);
  }
}
function eq(actual, expected, what = 'value') {
  const a = JSON.stringify(actual), b = JSON.stringify(expected);
  if (a !== b) throw new Error(`${what}: expected ${b}\n got ${a}`);
}
function ok(cond, msg) {
  if (!cond) throw new Error(msg);
}
function has(text, part) {
  ok(text.includes(part), `expected to contain ${JSON.stringify(part)}\n got ${JSON.stringify(text.slice(0, 600))}`);
}
const okResult = (r) => { ok(!r.isError, `unexpected error result: ${r.text}`); return r.text; };
const errResult = (r) => { ok(r.isError, `expected an error result, got: ${r.text.slice(0, 300)}`); return r.text; };
const stats = (r) => JSON.parse(okResult(r));

// ---------- every module: the ABI itself ----------
const MODULES = { json_query: ['json_query', 'json_validate', 'json_format'], text_stats: ['text_stats'], http_fetch: ['http_fetch'], hello: ['hello', 'echo'], greet: ['greet'] };
const IMPORTS = { json_query: [], text_stats: [], http_fetch: ['nacre.http', 'nacre.response'], hello: [], greet: ['nacre.log'] };

for (const [name, tools] of Object.entries(MODULES)) {
  test(`${name}: describe lists its tools with schemas`, () => {
    const r = run(name, ['describe']);
    eq(r.code, 0, 'exit code');
    const d = JSON.parse(r.stdout);
    eq(d.tools.map((t) => t.name), tools, 'tool names');
    for (const t of d.tools) {
      ok(typeof t.description === 'string' && t.description.length > 20, `${t.name}: description`);
      eq(t.inputSchema.type, 'object', `${t.name}: inputSchema.type`);
      for (const req of t.inputSchema.required ?? []) ok(t.inputSchema.properties[req], `${t.name}: required ${req} is a property`);
    }
  });
  test(`${name}: describe is the same every time`, () => eq(run(name, ['describe']).stdout, run(name, ['describe']).stdout));
  test(`${name}: imports only WASI and the nacre functions it uses`, () => {
    const imports = WebAssembly.Module.imports(moduleFor(name));
    ok(imports.every((i) => i.module === 'wasi_snapshot_preview1' || i.module === 'nacre'), 'foreign import');
    eq(imports.filter((i) => i.module === 'nacre').map((i) => `nacre.${i.name}`).sort(), IMPORTS[name]);
    eq(WebAssembly.Module.exports(moduleFor(name)).map((e) => e.name).filter((n) => n === 'memory' || n === '_start').sort(), ['_start', 'memory']);
  });
  test(`${name}: unknown tool is exit 1 with a message`, () => {
    const r = run(name, ['call', 'no_such_tool'], '{}');
    eq(r.code, 1, 'exit code');
    ok(/unknown tool/.test(r.stderr), `stderr: ${r.stderr}`);
  });
  test(`${name}: bad argv is exit 1 with usage`, () => {
    const r = run(name, []);
    eq(r.code, 1, 'exit code');
    has(r.stderr, 'usage');
  });
}

for (const name of ['json_query', 'text_stats', 'http_fetch']) {
  const tool = MODULES[name][0];
  test(`${name}: arguments that are not JSON are exit 1, not a trap`, () => {
    for (const bad of ['{"a":', '', 'nul', '{"a":1}}', '[1,2]', '"x"']) {
      const r = run(name, ['call', tool], bad);
      eq(r.code, 1, `exit code for ${JSON.stringify(bad)}`);
      ok(/arguments/.test(r.stderr), `stderr: ${r.stderr}`);
    }
  });
  test(`${name}: missing required arguments are an error result`, () => errResult(call(name, tool, {})));
}

// ---------- json_query ----------
const shop = {
  store: 'Nacre & Co',
  items: [
    { id: 1, name: 'apple', price: 1.5, tags: ['fruit'], in_stock: true },
    { id: 2, name: 'banana', price: 2, tags: ['fruit', 'yellow'], in_stock: false },
    { id: 3, name: 'cherry', price: 3, tags: [], in_stock: true, meta: { id: 99 } },
  ],
  'odd key': { 'x-y': 42 },
};
const q = (query, extra = {}) => call('json_query', 'json_query', { json: JSON.stringify(shop), query, ...extra });

test('json_query: a field path', () => eq(okResult(q('.items[0].name')), '"apple"'));
test('json_query: iterate an array', () => eq(okResult(q('.items[].price')), '1.5\n2\n3'));
test('json_query: length and keys', () => {
  eq(okResult(q('.items | length')), '3');
  eq(okResult(q('keys')), '["items","odd key","store"]');
  eq(okResult(q('.items[0] | keys | length')), '5');
  eq(okResult(q('.store | length')), '10');
});
test('json_query: json given as a value, not text', () =>
  eq(okResult(call('json_query', 'json_query', { json: shop, query: '.items[1].tags[1]' })), '"yellow"'));
test('json_query: negative index, slices, missing keys', () => {
  eq(okResult(q('.items[-1].id')), '3');
  eq(okResult(q('.items[1:] | length')), '2');
  eq(okResult(q('.items[:1][0].name')), '"apple"');
  eq(okResult(q('.items[10]')), 'null');
  eq(okResult(q('.nope.deeper')), 'null');
  eq(okResult(q('.store[0:5]')), '"Nacre"');
});
test('json_query: quoted keys and keys with dashes', () => {
  eq(okResult(q('.["odd key"]["x-y"]')), '42');
  eq(okResult(q('."odd key".x-y')), '42');
});
test('json_query: collect, add, sort, unique, min, max, first, last, reverse, type, not', () => {
  eq(okResult(q('[.items[].price] | add')), '6.5');
  eq(okResult(q('[.items[].tags[]] | unique')), '["fruit","yellow"]');
  eq(okResult(q('[.items[].name] | reverse | first')), '"cherry"');
  eq(okResult(q('[.items[].price] | max')), '3');
  eq(okResult(q('[.items[].price] | min')), '1.5');
  eq(okResult(q('[.items[].id] | sort | last')), '3');
  eq(okResult(q('.items | type')), '"array"');
  eq(okResult(q('.items[1].in_stock | not')), 'true');
  eq(okResult(q('[.items[].name] | add')), '"applebananacherry"');
});
test('json_query: select with comparisons, raw output', () => {
  eq(okResult(q('.items[] | select(.price > 1.8) | .name', { raw: true })), 'banana\ncherry');
  eq(okResult(q('.items[] | select(.in_stock == true) | .id')), '1\n3');
  eq(okResult(q('.items[] | select(.name != "apple") | .id')), '2\n3');
  eq(okResult(q('.items[] | select(.meta) | .name')), '"cherry"');
  eq(okResult(q('[.items[] | select(.tags | length >= 1)] | length')), '2');
  eq(okResult(q('.items[] | select(.price > 100)')), '(no results)');
});
test('json_query: recursive descent', () => eq(okResult(q('[.. | .id?] | add')), '105'));
test('json_query: identity keeps numbers as written', () => {
  const r = call('json_query', 'json_query', { json: '{"big": 12345678901234567890, "f": 1.10, "e": 1E+3}', query: '.' });
  eq(okResult(r), '{"big":12345678901234567890,"f":1.10,"e":1E+3}');
});
test('json_query: unicode escapes, surrogates, control characters', () => {
  const r = call('json_query', 'json_query', { json: '{"s": "\\ud83d\\ude00 caf\\u00e9 \\ud800 tab\\tnul\\u0000"}', query: '.s' });
  eq(JSON.parse(okResult(r)), '😀 café \ufffd tab\tnul\u0000');
});
test('json_query: malformed JSON is an error result with line and column', () => {
  for (const bad of ['{"a": 1,}', '{"a" 1}', '[1, 2', '{"a": tru}', "{'a': 1}", '{"a": 01}', '{"a": "x\ny"}', '', '   ', '[1] x', '"\\x"']) {
    const t = errResult(call('json_query', 'json_query', { json: bad, query: '.' }));
    ok(/line \d+, column \d+/.test(t), `message for ${JSON.stringify(bad)}: ${t}`);
  }
});
test('json_query: deep nesting is refused, not a stack overflow', () => {
  has(errResult(call('json_query', 'json_query', { json: '['.repeat(200000), query: '.' })), 'nesting deeper than 128');
  has(errResult(call('json_query', 'json_query', { json: '{"a":'.repeat(5000), query: '.' })), 'nesting deeper');
  eq(okResult(call('json_query', 'json_query', { json: '['.repeat(100) + ']'.repeat(100), query: '..|length' })).split('\n').length, 100);
});
test('json_query: query errors explain themselves', () => {
  has(errResult(q('items[0]')), 'paths start with a dot');
  has(errResult(q('.items[')), 'syntax error');
  has(errResult(q('.items[0')), 'expected ]');
  has(errResult(q('.items | select(.price >)')), 'JSON literal');
  has(errResult(q('.items[] | select(.name == "ab\\')), 'JSON literal');
  has(errResult(q('.["ab\\')), 'unterminated string');
  has(errResult(q('.items.name')), 'use .[] to go through the array');
  has(errResult(q('.store | keys')), 'not an object');
  has(errResult(q('.items | add')), 'mixes types');
  eq(okResult(q('.items[].tags[0].x?')), 'null');
  eq(okResult(q('.store.x?')), '(no results)');
});
test('json_query: long output is truncated with a note', () => {
  const big = { xs: Array.from({ length: 5000 }, (_, i) => ({ i, s: 'x'.repeat(20) })) };
  const t = okResult(call('json_query', 'json_query', { json: big, query: '.xs[]', max_chars: 1000 }));
  has(t, '[truncated: showing 1000 of');
  has(t, 'of 5000 results');
  ok(t.length < 1300, `length ${t.length}`);
});
test('json_query: a 2 MB document', () => {
  const big = { xs: Array.from({ length: 40000 }, (_, i) => ({ i, name: `n${i}`, v: i * 0.5 })) };
  const r = call('json_query', 'json_query', { json: JSON.stringify(big), query: '[.xs[].v] | add' });
  eq(okResult(r), String(big.xs.reduce((a, x) => a + x.v, 0)));
});
test('json_validate: valid and invalid with a caret', () => {
  eq(okResult(call('json_query', 'json_validate', { text: '{"a": [1, {"b": 2}]}' })), 'valid JSON: object with 1 keys, nesting depth 3, 20 bytes');
  const t = okResult(call('json_query', 'json_validate', { text: '{\n  "a": 1,\n  "b": [1 2]\n}' }));
  eq(t, 'invalid JSON: line 3, column 11: expected \',\' or \']\' in array\n  "b": [1 2]\n          ^');
});
test('json_format: pretty and minified', () => {
  eq(okResult(call('json_query', 'json_format', { text: '{"a":[1,2],"b":{}}' })), '{\n  "a": [\n    1,\n    2\n  ],\n  "b": {}\n}');
  eq(okResult(call('json_query', 'json_format', { text: '{ "a" : [ 1 , 2 ] }', indent: 0 })), '{"a":[1,2]}');
  has(errResult(call('json_query', 'json_format', { text: '{' })), 'invalid JSON');
});

// ---------- text_stats ----------
const csv = 'name,price,qty,city\napple,1.5,10,Paris\nbanana,2,,"Lyon, France"\ncherry,3,7,Paris\n"dur""ian",10.25,3,Paris\n';
test('text_stats: CSV rows, columns and numeric stats', () => {
  const s = stats(call('text_stats', 'text_stats', { text: csv, format: 'csv' }));
  eq([s.rows, s.columns, s.header], [4, 4, true]);
  const [name, price, qty, city] = s.column_stats;
  eq(name.name, 'name');
  eq(name.distinct, 4);
  ok(name.top_values.some((v) => v.value === 'dur"ian'), 'escaped quote decoded');
  eq([price.count, price.numeric, price.min, price.max, price.mean, price.median, price.sum], [4, 4, 1.5, 10.25, 4.1875, 2.5, 16.75]);
  eq(price.stddev, 4.08949);
  eq([qty.count, qty.empty, qty.median], [3, 1, 7]);
  eq(city.top_values[0], { value: 'Paris', count: 3 });
  eq(city.top_values[1].value, 'Lyon, France');
  eq(city.numeric, undefined);
});
test('text_stats: TSV, no header, CRLF, quoted newlines', () => {
  const s = stats(call('text_stats', 'text_stats', { text: '1\ta\r\n2\t"b\nc"\r\n3\tb\r\n', format: 'csv', delimiter: 'tab', header: false }));
  eq([s.rows, s.columns, s.delimiter], [3, 2, '\t']);
  eq(s.column_stats[0].name, 'column 1');
  eq(s.column_stats[0].mean, 2);
  eq(s.column_stats[1].distinct, 3);
  const s2 = stats(call('text_stats', 'text_stats', { text: 'a;b\n1;2\n', format: 'csv', delimiter: ';' }));
  eq(s2.column_stats[1].sum, 2);
});
test('text_stats: ragged rows and odd numbers', () => {
  const s = stats(call('text_stats', 'text_stats', { text: 'a,b\n1,2\n3\n0x10,inf\n-1e3, 4 \n', format: 'csv' }));
  eq(s.rows, 4);
  eq(s.rows_with_other_field_count, 1);
  eq([s.column_stats[0].numeric, s.column_stats[0].min], [3, -1000]);
  eq([s.column_stats[1].numeric, s.column_stats[1].empty, s.column_stats[1].max], [2, 1, 4]);
});
test('text_stats: bad CSV and bad options are error results', () => {
  has(errResult(call('text_stats', 'text_stats', { text: 'a,b\n"unclosed,1\n', format: 'csv' })), 'unterminated quoted field starting on line 2');
  has(errResult(call('text_stats', 'text_stats', { text: 'a', format: 'xml' })), 'format must be');
  has(errResult(call('text_stats', 'text_stats', { text: 'a', format: 'csv', delimiter: '::' })), 'delimiter');
});
test('text_stats: empty inputs', () => {
  const s = stats(call('text_stats', 'text_stats', { text: '', format: 'csv' }));
  eq([s.rows, s.columns], [0, 0]);
  const t = stats(call('text_stats', 'text_stats', { text: '' }));
  eq([t.characters, t.words, t.lines, t.top_words], [0, 0, 0, []]);
});
test('text_stats: distinct values are capped on a large CSV', () => {
  let big = 'id,group,value\n';
  for (let i = 0; i < 20000; i++) big += `${i},g${i % 7},${(i % 100) / 4}\n`;
  const r = call('text_stats', 'text_stats', { text: big, format: 'csv' });
  const s = stats(r);
  eq(s.rows, 20000);
  eq([s.column_stats[0].distinct, s.column_stats[0].distinct_capped, s.column_stats[0].max], [1000, true, 19999]);
  eq(s.column_stats[1].distinct, 7);
  eq(s.column_stats[2].median, 12.375);
  ok(r.ms < 5000, `took ${r.ms} ms`);
});
test('text_stats: text counts and top words', () => {
  const text = 'The cat sat on the mat. The cat slept!\n\nDogs bark; cats don\'t. Café, café, CAFÉ?\nwell-known words';
  const s = stats(call('text_stats', 'text_stats', { text }));
  eq([s.lines, s.non_blank_lines, s.paragraphs, s.sentences], [4, 3, 2, 5]);
  eq(s.words, 18);
  eq(s.characters, [...text].length);
  eq(s.bytes, Buffer.byteLength(text));
  eq(s.top_words.slice(0, 2), [{ word: 'café', count: 3 }, { word: 'cat', count: 2 }]);
  ok(s.top_words.every((w) => w.word !== 'the'), 'stopwords excluded');
  ok(s.top_words.some((w) => w.word === "don't") && s.top_words.some((w) => w.word === 'well-known'), 'apostrophes and hyphens');
  eq(s.longest_word, 'well-known');
  const all = stats(call('text_stats', 'text_stats', { text, include_stopwords: true, top: 2 }));
  eq(all.top_words, [{ word: 'café', count: 3 }, { word: 'the', count: 3 }]);
});

// ---------- http_fetch ----------
const page = `<!DOCTYPE html>
<html><head><title>Pearls &amp; Nacre</title>
<meta name="description" content="All about &quot;nacre&quot;.">
<style>body { color: red }</style>
<script>var x = "<p>not text</p>"; if (a < b) {}</script></head>
<body><!-- a comment <p>hidden</p> -->
<h1>Nacre</h1><p>Nacre is   mother-of-pearl.<br>It is <b>iridescent</b>&nbsp;&mdash; see <a href="/wiki/Pearl">pearls</a>.</p>
<ul><li>Strong</li><li>Light &#x2014; &#233;l&eacute;gant?</li></ul>
<p>More: <a href="../other/page?x=1&amp;y=2#top">other</a> <a href="https://example.org/abs">abs</a>
<a href="//cdn.example.net/lib.js">cdn</a> <a href="javascript:void(0)">js</a> <a href="#local">local</a>
<a href="/wiki/Pearl">pearls again</a> <a href='rel.html'>relative</a></p>
<pre>line 1
  indented</pre>
<noscript>enable js</noscript><table><tr><td>a</td><td>b</td></tr></table>
</body></html>`;
const site = (req) => {
  const u = req.url;
  if (u === 'https://example.com/docs/guide/index.html') return { status: 200, headers: { 'Content-Type': 'text/html; charset=utf-8' }, body: page };
  if (u === 'https://example.com/api.json') return { status: 200, headers: { 'content-type': ['application/json'] }, body: '{"ok": true, "see": "https://example.com/x"}' };
  if (u === 'https://example.com/missing') return { status: 404, headers: { 'content-type': 'text/html' }, body: '<h1>Not Found</h1><p>No such page</p>' };
  if (u === 'https://example.com/moved') return { status: 301, headers: { Location: 'https://example.com/new' }, body: '' };
  if (u === 'https://example.com/garbage') return 'this is not json';
  if (u === 'https://example.com/big') return { status: 200, headers: { 'content-type': 'text/plain' }, body: 'é'.repeat(100000) };
  if (u === 'https://example.com/empty') return { status: 200, headers: { 'content-type': 'text/html' }, body: '<html><body><script>app()</script></body></html>' };
  if (u === 'https://example.com/broken') return { status: 200, headers: { 'content-type': 'text/html' }, body: '<p>ok <a href="x">unclosed <b attr="no end' + '<div>'.repeat(50000) + '<' };
  return { error: `denied: host ${new URL(u).host} is not in the policy` };
};
const fetch = (args) => call('http_fetch', 'http_fetch', args, site);
const PAGE = 'https://example.com/docs/guide/index.html';

test('http_fetch: readable text of an HTML page', () => {
  const r = fetch({ url: PAGE });
  const t = okResult(r);
  eq(r.calls, [{ method: 'GET', url: PAGE }], 'request sent to the host');
  ok(t.startsWith('Title: Pearls & Nacre\n\n# Nacre\n\nNacre is mother-of-pearl.\nIt is iridescent — see pearls.'), t);
  has(t, '- Strong\n- Light — élégant?');
  has(t, 'line 1\n  indented');
  has(t, 'a b');
  for (const gone of ['color: red', 'not text', 'hidden', 'enable js', '<', '&amp;']) ok(!t.includes(gone), `should not contain ${gone}:\n${t}`);
});
test('http_fetch: links resolved against the page URL, deduplicated', () => {
  const t = okResult(fetch({ url: PAGE, extract: 'links' }));
  eq(t, [
    '- pearls -> https://example.com/wiki/Pearl',
    '- other -> https://example.com/docs/other/page?x=1&y=2#top',
    '- abs -> https://example.org/abs',
    '- cdn -> https://cdn.example.net/lib.js',
    '- relative -> https://example.com/docs/guide/rel.html',
    '',
  ].join('\n'));
});
test('http_fetch: title and description', () =>
  eq(okResult(fetch({ url: PAGE, extract: 'title' })), 'Title: Pearls & Nacre\nDescription: All about "nacre".'));
test('http_fetch: raw body, and JSON bodies are not treated as HTML', () => {
  eq(okResult(fetch({ url: PAGE, extract: 'raw' })), page);
  eq(okResult(fetch({ url: 'https://example.com/api.json' })), '{"ok": true, "see": "https://example.com/x"}');
  eq(okResult(fetch({ url: 'https://example.com/api.json', extract: 'links' })), '- https://example.com/x\n');
  has(errResult(fetch({ url: 'https://example.com/api.json', extract: 'title' })), 'not an HTML page');
});
test('http_fetch: auth and headers are passed to the host', () => {
  const r = fetch({ url: 'https://example.com/api.json', auth: 'github', headers: { Accept: 'application/json' } });
  okResult(r);
  eq(r.calls, [{ method: 'GET', url: 'https://example.com/api.json', headers: { Accept: 'application/json' }, auth: 'github' }]);
});
test('http_fetch: a denial by the host is a clear error result', () => {
  const t = errResult(fetch({ url: 'https://evil.example/x' }));
  has(t, 'could not fetch https://evil.example/x: denied: host evil.example is not in the policy');
  has(t, 'ask the user to allow it');
});
test('http_fetch: HTTP errors and redirects', () => {
  const t = errResult(fetch({ url: 'https://example.com/missing' }));
  eq(t, 'HTTP 404 from https://example.com/missing\n\n# Not Found\n\nNo such page');
  has(errResult(fetch({ url: 'https://example.com/moved' })), 'HTTP 301 from https://example.com/moved (redirect to https://example.com/new, not followed)');
});
test('http_fetch: bad URLs are refused before any request', () => {
  const r = fetch({ url: 'ftp://example.com/x' });
  has(errResult(r), 'absolute http:// or https:// URL');
  eq(r.calls.length, 0, 'requests');
  has(errResult(fetch({ url: PAGE, extract: 'pdf' })), 'extract must be one of');
});
test('http_fetch: a host answer that is not JSON is an error, not a crash', () =>
  has(errResult(fetch({ url: 'https://example.com/garbage' })), 'not valid JSON'));
test('http_fetch: max_chars cuts on a character boundary', () => {
  const t = okResult(fetch({ url: 'https://example.com/big', max_chars: 150 }));
  ok(t.startsWith('é'.repeat(150) + '\n[truncated: showing 150 of 100000 characters'), t.slice(0, 400));
});
test('http_fetch: pages without text and broken HTML', () => {
  has(okResult(fetch({ url: 'https://example.com/empty' })), 'no readable text');
  const t = okResult(fetch({ url: 'https://example.com/broken' }));
  ok(t.startsWith('ok unclosed'), t.slice(0, 100));
});

// ---------- hello.wat ----------
test('hello: call hello and echo', () => {
  eq(okResult(call('hello', 'hello', {})), 'Hello from WebAssembly!');
  const r = run('hello', ['call', 'echo'], '{"a": [1, "two"]}');
  eq([r.code, r.stdout], [0, '{"a": [1, "two"]}']);
});

// ---------- random damage: every input gives a result, never a trap ----------
let seed = 12345;
const rand = (n) => ((seed = (seed * 1103515245 + 12345) >>> 0) >>> 8) % n;
function damage(text) {
  const chars = [...text];
  for (let k = rand(6) + 1; k > 0; k--) {
    const i = rand(chars.length + 1);
    const op = rand(3);
    if (op === 0) chars.splice(i, 1);
    else if (op === 1) chars.splice(i, 0, '{}[]",:\\<>/&;#\n'[rand(16)]);
    else chars.splice(i, rand(20));
  }
  return chars.join('');
}
test('random damage: json_query, text_stats and http_fetch always answer', () => {
  const json = JSON.stringify(shop);
  for (let i = 0; i < Number(process.env.FUZZ_ROUNDS ?? 150); i++) {
    const doc = damage(json);
    const r = call('json_query', 'json_query', { json: doc, query: damage('.items[] | select(.price > 1) | .name') });
    ok(typeof r.text === 'string', 'json_query');
    const v = okResult(call('json_query', 'json_validate', { text: doc }));
    let valid = true;
    try { JSON.parse(doc); } catch { valid = false; }
    eq(v.startsWith('valid'), valid, `json_validate agrees with JSON.parse on ${JSON.stringify(doc)}`);
    call('text_stats', 'text_stats', { text: damage(csv), format: 'csv' });
    call('text_stats', 'text_stats', { text: doc });
    const body = damage(page);
    call('http_fetch', 'http_fetch', { url: PAGE, extract: ['text', 'links', 'title'][i % 3] }, () => ({ status: 200, headers: {}, body }));
  }
});

// ---------- examples/greet.c ----------
test('greet: a result, a log line, and an error result', () => {
  const r = call('greet', 'greet', { name: 'Ada "the first"' });
  eq(okResult(r), 'Hello, Ada "the first"!');
  eq(r.calls, [{ log: 1, msg: 'greeted someone' }]);
  has(errResult(call('greet', 'greet', { name: 42 })), "missing argument 'name'");
});

fs.rmSync(tmp, { recursive: true, force: true });
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
