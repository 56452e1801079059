package dev.termcade.vm;

import dev.termcade.wasm.FuncType;

/** Instructions kept out of the hot dispatch loop: each returns the next pc. */
final class RareOps {
    private RareOps() {}

    private static float f32(long bits) { return Float.intBitsToFloat((int) bits); }
    private static double f64(long bits) { return Double.longBitsToDouble(bits); }
    private static long bits(float f) { return Float.floatToRawIntBits(f); }
    private static long bits(double d) { return Double.doubleToRawLongBits(d); }

    static WasmFunction indirectTarget(Instance inst, int typeIndex, int tableIndex, int elem) {
        Table t = inst.tables[tableIndex];
        if (elem < 0 || elem >= t.size) throw new Trap(Trap.Kind.UNDEFINED_ELEMENT, "undefined element: index " + Integer.toUnsignedString(elem) + " is outside table of " + t.size);
        Object o = t.elements[elem];
        if (o == null) throw new Trap(Trap.Kind.UNINITIALIZED_ELEMENT, "uninitialized element " + elem);
        WasmFunction f = (WasmFunction) o;
        FuncType expected = inst.module.types[typeIndex];
        if (f.type != expected && !f.type.equals(expected)) {
            throw new Trap(Trap.Kind.INDIRECT_CALL_TYPE_MISMATCH, "indirect call type mismatch: expected " + expected + ", table element " + elem + " is " + f.type);
        }
        return f;
    }

    static int exec(int[] code, int pc, long[] r, Object[] refs, int fp, Instance inst, Machine m) {
        int op = code[pc];
        if (op >= Op.SIMD_BASE) return SimdOps.exec(code, pc, r, m.high, fp, inst);
        if (op >= Op.NUMERIC_BASE && op < Op.TRUNC_SAT_BASE + 8) {
            int d = fp + code[pc + 1];
            if (Op.SHAPES[op].length() == 3) {
                r[d] = binary(op, r[fp + code[pc + 2]], r[fp + code[pc + 3]]);
                return pc + 4;
            }
            r[d] = unary(op, r[fp + code[pc + 2]]);
            return pc + 3;
        }
        switch (op) {
            case Op.TRAP: {
                Trap.Kind k = Trap.Kind.values()[code[pc + 1]];
                throw new Trap(k);
            }
            case Op.SELECT_REF:
                refs[fp + code[pc + 1]] = (int) r[fp + code[pc + 2]] != 0 ? refs[fp + code[pc + 3]] : refs[fp + code[pc + 4]];
                return pc + 5;
            case Op.GLOBAL_GET_REF:
                refs[fp + code[pc + 1]] = inst.globals[code[pc + 2]].ref;
                return pc + 3;
            case Op.GLOBAL_SET_REF:
                inst.globals[code[pc + 1]].ref = refs[fp + code[pc + 2]];
                return pc + 3;
            case Op.MEMORY_SIZE:
                r[fp + code[pc + 1]] = inst.memory.pages();
                return pc + 2;
            case Op.MEMORY_GROW:
                r[fp + code[pc + 1]] = inst.memory.grow((int) r[fp + code[pc + 2]]);
                return pc + 3;
            case Op.REF_NULL:
                refs[fp + code[pc + 1]] = null;
                return pc + 2;
            case Op.REF_IS_NULL:
                r[fp + code[pc + 1]] = refs[fp + code[pc + 2]] == null ? 1 : 0;
                return pc + 3;
            case Op.REF_FUNC:
                refs[fp + code[pc + 1]] = inst.functions[code[pc + 2]];
                return pc + 3;
            case Op.TABLE_GET:
                refs[fp + code[pc + 1]] = inst.tables[code[pc + 2]].get((int) r[fp + code[pc + 3]]);
                return pc + 4;
            case Op.TABLE_SET:
                inst.tables[code[pc + 1]].set((int) r[fp + code[pc + 2]], refs[fp + code[pc + 3]]);
                return pc + 4;
            case Op.TABLE_SIZE:
                r[fp + code[pc + 1]] = inst.tables[code[pc + 2]].size;
                return pc + 3;
            case Op.TABLE_GROW:
                r[fp + code[pc + 1]] = inst.tables[code[pc + 2]].grow((int) r[fp + code[pc + 4]], refs[fp + code[pc + 3]]);
                return pc + 5;
            case Op.TABLE_FILL: {
                Table t = inst.tables[code[pc + 1]];
                long i = r[fp + code[pc + 2]] & 0xFFFFFFFFL;
                Object v = refs[fp + code[pc + 3]];
                long n = r[fp + code[pc + 4]] & 0xFFFFFFFFL;
                if (i + n > t.size) throw new Trap(Trap.Kind.TABLE_OUT_OF_BOUNDS);
                java.util.Arrays.fill(t.elements, (int) i, (int) (i + n), v);
                return pc + 5;
            }
            case Op.TABLE_COPY: {
                Table dt = inst.tables[code[pc + 1]];
                Table st = inst.tables[code[pc + 2]];
                long d = r[fp + code[pc + 3]] & 0xFFFFFFFFL;
                long s = r[fp + code[pc + 4]] & 0xFFFFFFFFL;
                long n = r[fp + code[pc + 5]] & 0xFFFFFFFFL;
                if (s + n > st.size || d + n > dt.size) throw new Trap(Trap.Kind.TABLE_OUT_OF_BOUNDS);
                System.arraycopy(st.elements, (int) s, dt.elements, (int) d, (int) n);
                return pc + 6;
            }
            case Op.TABLE_INIT: {
                Table t = inst.tables[code[pc + 1]];
                Object[] seg = inst.elemSegments[code[pc + 2]];
                long d = r[fp + code[pc + 3]] & 0xFFFFFFFFL;
                long s = r[fp + code[pc + 4]] & 0xFFFFFFFFL;
                long n = r[fp + code[pc + 5]] & 0xFFFFFFFFL;
                if (s + n > seg.length || d + n > t.size) throw new Trap(Trap.Kind.TABLE_OUT_OF_BOUNDS);
                System.arraycopy(seg, (int) s, t.elements, (int) d, (int) n);
                return pc + 6;
            }
            case Op.ELEM_DROP:
                inst.elemSegments[code[pc + 1]] = new Object[0];
                return pc + 2;
            case Op.MEMORY_INIT: {
                byte[] seg = inst.dataSegments[code[pc + 1]];
                byte[] mem = inst.memory.bytes;
                long d = r[fp + code[pc + 2]] & 0xFFFFFFFFL;
                long s = r[fp + code[pc + 3]] & 0xFFFFFFFFL;
                long n = r[fp + code[pc + 4]] & 0xFFFFFFFFL;
                if (s + n > seg.length || d + n > mem.length) throw new Trap(Trap.Kind.MEMORY_OUT_OF_BOUNDS);
                System.arraycopy(seg, (int) s, mem, (int) d, (int) n);
                return pc + 5;
            }
            case Op.DATA_DROP:
                inst.dataSegments[code[pc + 1]] = new byte[0];
                return pc + 2;
            case Op.MEMORY_COPY: {
                byte[] mem = inst.memory.bytes;
                long d = r[fp + code[pc + 1]] & 0xFFFFFFFFL;
                long s = r[fp + code[pc + 2]] & 0xFFFFFFFFL;
                long n = r[fp + code[pc + 3]] & 0xFFFFFFFFL;
                if (s + n > mem.length || d + n > mem.length) throw new Trap(Trap.Kind.MEMORY_OUT_OF_BOUNDS);
                System.arraycopy(mem, (int) s, mem, (int) d, (int) n);
                return pc + 4;
            }
            case Op.MEMORY_FILL: {
                byte[] mem = inst.memory.bytes;
                long d = r[fp + code[pc + 1]] & 0xFFFFFFFFL;
                byte v = (byte) r[fp + code[pc + 2]];
                long n = r[fp + code[pc + 3]] & 0xFFFFFFFFL;
                if (d + n > mem.length) throw new Trap(Trap.Kind.MEMORY_OUT_OF_BOUNDS);
                java.util.Arrays.fill(mem, (int) d, (int) (d + n), v);
                return pc + 4;
            }
            default:
                throw new IllegalStateException("corrupt register code: opcode " + op + " at pc " + pc);
        }
    }

    static long binary(int op, long a, long b) {
        switch (op) {
            case Op.I32_EQ: return (int) a == (int) b ? 1 : 0;
            case Op.I32_NE: return (int) a != (int) b ? 1 : 0;
            case Op.I32_LT_S: return (int) a < (int) b ? 1 : 0;
            case Op.I32_LT_U: return Integer.compareUnsigned((int) a, (int) b) < 0 ? 1 : 0;
            case Op.I32_GT_S: return (int) a > (int) b ? 1 : 0;
            case Op.I32_GT_U: return Integer.compareUnsigned((int) a, (int) b) > 0 ? 1 : 0;
            case Op.I32_LE_S: return (int) a <= (int) b ? 1 : 0;
            case Op.I32_LE_U: return Integer.compareUnsigned((int) a, (int) b) <= 0 ? 1 : 0;
            case Op.I32_GE_S: return (int) a >= (int) b ? 1 : 0;
            case Op.I32_GE_U: return Integer.compareUnsigned((int) a, (int) b) >= 0 ? 1 : 0;
            case Op.I32_ADD: return (int) a + (int) b;
            case Op.I32_SUB: return (int) a - (int) b;
            case Op.I32_MUL: return (int) a * (int) b;
            case Op.I32_DIV_S: return divS32(a, b);
            case Op.I32_DIV_U: return divU32(a, b);
            case Op.I32_REM_S: return remS32(a, b);
            case Op.I32_REM_U: return remU32(a, b);
            case Op.I32_AND: return (int) a & (int) b;
            case Op.I32_OR: return (int) a | (int) b;
            case Op.I32_XOR: return (int) a ^ (int) b;
            case Op.I32_SHL: return (int) a << (int) b;
            case Op.I32_SHR_S: return (int) a >> (int) b;
            case Op.I32_SHR_U: return (int) a >>> (int) b;
            case Op.I32_ROTL: return Integer.rotateLeft((int) a, (int) b);
            case Op.I32_ROTR: return Integer.rotateRight((int) a, (int) b);
            case Op.I64_EQ: return a == b ? 1 : 0;
            case Op.I64_NE: return a != b ? 1 : 0;
            case Op.I64_LT_S: return a < b ? 1 : 0;
            case Op.I64_LT_U: return Long.compareUnsigned(a, b) < 0 ? 1 : 0;
            case Op.I64_GT_S: return a > b ? 1 : 0;
            case Op.I64_GT_U: return Long.compareUnsigned(a, b) > 0 ? 1 : 0;
            case Op.I64_LE_S: return a <= b ? 1 : 0;
            case Op.I64_LE_U: return Long.compareUnsigned(a, b) <= 0 ? 1 : 0;
            case Op.I64_GE_S: return a >= b ? 1 : 0;
            case Op.I64_GE_U: return Long.compareUnsigned(a, b) >= 0 ? 1 : 0;
            case Op.I64_ADD: return a + b;
            case Op.I64_SUB: return a - b;
            case Op.I64_MUL: return a * b;
            case Op.I64_DIV_S: return divS64(a, b);
            case Op.I64_DIV_U: return divU64(a, b);
            case Op.I64_REM_S: return remS64(a, b);
            case Op.I64_REM_U: return remU64(a, b);
            case Op.I64_AND: return a & b;
            case Op.I64_OR: return a | b;
            case Op.I64_XOR: return a ^ b;
            case Op.I64_SHL: return a << b;
            case Op.I64_SHR_S: return a >> b;
            case Op.I64_SHR_U: return a >>> b;
            case Op.I64_ROTL: return Long.rotateLeft(a, (int) b);
            case Op.I64_ROTR: return Long.rotateRight(a, (int) b);
            case Op.F32_EQ: return f32(a) == f32(b) ? 1 : 0;
            case Op.F32_NE: return f32(a) != f32(b) ? 1 : 0;
            case Op.F32_LT: return f32(a) < f32(b) ? 1 : 0;
            case Op.F32_GT: return f32(a) > f32(b) ? 1 : 0;
            case Op.F32_LE: return f32(a) <= f32(b) ? 1 : 0;
            case Op.F32_GE: return f32(a) >= f32(b) ? 1 : 0;
            case Op.F64_EQ: return f64(a) == f64(b) ? 1 : 0;
            case Op.F64_NE: return f64(a) != f64(b) ? 1 : 0;
            case Op.F64_LT: return f64(a) < f64(b) ? 1 : 0;
            case Op.F64_GT: return f64(a) > f64(b) ? 1 : 0;
            case Op.F64_LE: return f64(a) <= f64(b) ? 1 : 0;
            case Op.F64_GE: return f64(a) >= f64(b) ? 1 : 0;
            case Op.F32_ADD: return NanRules.add32(a, b);
            case Op.F32_SUB: return NanRules.sub32(a, b);
            case Op.F32_MUL: return NanRules.mul32(a, b);
            case Op.F32_DIV: return NanRules.div32(a, b);
            case Op.F32_MIN: return NanRules.min32(a, b);
            case Op.F32_MAX: return NanRules.max32(a, b);
            case Op.F32_COPYSIGN: return ((int) a & 0x7FFFFFFF) | ((int) b & 0x80000000);
            case Op.F64_ADD: return NanRules.add64(a, b);
            case Op.F64_SUB: return NanRules.sub64(a, b);
            case Op.F64_MUL: return NanRules.mul64(a, b);
            case Op.F64_DIV: return NanRules.div64(a, b);
            case Op.F64_MIN: return NanRules.min64(a, b);
            case Op.F64_MAX: return NanRules.max64(a, b);
            case Op.F64_COPYSIGN: return (a & Long.MAX_VALUE) | (b & Long.MIN_VALUE);
            default: throw new IllegalStateException("not a binary op: " + op);
        }
    }

    // Integer division and remainder, shared by the interpreter (through binary) and compiled code.
    static long divS32(long a, long b) {
        int x = (int) a, y = (int) b;
        if (y == 0) throw new Trap(Trap.Kind.INTEGER_DIVIDE_BY_ZERO);
        if (x == Integer.MIN_VALUE && y == -1) throw new Trap(Trap.Kind.INTEGER_OVERFLOW);
        return x / y;
    }

    static long divU32(long a, long b) { if ((int) b == 0) throw new Trap(Trap.Kind.INTEGER_DIVIDE_BY_ZERO); return Integer.divideUnsigned((int) a, (int) b); }
    static long remS32(long a, long b) { if ((int) b == 0) throw new Trap(Trap.Kind.INTEGER_DIVIDE_BY_ZERO); return (int) a % (int) b; }
    static long remU32(long a, long b) { if ((int) b == 0) throw new Trap(Trap.Kind.INTEGER_DIVIDE_BY_ZERO); return Integer.remainderUnsigned((int) a, (int) b); }

    static long divS64(long a, long b) {
        if (b == 0) throw new Trap(Trap.Kind.INTEGER_DIVIDE_BY_ZERO);
        if (a == Long.MIN_VALUE && b == -1) throw new Trap(Trap.Kind.INTEGER_OVERFLOW);
        return a / b;
    }

    static long divU64(long a, long b) { if (b == 0) throw new Trap(Trap.Kind.INTEGER_DIVIDE_BY_ZERO); return Long.divideUnsigned(a, b); }
    static long remS64(long a, long b) { if (b == 0) throw new Trap(Trap.Kind.INTEGER_DIVIDE_BY_ZERO); return a % b; }
    static long remU64(long a, long b) { if (b == 0) throw new Trap(Trap.Kind.INTEGER_DIVIDE_BY_ZERO); return Long.remainderUnsigned(a, b); }

    static long unary(int op, long a) {
        switch (op) {
            case Op.I32_EQZ: return (int) a == 0 ? 1 : 0;
            case Op.I64_EQZ: return a == 0 ? 1 : 0;
            case Op.I32_CLZ: return Integer.numberOfLeadingZeros((int) a);
            case Op.I32_CTZ: return Integer.numberOfTrailingZeros((int) a);
            case Op.I32_POPCNT: return Integer.bitCount((int) a);
            case Op.I64_CLZ: return Long.numberOfLeadingZeros(a);
            case Op.I64_CTZ: return Long.numberOfTrailingZeros(a);
            case Op.I64_POPCNT: return Long.bitCount(a);
            case Op.F32_ABS: return (int) a & 0x7FFFFFFF;
            case Op.F32_NEG: return (int) a ^ 0x80000000;
            case Op.F32_CEIL: return bits(quiet((float) Math.ceil(f32(a)), f32(a)));
            case Op.F32_FLOOR: return bits(quiet((float) Math.floor(f32(a)), f32(a)));
            case Op.F32_TRUNC: { float x = f32(a); return bits(quiet((float) (x < 0 ? Math.ceil(x) : Math.floor(x)), x)); }
            case Op.F32_NEAREST: return bits(quiet((float) Math.rint(f32(a)), f32(a)));
            case Op.F32_SQRT: return bits((float) Math.sqrt(f32(a)));
            case Op.F64_ABS: return a & Long.MAX_VALUE;
            case Op.F64_NEG: return a ^ Long.MIN_VALUE;
            case Op.F64_CEIL: return bits(quiet(Math.ceil(f64(a)), f64(a)));
            case Op.F64_FLOOR: return bits(quiet(Math.floor(f64(a)), f64(a)));
            case Op.F64_TRUNC: { double x = f64(a); return bits(quiet(x < 0 ? Math.ceil(x) : Math.floor(x), x)); }
            case Op.F64_NEAREST: return bits(quiet(Math.rint(f64(a)), f64(a)));
            case Op.F64_SQRT: return bits(Math.sqrt(f64(a)));
            case Op.I32_WRAP_I64: return (int) a;
            case Op.I32_TRUNC_F32_S: {
                float x = f32(a);
                if (x != x) throw new Trap(Trap.Kind.INVALID_CONVERSION);
                if (!(x >= -2147483648f && x < 2147483648f)) throw new Trap(Trap.Kind.INTEGER_OVERFLOW);
                return (int) x;
            }
            case Op.I32_TRUNC_F32_U: {
                float x = f32(a);
                if (x != x) throw new Trap(Trap.Kind.INVALID_CONVERSION);
                if (!(x > -1f && x < 4294967296f)) throw new Trap(Trap.Kind.INTEGER_OVERFLOW);
                return (int) (long) x;
            }
            case Op.I32_TRUNC_F64_S: {
                double x = f64(a);
                if (x != x) throw new Trap(Trap.Kind.INVALID_CONVERSION);
                if (!(x > -2147483649.0 && x < 2147483648.0)) throw new Trap(Trap.Kind.INTEGER_OVERFLOW);
                return (int) x;
            }
            case Op.I32_TRUNC_F64_U: {
                double x = f64(a);
                if (x != x) throw new Trap(Trap.Kind.INVALID_CONVERSION);
                if (!(x > -1.0 && x < 4294967296.0)) throw new Trap(Trap.Kind.INTEGER_OVERFLOW);
                return (int) (long) x;
            }
            case Op.I64_EXTEND_I32_S: return (int) a;
            case Op.I64_EXTEND_I32_U: return a & 0xFFFFFFFFL;
            case Op.I64_TRUNC_F32_S: return truncS64(f32(a), true);
            case Op.I64_TRUNC_F32_U: return truncU64(f32(a), true);
            case Op.I64_TRUNC_F64_S: return truncS64(f64(a), true);
            case Op.I64_TRUNC_F64_U: return truncU64(f64(a), true);
            case Op.F32_CONVERT_I32_S: return bits((float) (int) a);
            case Op.F32_CONVERT_I32_U: return bits((float) (a & 0xFFFFFFFFL));
            case Op.F32_CONVERT_I64_S: return bits((float) a);
            case Op.F32_CONVERT_I64_U: {
                if (a >= 0) return bits((float) a);
                float f = (float) ((a >>> 1) | (a & 1));
                return bits(f * 2f);
            }
            case Op.F32_DEMOTE_F64: return bits((float) f64(a));
            case Op.F64_CONVERT_I32_S: return bits((double) (int) a);
            case Op.F64_CONVERT_I32_U: return bits((double) (a & 0xFFFFFFFFL));
            case Op.F64_CONVERT_I64_S: return bits((double) a);
            case Op.F64_CONVERT_I64_U: {
                if (a >= 0) return bits((double) a);
                double f = (double) ((a >>> 1) | (a & 1));
                return bits(f * 2.0);
            }
            case Op.F64_PROMOTE_F32: return bits((double) f32(a));
            case Op.I32_REINTERPRET_F32: return (int) a;
            case Op.I64_REINTERPRET_F64: return a;
            case Op.F32_REINTERPRET_I32: return (int) a;
            case Op.F64_REINTERPRET_I64: return a;
            case Op.I32_EXTEND8_S: return (byte) a;
            case Op.I32_EXTEND16_S: return (short) a;
            case Op.I64_EXTEND8_S: return (byte) a;
            case Op.I64_EXTEND16_S: return (short) a;
            case Op.I64_EXTEND32_S: return (int) a;
            case Op.I32_TRUNC_SAT_F32_S: return (int) f32(a);
            case Op.I32_TRUNC_SAT_F32_U: return satU32(f32(a));
            case Op.I32_TRUNC_SAT_F64_S: return (int) f64(a);
            case Op.I32_TRUNC_SAT_F64_U: return satU32(f64(a));
            case Op.I64_TRUNC_SAT_F32_S: return (long) f32(a);
            case Op.I64_TRUNC_SAT_F32_U: return truncU64(f32(a), false);
            case Op.I64_TRUNC_SAT_F64_S: return (long) f64(a);
            case Op.I64_TRUNC_SAT_F64_U: return truncU64(f64(a), false);
            default: throw new IllegalStateException("not a unary op: " + op);
        }
    }

    /** Rounding functions must turn a signalling NaN into a quiet one, as arithmetic does. */
    private static float quiet(float result, float input) { return input != input ? input + input : result; }
    private static double quiet(double result, double input) { return input != input ? input + input : result; }

    private static long truncS64(double x, boolean trapping) {
        if (x != x) throw new Trap(Trap.Kind.INVALID_CONVERSION);
        if (!(x >= -9223372036854775808.0 && x < 9223372036854775808.0)) throw new Trap(Trap.Kind.INTEGER_OVERFLOW);
        return (long) x;
    }

    private static long truncU64(double x, boolean trapping) {
        if (x != x) {
            if (trapping) throw new Trap(Trap.Kind.INVALID_CONVERSION);
            return 0;
        }
        if (!(x > -1.0 && x < 18446744073709551616.0)) {
            if (trapping) throw new Trap(Trap.Kind.INTEGER_OVERFLOW);
            return x < 0 ? 0 : -1L;
        }
        if (x < 9223372036854775808.0) return (long) x;
        return (long) (x - 9223372036854775808.0) + Long.MIN_VALUE;
    }

    private static long satU32(double x) {
        if (x != x || x <= 0) return 0;
        if (x >= 4294967295.0) return -1;
        return (int) (long) x;
    }
}
