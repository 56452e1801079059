#!/usr/bin/env python3
"""Generates src/main/java/dev/termcade/vm/Op.java: the register instruction set, in one place.

Operand shape letters: d=destination slot, s=source slot, i=int immediate, L=long immediate (2 words),
t=jump target, f=function index, g=global index, T=table index, y=type index, o=memory offset,
e=element segment, D=data segment, B=br_table (count n, then n+1 targets).
"""
import os

ops = []
def op(name, shape, doc):
    ops.append((name, shape, doc))

op("UNREACHABLE", "", "trap: unreachable")
op("TRAP", "i", "trap with the given Trap.Kind ordinal (statically known to trap, e.g. offset beyond 2 GiB)")
op("CHECK", "", "loop header: honour an interrupt request (deadline, Ctrl-C)")
op("BR", "t", "pc = t")
op("BR_IF", "st", "if (i32 s != 0) pc = t")
op("BR_IFNOT", "st", "if (i32 s == 0) pc = t")
op("BR_TABLE", "sB", "pc = targets[min(unsigned s, n)]")
op("RETURN", "", "return to the caller; results are already in slots 0..k-1")
op("RETURN_1", "s", "slot 0 = s; return")
op("CALL", "fs", "call function f with its frame starting at slot s (arguments there, results left there)")
op("CALL_INDIRECT", "yTss", "call table T[i32 s1], checked against type y, frame at slot s2")
op("MOV", "ds", "d = s")
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
    op("I32_" + c + "_I", "dsi", "d = i32 s %s i" % c.lower())
for n in ["ADD", "MUL", "AND", "OR", "XOR", "SHL", "SHR_S", "SHR_U"]:
    op("I32_" + n + "_I", "dsi", "d = i32 s %s i" % n.lower())
op("I64_ADD_I", "dsi", "d = i64 s + (long) i")
for n in ["MUL", "AND", "OR", "XOR"]:
    op("I64_" + n + "_L", "dsL", "d = i64 s %s L" % n.lower())
for n in ["SHL", "SHR_S", "SHR_U"]:
    op("I64_" + n + "_I", "dsi", "d = i64 s %s i" % n.lower())
for n in ["ADD", "SUB", "MUL"]:
    op("F64_" + n + "_L", "dsL", "d = f64 s %s f64 bits L" % n.lower())
for n in ["I32_LOAD", "I64_LOAD", "I32_LOAD8_S", "I32_LOAD8_U", "I32_LOAD16_S", "I32_LOAD16_U", "I64_LOAD8_S",
          "I64_LOAD8_U", "I64_LOAD16_S", "I64_LOAD16_U", "I64_LOAD32_S", "I64_LOAD32_U"]:
    op(n, "dso", "d = memory[u32 s + o] (%s; f32/f64 loads use the i32/i64 forms)" % n.lower())
op("I32_LOAD_A", "dsio", "d = memory[u32 (i32 s + i) + o] (i32.add of a constant fused into the load; f32 too)")
op("I64_LOAD_A", "dsio", "d = memory[u32 (i32 s + i) + o] (i32.add of a constant fused into the load; f64 too)")
op("STORE32", "sso", "memory[u32 s1 + o] = 4 bytes of s2 (i32.store, f32.store, i64.store32)")
op("STORE64", "sso", "memory[u32 s1 + o] = 8 bytes of s2 (i64.store, f64.store)")
op("STORE8", "sso", "memory[u32 s1 + o] = low byte of s2")
op("STORE16", "sso", "memory[u32 s1 + o] = low 2 bytes of s2")
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
 */
public final class Op {
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
path = os.path.join(os.path.dirname(__file__), "..", "main/java/dev/termcade/vm/Op.java")
open(path, "w").write("\n".join(out) + "\n")
print(len(ops), "ops")

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
     "    static {"]
for k in sorted(single):
    w.append('        NAMES[0x%02X] = "%s";' % (k, single[k]))
w += ["    }", "}"]
path = os.path.join(os.path.dirname(__file__), "..", "main/java/dev/termcade/wasm/Opcodes.java")
open(path, "w").write("\n".join(w) + "\n")
