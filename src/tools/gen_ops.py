#!/usr/bin/env python3
"""Generates the engine's instruction tables; the Maven build runs it at generate-sources (see pom.xml):
    python3 src/tools/gen_ops.py OUTPUT_SOURCE_ROOT
writes dev/termcade/vm/Op.java (the register instruction set, in one place) and dev/termcade/wasm/Opcodes.java
(named wasm opcode constants and their text-format names) under OUTPUT_SOURCE_ROOT. Neither is committed.

Operand shape letters: d=destination slot, s=source slot, i=int immediate, L=long immediate (2 words),
t=jump target, f=function index, g=global index, T=table index, y=type index, o=memory offset,
e=element segment, D=data segment, B=br_table (count n, then n+1 targets).
"""
import os, sys

if len(sys.argv) != 2:
    sys.exit("usage: gen_ops.py OUTPUT_SOURCE_ROOT")
out_root = sys.argv[1]

def write(relative, lines):
    path = os.path.join(out_root, relative)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    text = "\n".join(lines) + "\n"
    # Rewrite only on change, so an up-to-date build does not recompile what depends on it.
    if not os.path.exists(path) or open(path).read() != text:
        open(path, "w").write(text)

ops = []
def op(name, shape, doc):
    ops.append((name, shape, doc))

op("UNREACHABLE", "", "trap: unreachable")
op("TRAP", "i", "trap with the given Trap.Kind ordinal (statically known to trap, e.g. offset beyond 2 GiB)")
op("FUEL", "i", "metered code only, at the start of each basic block: spend i fuel (the block's wasm instructions), "
   "trapping when it runs out, and count them as executed")
# Every taken branch polls the machine's interrupt flag (deadline, Ctrl-C): a loop iteration always takes one.
op("BR", "t", "pc = t")
op("BR_IF", "st", "if (i32 s != 0) pc = t")
op("BR_IFNOT", "st", "if (i32 s == 0) pc = t")
op("BR_TABLE", "sB", "pc = targets[min(unsigned s, n)]")
op("MOV", "ds", "d = s")
op("MOV2", "dsds", "d1 = s1, then d2 = s2 (two consecutive register moves, as the arguments of a call or a block's "
   "values are copied into place)")
op("MOV_REF", "ds", "d = s (reference)")
op("CONST32", "di", "d = i")
op("CONST64", "dL", "d = L")
op("SELECT", "dsss", "d = s1 != 0 ? s2 : s3")
op("SELECT_REF", "dsss", "d = s1 != 0 ? s2 : s3 (references)")
op("GLOBAL_GET", "dg", "d = global g")
op("GLOBAL_SET", "gs", "global g = s")
op("GLOBAL_GET_REF", "dg", "d = global g (reference)")
op("GLOBAL_SET_REF", "gs", "global g = s (reference)")
cmps = ["EQ", "NE", "LT_S", "LT_U", "GT_S", "GT_U", "LE_S", "LE_U", "GE_S", "GE_U"]
for c in cmps:
    op("BR_I32_" + c, "sst", "if (i32 s1 %s s2) pc = t (fused compare and branch)" % c.lower())
for c in cmps:
    op("BR_I32_" + c + "_I", "sit", "if (i32 s %s i) pc = t (fused compare with constant and branch)" % c.lower())
for c in cmps:
    op("BR_I64_" + c, "sst", "if (i64 s1 %s s2) pc = t (fused compare and branch: loops over 64-bit counters)" % c.lower())
for c in cmps:
    op("I32_" + c + "_I", "dsi", "d = i32 s %s i" % c.lower())
for n in ["ADD", "MUL", "AND", "OR", "XOR", "SHL", "SHR_S", "SHR_U"]:
    op("I32_" + n + "_I", "dsi", "d = i32 s %s i" % n.lower())
op("I64_ADD_I", "dsi", "d = i64 s + (long) i")
for n in ["MUL", "AND", "OR", "XOR"]:
    op("I64_" + n + "_L", "dsL", "d = i64 s %s L" % n.lower())
op("I64_XOR_MUL_L", "dssL", "d = (i64 s1 ^ s2) * L (i64.xor then i64.mul by a constant: a byte-wise FNV-style hash step)")
op("I32_SHL_ADD_I", "dsii", "d = (i32 s << i1) + i2 (i32.shl then i32.add of constants: an array element's address)")
for n in ["SHL", "SHR_S", "SHR_U"]:
    op("I64_" + n + "_I", "dsi", "d = i64 s %s i" % n.lower())
for n in ["ADD", "SUB", "MUL"]:
    op("F64_" + n + "_L", "dsL", "d = f64 s %s f64 bits L" % n.lower())
for n in ["I32_LOAD", "I64_LOAD", "I32_LOAD8_S", "I32_LOAD8_U", "I32_LOAD16_S", "I32_LOAD16_U", "I64_LOAD8_S",
          "I64_LOAD8_U", "I64_LOAD16_S", "I64_LOAD16_U", "I64_LOAD32_U"]:
    op(n, "dso", "d = memory[u32 s + o] (%s; f32/f64 loads use the i32/i64 forms, i64.load32_s the i32 one: "
       "slots hold i32 values sign-extended)" % n.lower())
op("I32_LOAD_A", "dsio", "d = memory[u32 (i32 s + i) + o] (i32.add of a constant fused into the load; f32 too)")
op("I64_LOAD_A", "dsio", "d = memory[u32 (i32 s + i) + o] (i32.add of a constant fused into the load; f64 too)")
op("I32_LOAD_X", "dsiio", "d = i32 memory[u32 ((i32 s << i1) + i2) + o] (an indexed array element: I32_SHL_ADD_I fused "
   "into i32.load, f32 too)")
op("LOAD8_U_A", "dsio", "d = byte memory[u32 (i32 s + i) + o], zero-extended (i32.add of a constant fused into "
   "i32.load8_u or i64.load8_u: byte-wise loops over strings and buffers)")
op("STORE32", "sso", "memory[u32 s1 + o] = 4 bytes of s2 (i32.store, f32.store, i64.store32)")
op("STORE64", "sso", "memory[u32 s1 + o] = 8 bytes of s2 (i64.store, f64.store)")
op("STORE8", "sso", "memory[u32 s1 + o] = low byte of s2")
op("STORE16", "sso", "memory[u32 s1 + o] = low 2 bytes of s2")
# Calls and returns numbered after the other inline instructions: C2 parses the interpreter loop's cases from the
# highest opcode down, and when it compiles every case it runs out of inlining budget (NodeCountInliningCutoff) near
# the end; the call path must still get its helpers inlined (call_indirect dispatch 1.5x slower otherwise).
op("RETURN", "", "return to the caller; results are already in slots 0..k-1")
op("RETURN_1", "s", "slot 0 = s; return")
op("CALL", "fs", "call function f with its frame starting at slot s (arguments there, results left there)")
op("CALL_INDIRECT", "yTss", "call table T[i32 s1], checked against type y, frame at slot s2")
op("MEMORY_SIZE", "d", "d = memory size in pages")
op("MEMORY_GROW", "ds", "d = memory.grow(s)")

# Numeric wasm opcodes 0x45..0xC4 keep their order; their names come from the wasm text format.
numeric = """i32.eqz i32.eq i32.ne i32.lt_s i32.lt_u i32.gt_s i32.gt_u i32.le_s i32.le_u i32.ge_s i32.ge_u
i64.eqz i64.eq i64.ne i64.lt_s i64.lt_u i64.gt_s i64.gt_u i64.le_s i64.le_u i64.ge_s i64.ge_u
f32.eq f32.ne f32.lt f32.gt f32.le f32.ge f64.eq f64.ne f64.lt f64.gt f64.le f64.ge
i32.clz i32.ctz i32.popcnt i32.add i32.sub i32.mul i32.div_s i32.div_u i32.rem_s i32.rem_u i32.and i32.or i32.xor
i32.shl i32.shr_s i32.shr_u i32.rotl i32.rotr
i64.clz i64.ctz i64.popcnt i64.add i64.sub i64.mul i64.div_s i64.div_u i64.rem_s i64.rem_u i64.and i64.or i64.xor
i64.shl i64.shr_s i64.shr_u i64.rotl i64.rotr
f32.abs f32.neg f32.ceil f32.floor f32.trunc f32.nearest f32.sqrt f32.add f32.sub f32.mul f32.div f32.min f32.max f32.copysign
f64.abs f64.neg f64.ceil f64.floor f64.trunc f64.nearest f64.sqrt f64.add f64.sub f64.mul f64.div f64.min f64.max f64.copysign
i32.wrap_i64 i32.trunc_f32_s i32.trunc_f32_u i32.trunc_f64_s i32.trunc_f64_u i64.extend_i32_s i64.extend_i32_u
i64.trunc_f32_s i64.trunc_f32_u i64.trunc_f64_s i64.trunc_f64_u
f32.convert_i32_s f32.convert_i32_u f32.convert_i64_s f32.convert_i64_u f32.demote_f64
f64.convert_i32_s f64.convert_i32_u f64.convert_i64_s f64.convert_i64_u f64.promote_f32
i32.reinterpret_f32 i64.reinterpret_f64 f32.reinterpret_i32 f64.reinterpret_i64
i32.extend8_s i32.extend16_s i64.extend8_s i64.extend16_s i64.extend32_s""".split()
assert len(numeric) == 0xC4 - 0x45 + 1, len(numeric)
binary = {"eq", "ne", "lt_s", "lt_u", "gt_s", "gt_u", "le_s", "le_u", "ge_s", "ge_u", "lt", "gt", "le", "ge",
          "add", "sub", "mul", "div_s", "div_u", "rem_s", "rem_u", "and", "or", "xor", "shl", "shr_s", "shr_u",
          "rotl", "rotr", "div", "min", "max", "copysign"}
numeric_first = len(ops)
for n in numeric:
    kind = n.split(".")[1]
    op(n.upper().replace(".", "_"), "dss" if kind in binary else "ds", "d = %s(%s)" % (n, "s1, s2" if kind in binary else "s"))
for n in ["i32.trunc_sat_f32_s", "i32.trunc_sat_f32_u", "i32.trunc_sat_f64_s", "i32.trunc_sat_f64_u",
          "i64.trunc_sat_f32_s", "i64.trunc_sat_f32_u", "i64.trunc_sat_f64_s", "i64.trunc_sat_f64_u"]:
    op(n.upper().replace(".", "_"), "ds", "d = %s(s)" % n)
op("REF_NULL", "d", "d = null")
op("REF_IS_NULL", "ds", "d = s == null")
op("REF_FUNC", "df", "d = function f")
op("TABLE_GET", "dTs", "d = table T[s]")
op("TABLE_SET", "Tss", "table T[s1] = s2")
op("TABLE_SIZE", "dT", "d = size of table T")
op("TABLE_GROW", "dTss", "d = table.grow T (init s1, by s2)")
op("TABLE_FILL", "Tsss", "table.fill T (at s1, value s2, count s3)")
op("TABLE_COPY", "TTsss", "table.copy T1 <- T2 (dst s1, src s2, count s3)")
op("TABLE_INIT", "Tesss", "table.init T from element segment e (dst s1, src s2, count s3)")
op("ELEM_DROP", "e", "drop element segment e")
op("MEMORY_INIT", "Dsss", "memory.init from data segment D (dst s1, src s2, count s3)")
op("DATA_DROP", "D", "drop data segment D")
op("MEMORY_COPY", "sss", "memory.copy (dst s1, src s2, count s3)")
op("MEMORY_FILL", "sss", "memory.fill (dst s1, value s2, count s3)")

# Fixed-width SIMD (0xFD prefix), by subopcode. A v128 lives in a slot's long (lanes 0..63 bits) and the same index
# of the machine's parallel high-half array (bits 64..127). Lane layout is little-endian, as in memory.
simd = """0x00 v128.load 0x01 v128.load8x8_s 0x02 v128.load8x8_u 0x03 v128.load16x4_s 0x04 v128.load16x4_u
0x05 v128.load32x2_s 0x06 v128.load32x2_u 0x07 v128.load8_splat 0x08 v128.load16_splat 0x09 v128.load32_splat
0x0A v128.load64_splat 0x0B v128.store 0x0C v128.const 0x0D i8x16.shuffle 0x0E i8x16.swizzle
0x0F i8x16.splat 0x10 i16x8.splat 0x11 i32x4.splat 0x12 i64x2.splat 0x13 f32x4.splat 0x14 f64x2.splat
0x15 i8x16.extract_lane_s 0x16 i8x16.extract_lane_u 0x17 i8x16.replace_lane 0x18 i16x8.extract_lane_s
0x19 i16x8.extract_lane_u 0x1A i16x8.replace_lane 0x1B i32x4.extract_lane 0x1C i32x4.replace_lane
0x1D i64x2.extract_lane 0x1E i64x2.replace_lane 0x1F f32x4.extract_lane 0x20 f32x4.replace_lane
0x21 f64x2.extract_lane 0x22 f64x2.replace_lane
0x23 i8x16.eq 0x24 i8x16.ne 0x25 i8x16.lt_s 0x26 i8x16.lt_u 0x27 i8x16.gt_s 0x28 i8x16.gt_u 0x29 i8x16.le_s
0x2A i8x16.le_u 0x2B i8x16.ge_s 0x2C i8x16.ge_u
0x2D i16x8.eq 0x2E i16x8.ne 0x2F i16x8.lt_s 0x30 i16x8.lt_u 0x31 i16x8.gt_s 0x32 i16x8.gt_u 0x33 i16x8.le_s
0x34 i16x8.le_u 0x35 i16x8.ge_s 0x36 i16x8.ge_u
0x37 i32x4.eq 0x38 i32x4.ne 0x39 i32x4.lt_s 0x3A i32x4.lt_u 0x3B i32x4.gt_s 0x3C i32x4.gt_u 0x3D i32x4.le_s
0x3E i32x4.le_u 0x3F i32x4.ge_s 0x40 i32x4.ge_u
0x41 f32x4.eq 0x42 f32x4.ne 0x43 f32x4.lt 0x44 f32x4.gt 0x45 f32x4.le 0x46 f32x4.ge
0x47 f64x2.eq 0x48 f64x2.ne 0x49 f64x2.lt 0x4A f64x2.gt 0x4B f64x2.le 0x4C f64x2.ge
0x4D v128.not 0x4E v128.and 0x4F v128.andnot 0x50 v128.or 0x51 v128.xor 0x52 v128.bitselect 0x53 v128.any_true
0x54 v128.load8_lane 0x55 v128.load16_lane 0x56 v128.load32_lane 0x57 v128.load64_lane
0x58 v128.store8_lane 0x59 v128.store16_lane 0x5A v128.store32_lane 0x5B v128.store64_lane
0x5C v128.load32_zero 0x5D v128.load64_zero 0x5E f32x4.demote_f64x2_zero 0x5F f64x2.promote_low_f32x4
0x60 i8x16.abs 0x61 i8x16.neg 0x62 i8x16.popcnt 0x63 i8x16.all_true 0x64 i8x16.bitmask
0x65 i8x16.narrow_i16x8_s 0x66 i8x16.narrow_i16x8_u 0x67 f32x4.ceil 0x68 f32x4.floor 0x69 f32x4.trunc
0x6A f32x4.nearest 0x6B i8x16.shl 0x6C i8x16.shr_s 0x6D i8x16.shr_u 0x6E i8x16.add 0x6F i8x16.add_sat_s
0x70 i8x16.add_sat_u 0x71 i8x16.sub 0x72 i8x16.sub_sat_s 0x73 i8x16.sub_sat_u 0x74 f64x2.ceil 0x75 f64x2.floor
0x76 i8x16.min_s 0x77 i8x16.min_u 0x78 i8x16.max_s 0x79 i8x16.max_u 0x7A f64x2.trunc 0x7B i8x16.avgr_u
0x7C i16x8.extadd_pairwise_i8x16_s 0x7D i16x8.extadd_pairwise_i8x16_u 0x7E i32x4.extadd_pairwise_i16x8_s
0x7F i32x4.extadd_pairwise_i16x8_u
0x80 i16x8.abs 0x81 i16x8.neg 0x82 i16x8.q15mulr_sat_s 0x83 i16x8.all_true 0x84 i16x8.bitmask
0x85 i16x8.narrow_i32x4_s 0x86 i16x8.narrow_i32x4_u 0x87 i16x8.extend_low_i8x16_s 0x88 i16x8.extend_high_i8x16_s
0x89 i16x8.extend_low_i8x16_u 0x8A i16x8.extend_high_i8x16_u 0x8B i16x8.shl 0x8C i16x8.shr_s 0x8D i16x8.shr_u
0x8E i16x8.add 0x8F i16x8.add_sat_s 0x90 i16x8.add_sat_u 0x91 i16x8.sub 0x92 i16x8.sub_sat_s 0x93 i16x8.sub_sat_u
0x94 f64x2.nearest 0x95 i16x8.mul 0x96 i16x8.min_s 0x97 i16x8.min_u 0x98 i16x8.max_s 0x99 i16x8.max_u
0x9B i16x8.avgr_u 0x9C i16x8.extmul_low_i8x16_s 0x9D i16x8.extmul_high_i8x16_s 0x9E i16x8.extmul_low_i8x16_u
0x9F i16x8.extmul_high_i8x16_u
0xA0 i32x4.abs 0xA1 i32x4.neg 0xA3 i32x4.all_true 0xA4 i32x4.bitmask 0xA7 i32x4.extend_low_i16x8_s
0xA8 i32x4.extend_high_i16x8_s 0xA9 i32x4.extend_low_i16x8_u 0xAA i32x4.extend_high_i16x8_u 0xAB i32x4.shl
0xAC i32x4.shr_s 0xAD i32x4.shr_u 0xAE i32x4.add 0xB1 i32x4.sub 0xB5 i32x4.mul 0xB6 i32x4.min_s 0xB7 i32x4.min_u
0xB8 i32x4.max_s 0xB9 i32x4.max_u 0xBA i32x4.dot_i16x8_s 0xBC i32x4.extmul_low_i16x8_s
0xBD i32x4.extmul_high_i16x8_s 0xBE i32x4.extmul_low_i16x8_u 0xBF i32x4.extmul_high_i16x8_u
0xC0 i64x2.abs 0xC1 i64x2.neg 0xC3 i64x2.all_true 0xC4 i64x2.bitmask 0xC7 i64x2.extend_low_i32x4_s
0xC8 i64x2.extend_high_i32x4_s 0xC9 i64x2.extend_low_i32x4_u 0xCA i64x2.extend_high_i32x4_u 0xCB i64x2.shl
0xCC i64x2.shr_s 0xCD i64x2.shr_u 0xCE i64x2.add 0xD1 i64x2.sub 0xD5 i64x2.mul 0xD6 i64x2.eq 0xD7 i64x2.ne
0xD8 i64x2.lt_s 0xD9 i64x2.gt_s 0xDA i64x2.le_s 0xDB i64x2.ge_s 0xDC i64x2.extmul_low_i32x4_s
0xDD i64x2.extmul_high_i32x4_s 0xDE i64x2.extmul_low_i32x4_u 0xDF i64x2.extmul_high_i32x4_u
0xE0 f32x4.abs 0xE1 f32x4.neg 0xE3 f32x4.sqrt 0xE4 f32x4.add 0xE5 f32x4.sub 0xE6 f32x4.mul 0xE7 f32x4.div
0xE8 f32x4.min 0xE9 f32x4.max 0xEA f32x4.pmin 0xEB f32x4.pmax
0xEC f64x2.abs 0xED f64x2.neg 0xEF f64x2.sqrt 0xF0 f64x2.add 0xF1 f64x2.sub 0xF2 f64x2.mul 0xF3 f64x2.div
0xF4 f64x2.min 0xF5 f64x2.max 0xF6 f64x2.pmin 0xF7 f64x2.pmax
0xF8 i32x4.trunc_sat_f32x4_s 0xF9 i32x4.trunc_sat_f32x4_u 0xFA f32x4.convert_i32x4_s 0xFB f32x4.convert_i32x4_u
0xFC i32x4.trunc_sat_f64x2_s_zero 0xFD i32x4.trunc_sat_f64x2_u_zero 0xFE f64x2.convert_low_i32x4_s
0xFF f64x2.convert_low_i32x4_u""".split()
simd = [(int(simd[i], 16), simd[i + 1]) for i in range(0, len(simd), 2)]
assert len(simd) == 236, len(simd)

def simd_shape(name):
    kind = name.split(".")[1]
    if name == "v128.const": return "diiii"                     # 16 bytes as 4 ints, low first
    if name == "i8x16.shuffle": return "dssiiii"                # 16 lane indices, 4 per int
    if kind in ("store8_lane", "store16_lane", "store32_lane", "store64_lane"): return "ssoi"   # i = lane
    if kind in ("load8_lane", "load16_lane", "load32_lane", "load64_lane"): return "dssoi"     # s2 = vector, i = lane
    if kind == "store": return "sso"
    if kind.startswith("load"): return "dso"
    if "extract_lane" in kind: return "dsi"
    if kind == "replace_lane": return "dssi"                    # s1 = vector, s2 = scalar, i = lane
    if kind == "bitselect": return "dsss"
    if kind in ("not", "abs", "neg", "popcnt", "sqrt", "ceil", "floor", "trunc", "nearest", "any_true", "all_true",
                "bitmask", "splat") or kind.startswith(("extend_", "extadd_", "convert", "trunc_sat", "demote", "promote")):
        return "ds"
    return "dss"                                                # binary; shifts take an i32 count as s2

simd_first = len(ops)
for sub, n in simd:
    op("V128_" + n.split(".")[1].upper() if n.startswith("v128.") else n.upper().replace(".", "_"), simd_shape(n), "%s (0xFD %d)" % (n, sub))
# Register moves of v128 values (both halves); kept with the SIMD instructions, out of the hot loop.
op("MOV_V128", "ds", "d = s (v128)")
op("SELECT_V128", "dsss", "d = s1 != 0 ? s2 : s3 (v128)")
op("GLOBAL_GET_V128", "dg", "d = global g (v128)")
op("GLOBAL_SET_V128", "gs", "global g = s (v128)")

out = []
out.append("""package dev.termcade.vm;

/**
 * The register instruction set, in one place (generated by {@code tools/gen_ops.py}; edit the generator).
 *
 * <p>Code is an {@code int[]}: an opcode followed by its operands. Slots are indices into the current frame of the
 * shared {@code long[]} register stack (references live in a parallel {@code Object[]}); a frame holds the
 * function's locals (parameters first) followed by one slot per wasm value-stack height. Jump targets are
 * absolute indices into the function's code. Operand shapes, one letter per word:
 * d = destination slot, s = source slot, i = int immediate, L = long immediate (two words, low first),
 * t = jump target, f = function index, g = global index, T = table index, y = type index, o = memory offset,
 * e = element segment, D = data segment, B = br_table (count n, then n + 1 targets, the last the default).
 * Package-private: the register code is the engine's own business, not part of the embedding API.
 */
final class Op {
    private Op() {}
""")
for i, (name, shape, doc) in enumerate(ops):
    out.append("    /** {@code %s} &mdash; %s */" % (shape or "-", doc.replace("<", "&lt;").replace(">", "&gt;")))
    out.append("    public static final int %s = %d;" % (name, i))
out.append("")
out.append("    public static final int COUNT = %d;" % len(ops))
out.append("    /** Numeric wasm opcodes 0x45..0xC4 map to {@code NUMERIC_BASE + (opcode - 0x45)}. */")
out.append("    public static final int NUMERIC_BASE = %d;" % numeric_first)
out.append("    /** {@code 0xFC 0..7} (saturating truncations) map to {@code TRUNC_SAT_BASE + subopcode}. */")
out.append("    public static final int TRUNC_SAT_BASE = %d;" % (numeric_first + len(numeric)))
out.append("    /** The first SIMD instruction; they follow in subopcode order (see {@link #SIMD_BY_SUBOPCODE}). */")
out.append("    public static final int SIMD_BASE = %d;" % simd_first)
out.append("    /** The instruction for each {@code 0xFD} subopcode, -1 where the subopcode is not an instruction. */")
by_sub = [-1] * 256
for i, (sub, n) in enumerate(simd):
    by_sub[sub] = simd_first + i
out.append("    public static final int[] SIMD_BY_SUBOPCODE = {" + ", ".join(str(x) for x in by_sub) + "};")
out.append("")
out.append("    static final String[] NAMES = {")
for (name, shape, doc) in ops:
    out.append('        "%s",' % name.lower())
out.append("    };")
out.append("")
out.append("    static final String[] SHAPES = {")
for (name, shape, doc) in ops:
    out.append('        "%s",' % shape)
out.append("    };")
out.append("}")
write("dev/termcade/vm/Op.java", out)

# The wasm text names of the binary opcodes, for the wasm-text printer.
single = {0x00: "unreachable", 0x01: "nop", 0x02: "block", 0x03: "loop", 0x04: "if", 0x05: "else", 0x0B: "end",
          0x0C: "br", 0x0D: "br_if", 0x0E: "br_table", 0x0F: "return", 0x10: "call", 0x11: "call_indirect",
          0x1A: "drop", 0x1B: "select", 0x1C: "select", 0x20: "local.get", 0x21: "local.set", 0x22: "local.tee",
          0x23: "global.get", 0x24: "global.set", 0x25: "table.get", 0x26: "table.set",
          0x3F: "memory.size", 0x40: "memory.grow", 0x41: "i32.const", 0x42: "i64.const", 0x43: "f32.const",
          0x44: "f64.const", 0xD0: "ref.null", 0xD1: "ref.is_null", 0xD2: "ref.func"}
mem_ops = """i32.load i64.load f32.load f64.load i32.load8_s i32.load8_u i32.load16_s i32.load16_u i64.load8_s i64.load8_u
i64.load16_s i64.load16_u i64.load32_s i64.load32_u i32.store i64.store f32.store f64.store i32.store8 i32.store16
i64.store8 i64.store16 i64.store32""".split()
for i, n in enumerate(mem_ops):
    single[0x28 + i] = n
for i, n in enumerate(numeric):
    single[0x45 + i] = n
fc = ["i32.trunc_sat_f32_s", "i32.trunc_sat_f32_u", "i32.trunc_sat_f64_s", "i32.trunc_sat_f64_u",
      "i64.trunc_sat_f32_s", "i64.trunc_sat_f32_u", "i64.trunc_sat_f64_s", "i64.trunc_sat_f64_u",
      "memory.init", "data.drop", "memory.copy", "memory.fill", "table.init", "elem.drop", "table.copy",
      "table.grow", "table.size", "table.fill"]
w = ["package dev.termcade.wasm;", "",
     "/** Text-format names of the binary opcodes (generated by {@code tools/gen_ops.py}). */",
     "public final class Opcodes {", "    private Opcodes() {}", "",
     "    /** Single-byte opcodes; null where the byte is not an opcode. */",
     "    public static final String[] NAMES = new String[256];", "",
     "    /** The {@code 0xFC}-prefixed opcodes by subopcode. */",
     "    public static final String[] FC_NAMES = {" + ", ".join('"%s"' % n for n in fc) + "};", "",
     "    /** The {@code 0xFD}-prefixed (SIMD) opcodes by subopcode; null where the subopcode is not an opcode. */",
     "    public static final String[] FD_NAMES = new String[256];", "",
     "    /** The prefix byte of the {@code 0xFC} (bulk memory, tables, saturating truncation) opcodes. */",
     "    public static final int PREFIX_FC = 0xFC;",
     "    /** The prefix byte of the {@code 0xFD} (SIMD) opcodes. */",
     "    public static final int PREFIX_FD = 0xFD;", ""]

def constant(text_name):
    return text_name.upper().replace(".", "_")

# Named constants for single-byte opcodes (0x1C is the typed select) and 0xFC subopcodes (FC_ prefix).
for k in sorted(single):
    name = "SELECT_T" if k == 0x1C else constant(single[k])
    w.append("    public static final int %s = 0x%02X;" % (name, k))
w.append("")
for sub, n in enumerate(fc):
    w.append("    public static final int FC_%s = %d;" % (constant(n), sub))
w += ["", "    static {"]
for k in sorted(single):
    w.append('        NAMES[0x%02X] = "%s";' % (k, single[k]))
for sub, n in simd:
    w.append('        FD_NAMES[0x%02X] = "%s";' % (sub, n))
w += ["    }", "}"]
write("dev/termcade/wasm/Opcodes.java", w)
