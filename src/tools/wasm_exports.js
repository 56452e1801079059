// Reads a wasm binary's export names with their function signatures (V8 does not expose them).
const NAMES = {0x7f: 'i32', 0x7e: 'i64', 0x7d: 'f32', 0x7c: 'f64', 0x7b: 'v128', 0x70: 'funcref', 0x6f: 'externref'};
exports.exportResultTypes = function (bytes) {
  let p = 8;
  const u32 = () => { let r = 0, s = 0, b; do { b = bytes[p++]; r |= (b & 0x7f) << s; s += 7; } while (b & 0x80); return r >>> 0; };
  const types = [], funcTypes = [], result = {};
  let imported = 0;
  while (p < bytes.length) {
    const id = bytes[p++], size = u32(), end = p + size;
    if (id === 1) {
      for (let n = u32(); n > 0; n--) {
        p++; // 0x60
        const params = u32(); const ps = []; for (let i = 0; i < params; i++) ps.push(NAMES[bytes[p++]]);
        const results = u32(); const rs = []; for (let i = 0; i < results; i++) rs.push(NAMES[bytes[p++]]);
        types.push({params: ps.length, results: rs});
      }
    } else if (id === 2) {
      for (let n = u32(); n > 0; n--) {
        const ml = u32(); p += ml; const nl = u32(); p += nl;
        const kind = bytes[p++];
        if (kind === 0) { funcTypes.push(u32()); imported++; }
        else if (kind === 1) { p++; const f = bytes[p++]; u32(); if (f & 1) u32(); }
        else if (kind === 2) { const f = bytes[p++]; u32(); if (f & 1) u32(); }
        else { p += 2; }
      }
    } else if (id === 3) {
      for (let n = u32(); n > 0; n--) funcTypes.push(u32());
    } else if (id === 7) {
      for (let n = u32(); n > 0; n--) {
        const len = u32(); const name = Buffer.from(bytes.slice(p, p + len)).toString('utf8'); p += len;
        const kind = bytes[p++]; const idx = u32();
        if (kind === 0) result[name] = types[funcTypes[idx]];
      }
    }
    p = end;
  }
  return result;
};
