// The V8 half of the differential check: same transcript format as dev.termcade.fuzz.DiffRunner.
const fs = require('fs');
const buf = new DataView(new ArrayBuffer(8));
function bits(x) {
  if (Number.isNaN(x)) return 'f nan';
  buf.setFloat64(0, x);
  return 'f ' + buf.getBigUint64(0).toString(16);
}
function num(type, v) {
  if (type === 'i32') return 'i32 ' + (v | 0);
  if (type === 'i64') return 'i64 ' + BigInt.asIntN(64, BigInt(v)).toString();
  return bits(v);
}
const out = [];
for (const file of process.argv.slice(2)) {
  out.push('module ' + require('path').basename(file));
  const log = t => v => out.push('log ' + num(t, v));
  let instance;
  try {
    const mod = new WebAssembly.Module(fs.readFileSync(file));
    instance = new WebAssembly.Instance(mod, {'fuzzing-support': {
      'log-i32': log('i32'), 'log-i64': log('i64'), 'log-f32': log('f32'), 'log-f64': log('f64'),
      // Never runs: V8 throws a TypeError when wasm passes a v128 to JavaScript (counted as a trap below).
      'log-v128': () => {}}});
    var types = {};
    // Result types come from the binary: V8 exposes no signatures, so the module is read with a tiny parser.
    types = require('./wasm_exports.js').exportResultTypes(fs.readFileSync(file));
  } catch (e) {
    out.push('instantiate failed');
    continue;
  }
  for (const [name, fn] of Object.entries(instance.exports)) {
    if (typeof fn !== 'function') continue;
    const sig = types[name];
    if (!sig || sig.params !== 0 || sig.results.some(r => r !== 'i32' && r !== 'i64' && r !== 'f32' && r !== 'f64')) continue;
    out.push('call ' + name);
    try {
      let r = fn();
      if (sig.results.length === 1) r = [r];
      else if (sig.results.length === 0) r = [];
      sig.results.forEach((t, i) => out.push('result ' + num(t, r[i])));
    } catch (e) {
      if (e instanceof WebAssembly.RuntimeError || e instanceof RangeError || e instanceof TypeError) out.push('trap');
      else throw e;
    }
  }
}
process.stdout.write(out.join('\n') + '\n');
