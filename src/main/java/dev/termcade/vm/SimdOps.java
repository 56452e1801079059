package dev.termcade.vm;

import java.util.HashMap;
import java.util.Map;

/**
 * The fixed-width SIMD instructions (and v128 moves), outside the hot dispatch loop. A v128 in slot s is
 * {@code r[s]} (bytes 0..7) and {@code h[s]} (bytes 8..15), lanes little-endian as in memory.
 *
 * <p>Most instructions are computed lane by lane: {@link #lane} gives result lane k from the operands, and
 * {@link #assemble} packs the lanes. Lane-wise integer and float arithmetic reuses the scalar instruction of the
 * same name ({@code i8x16.add} is {@code i32.add} on each lane, {@code f32x4.nearest} is {@code f32.nearest}), so
 * NaN and rounding rules are the scalar ones.
 */
final class SimdOps {
    private SimdOps() {}

    /** Bits of one result lane, by instruction (from the name's shape prefix; v128 bitwise ops use 64). */
    private static final byte[] LANE_BITS = new byte[Op.COUNT];
    /** The scalar instruction applied to each lane, or -1 for instructions with their own rule. */
    private static final int[] SCALAR = new int[Op.COUNT];
    /** Lanes are read sign-extended (names ending in {@code _s}) rather than zero-extended. */
    private static final boolean[] SIGNED = new boolean[Op.COUNT];

    static {
        Map<String, Integer> byName = new HashMap<>();
        for (int op = 0; op < Op.SIMD_BASE; op++) byName.put(Op.NAMES[op], op);
        for (int op = Op.SIMD_BASE; op < Op.COUNT; op++) {
            String name = Op.NAMES[op];
            int us = name.indexOf('_');
            String shape = name.substring(0, us), rest = name.substring(us + 1);
            LANE_BITS[op] = (byte) (shape.startsWith("i8x") ? 8 : shape.startsWith("i16") ? 16 : shape.equals("i32x4") || shape.equals("f32x4") ? 32 : 64);
            SIGNED[op] = name.endsWith("_s");
            String scalarShape = shape.equals("v128") || shape.equals("i64x2") ? "i64" : shape.equals("f32x4") ? "f32" : shape.equals("f64x2") ? "f64" : "i32";
            String scalar = scalarShape + "_" + rest.replace("i32x4", "i32").replace("f32x4", "f32").replace("f64x2", "f64");
            boolean laneWise = !rest.contains("load") && !rest.contains("store") && !rest.contains("lane") && !rest.contains("splat");
            SCALAR[op] = laneWise && byName.containsKey(scalar) ? byName.get(scalar) : -1;
        }
    }

    private static boolean isCompare(int scalarOp) {
        return scalarOp >= Op.I32_EQ && scalarOp <= Op.F64_GE && scalarOp != Op.I64_EQZ;
    }

    private static boolean isShift(int scalarOp) {
        return scalarOp == Op.I32_SHL || scalarOp == Op.I32_SHR_S || scalarOp == Op.I32_SHR_U
                || scalarOp == Op.I64_SHL || scalarOp == Op.I64_SHR_S || scalarOp == Op.I64_SHR_U;
    }

    private static long mask(int bits) { return bits == 64 ? -1L : (1L << bits) - 1; }

    /** Lane k of {lo, hi} with lanes of {@code bits}, zero-extended. */
    static long laneU(long lo, long hi, int bits, int k) {
        int bit = k * bits;
        long w = bit < 64 ? lo : hi;
        return (w >>> (bit & 63)) & mask(bits);
    }

    /** Lane k of {lo, hi} with lanes of {@code bits}, sign-extended. */
    static long laneS(long lo, long hi, int bits, int k) {
        int shift = 64 - bits;
        return laneU(lo, hi, bits, k) << shift >> shift;
    }

    private static long lane(boolean signed, long lo, long hi, int bits, int k) {
        return signed ? laneS(lo, hi, bits, k) : laneU(lo, hi, bits, k);
    }

    private static long clamp(long v, long min, long max) { return v < min ? min : v > max ? max : v; }

    private static long signedMin(int bits) { return -(1L << (bits - 1)); }

    private static long signedMax(int bits) { return (1L << (bits - 1)) - 1; }

    /** Computes every result lane with {@link #lane} and writes the v128 to slot {@code d}. */
    private static void assemble(int op, long[] r, long[] h, int d, long alo, long ahi, long blo, long bhi, long clo, long chi) {
        int bits = LANE_BITS[op];
        long mask = mask(bits), lo = 0, hi = 0;
        for (int k = 0, n = 128 / bits; k < n; k++) {
            long v = lane(op, bits, alo, ahi, blo, bhi, clo, chi, k) & mask;
            int bit = k * bits;
            if (bit < 64) lo |= v << bit;
            else hi |= v << (bit - 64);
        }
        r[d] = lo;
        h[d] = hi;
    }

    /**
     * Result lane {@code k} (of {@code bits}) of {@code op} on vectors a, b and c ({@code clo} is the shift count of
     * shifts and the lane indices of shuffles, with {@code chi}); splats take their scalar as {@code alo}.
     */
    private static long lane(int op, int bits, long alo, long ahi, long blo, long bhi, long clo, long chi, int k) {
        int scalar = SCALAR[op];
        boolean signed = SIGNED[op];
        if (scalar >= 0) {
            long x = lane(signed, alo, ahi, bits, k);
            if (Op.SHAPES[op].length() == 2) return RareOps.unary(scalar, x);
            long y = isShift(scalar) ? clo & (bits - 1) : lane(signed, blo, bhi, bits, k);
            long v = RareOps.binary(scalar, x, y);
            return isCompare(scalar) ? -v : v;
        }
        int half = bits / 2, wide = bits * 2, n = 128 / bits;
        switch (op) {
            case Op.I8X16_SPLAT: case Op.I16X8_SPLAT: case Op.I32X4_SPLAT: case Op.I64X2_SPLAT: case Op.F32X4_SPLAT: case Op.F64X2_SPLAT:
                return alo;
            case Op.I8X16_SHUFFLE: {
                int i = (int) laneU(clo, chi, 8, k);
                return i < 16 ? laneU(alo, ahi, 8, i) : laneU(blo, bhi, 8, i - 16);
            }
            case Op.I8X16_SWIZZLE: {
                long i = laneU(blo, bhi, 8, k);
                return i < 16 ? laneU(alo, ahi, 8, (int) i) : 0;
            }
            case Op.V128_NOT: return ~laneU(alo, ahi, 64, k);
            case Op.V128_ANDNOT: return laneU(alo, ahi, 64, k) & ~laneU(blo, bhi, 64, k);
            case Op.V128_BITSELECT: {
                long m = laneU(clo, chi, 64, k);
                return (laneU(alo, ahi, 64, k) & m) | (laneU(blo, bhi, 64, k) & ~m);
            }
            case Op.I8X16_ABS: case Op.I16X8_ABS: case Op.I32X4_ABS: case Op.I64X2_ABS: return Math.abs(laneS(alo, ahi, bits, k));
            case Op.I8X16_NEG: case Op.I16X8_NEG: case Op.I32X4_NEG: case Op.I64X2_NEG: return -laneS(alo, ahi, bits, k);
            case Op.I8X16_MIN_S: case Op.I8X16_MIN_U: case Op.I16X8_MIN_S: case Op.I16X8_MIN_U: case Op.I32X4_MIN_S: case Op.I32X4_MIN_U:
                return Math.min(lane(signed, alo, ahi, bits, k), lane(signed, blo, bhi, bits, k));
            case Op.I8X16_MAX_S: case Op.I8X16_MAX_U: case Op.I16X8_MAX_S: case Op.I16X8_MAX_U: case Op.I32X4_MAX_S: case Op.I32X4_MAX_U:
                return Math.max(lane(signed, alo, ahi, bits, k), lane(signed, blo, bhi, bits, k));
            case Op.I8X16_ADD_SAT_S: case Op.I16X8_ADD_SAT_S:
                return clamp(laneS(alo, ahi, bits, k) + laneS(blo, bhi, bits, k), signedMin(bits), signedMax(bits));
            case Op.I8X16_SUB_SAT_S: case Op.I16X8_SUB_SAT_S:
                return clamp(laneS(alo, ahi, bits, k) - laneS(blo, bhi, bits, k), signedMin(bits), signedMax(bits));
            case Op.I8X16_ADD_SAT_U: case Op.I16X8_ADD_SAT_U:
                return clamp(laneU(alo, ahi, bits, k) + laneU(blo, bhi, bits, k), 0, mask(bits));
            case Op.I8X16_SUB_SAT_U: case Op.I16X8_SUB_SAT_U:
                return clamp(laneU(alo, ahi, bits, k) - laneU(blo, bhi, bits, k), 0, mask(bits));
            case Op.I8X16_AVGR_U: case Op.I16X8_AVGR_U:
                return (laneU(alo, ahi, bits, k) + laneU(blo, bhi, bits, k) + 1) >>> 1;
            case Op.I16X8_Q15MULR_SAT_S:
                return clamp((laneS(alo, ahi, 16, k) * laneS(blo, bhi, 16, k) + 0x4000) >> 15, Short.MIN_VALUE, Short.MAX_VALUE);
            case Op.I8X16_NARROW_I16X8_S: case Op.I16X8_NARROW_I32X4_S: case Op.I8X16_NARROW_I16X8_U: case Op.I16X8_NARROW_I32X4_U: {
                long v = k < n / 2 ? laneS(alo, ahi, wide, k) : laneS(blo, bhi, wide, k - n / 2);
                return signed ? clamp(v, signedMin(bits), signedMax(bits)) : clamp(v, 0, mask(bits));
            }
            case Op.I16X8_EXTEND_LOW_I8X16_S: case Op.I16X8_EXTEND_LOW_I8X16_U: case Op.I32X4_EXTEND_LOW_I16X8_S:
            case Op.I32X4_EXTEND_LOW_I16X8_U: case Op.I64X2_EXTEND_LOW_I32X4_S: case Op.I64X2_EXTEND_LOW_I32X4_U:
                return lane(signed, alo, ahi, half, k);
            case Op.I16X8_EXTEND_HIGH_I8X16_S: case Op.I16X8_EXTEND_HIGH_I8X16_U: case Op.I32X4_EXTEND_HIGH_I16X8_S:
            case Op.I32X4_EXTEND_HIGH_I16X8_U: case Op.I64X2_EXTEND_HIGH_I32X4_S: case Op.I64X2_EXTEND_HIGH_I32X4_U:
                return lane(signed, alo, ahi, half, k + n);
            case Op.I16X8_EXTMUL_LOW_I8X16_S: case Op.I16X8_EXTMUL_LOW_I8X16_U: case Op.I32X4_EXTMUL_LOW_I16X8_S:
            case Op.I32X4_EXTMUL_LOW_I16X8_U: case Op.I64X2_EXTMUL_LOW_I32X4_S: case Op.I64X2_EXTMUL_LOW_I32X4_U:
                return lane(signed, alo, ahi, half, k) * lane(signed, blo, bhi, half, k);
            case Op.I16X8_EXTMUL_HIGH_I8X16_S: case Op.I16X8_EXTMUL_HIGH_I8X16_U: case Op.I32X4_EXTMUL_HIGH_I16X8_S:
            case Op.I32X4_EXTMUL_HIGH_I16X8_U: case Op.I64X2_EXTMUL_HIGH_I32X4_S: case Op.I64X2_EXTMUL_HIGH_I32X4_U:
                return lane(signed, alo, ahi, half, k + n) * lane(signed, blo, bhi, half, k + n);
            case Op.I16X8_EXTADD_PAIRWISE_I8X16_S: case Op.I16X8_EXTADD_PAIRWISE_I8X16_U:
            case Op.I32X4_EXTADD_PAIRWISE_I16X8_S: case Op.I32X4_EXTADD_PAIRWISE_I16X8_U:
                return lane(signed, alo, ahi, half, 2 * k) + lane(signed, alo, ahi, half, 2 * k + 1);
            case Op.I32X4_DOT_I16X8_S:
                return laneS(alo, ahi, 16, 2 * k) * laneS(blo, bhi, 16, 2 * k) + laneS(alo, ahi, 16, 2 * k + 1) * laneS(blo, bhi, 16, 2 * k + 1);
            case Op.F32X4_PMIN: case Op.F32X4_PMAX: case Op.F64X2_PMIN: case Op.F64X2_PMAX: {
                // Pseudo-min/max are defined by a single comparison: b < a ? b : a (min), a < b ? b : a (max).
                long a = laneU(alo, ahi, bits, k), b = laneU(blo, bhi, bits, k);
                int lt = bits == 32 ? Op.F32_LT : Op.F64_LT;
                boolean min = op == Op.F32X4_PMIN || op == Op.F64X2_PMIN;
                return min ? (RareOps.binary(lt, b, a) != 0 ? b : a) : (RareOps.binary(lt, a, b) != 0 ? b : a);
            }
            case Op.F32X4_DEMOTE_F64X2_ZERO:
                return k < 2 ? RareOps.unary(Op.F32_DEMOTE_F64, laneU(alo, ahi, 64, k)) : 0;
            case Op.I32X4_TRUNC_SAT_F64X2_S_ZERO:
                return k < 2 ? RareOps.unary(Op.I32_TRUNC_SAT_F64_S, laneU(alo, ahi, 64, k)) : 0;
            case Op.I32X4_TRUNC_SAT_F64X2_U_ZERO:
                return k < 2 ? RareOps.unary(Op.I32_TRUNC_SAT_F64_U, laneU(alo, ahi, 64, k)) : 0;
            case Op.F64X2_PROMOTE_LOW_F32X4: return RareOps.unary(Op.F64_PROMOTE_F32, laneU(alo, ahi, 32, k));
            case Op.F64X2_CONVERT_LOW_I32X4_S: return RareOps.unary(Op.F64_CONVERT_I32_S, laneU(alo, ahi, 32, k));
            case Op.F64X2_CONVERT_LOW_I32X4_U: return RareOps.unary(Op.F64_CONVERT_I32_U, laneU(alo, ahi, 32, k));
            default:
                throw new IllegalStateException("corrupt register code: " + Op.NAMES[op] + " is not a lane-wise SIMD instruction");
        }
    }

    /** Effective address of an access of {@code size} bytes; traps unless all of it lies in memory. */
    private static int address(byte[] mem, long base, int offset, int size) {
        return Interpreter.ea(mem, base, offset, size);
    }

    /** {@code size} bytes little-endian at {@code ea}, zero-extended. */
    private static long read(byte[] mem, int ea, int size) {
        long v = 0;
        for (int i = size - 1; i >= 0; i--) v = v << 8 | (mem[ea + i] & 0xFF);
        return v;
    }

    private static void write(byte[] mem, int ea, int size, long v) {
        for (int i = 0; i < size; i++) mem[ea + i] = (byte) (v >>> (8 * i));
    }

    /** Returns {lo, hi} with lane k (of {@code bits}) replaced by {@code v}: the low word when {@code wantHigh} is false. */
    private static long withLane(long lo, long hi, int bits, int k, long v, boolean wantHigh) {
        int bit = k * bits;
        long m = mask(bits) << (bit & 63);
        long shifted = (v << (bit & 63)) & m;
        if (bit < 64) return wantHigh ? hi : (lo & ~m) | shifted;
        return wantHigh ? (hi & ~m) | shifted : lo;
    }

    private static final long LOW32 = 0xFFFFFFFFL, HIGH32 = 0xFFFFFFFF00000000L;
    private static final long BYTE_LOW7 = 0x7F7F7F7F7F7F7F7FL, BYTE_TOP = 0x8080808080808080L;
    private static final long SHORT_LOW15 = 0x7FFF7FFF7FFF7FFFL, SHORT_TOP = 0x8000800080008000L;

    /**
     * The frequent whole-vector instructions whose lanes never cross a 64-bit half, computed on each half at once
     * (carries kept inside lanes by masking the top bit of each lane). Same results as {@link #lane}, several
     * times faster: auto-vectorised C is mostly these.
     */
    private static long half(int op, long x, long y) {
        switch (op) {
            case Op.V128_AND: return x & y;
            case Op.V128_OR: return x | y;
            case Op.V128_XOR: return x ^ y;
            case Op.V128_ANDNOT: return x & ~y;
            case Op.I8X16_ADD: return ((x & BYTE_LOW7) + (y & BYTE_LOW7)) ^ ((x ^ y) & BYTE_TOP);
            case Op.I8X16_SUB: return ((x | BYTE_TOP) - (y & BYTE_LOW7)) ^ ((x ^ ~y) & BYTE_TOP);
            case Op.I16X8_ADD: return ((x & SHORT_LOW15) + (y & SHORT_LOW15)) ^ ((x ^ y) & SHORT_TOP);
            case Op.I16X8_SUB: return ((x | SHORT_TOP) - (y & SHORT_LOW15)) ^ ((x ^ ~y) & SHORT_TOP);
            case Op.I32X4_ADD: return ((x & HIGH32) + (y & HIGH32)) | ((x + y) & LOW32);
            case Op.I32X4_SUB: return ((x & HIGH32) - (y & HIGH32)) | ((x - y) & LOW32);
            case Op.I32X4_MUL: return ((long) ((int) (x >>> 32) * (int) (y >>> 32)) << 32) | (((int) x * (int) y) & LOW32);
            case Op.I64X2_ADD: return x + y;
            case Op.I64X2_SUB: return x - y;
            case Op.I64X2_MUL: return x * y;
            case Op.F32X4_ADD: return floats(Float.intBitsToFloat((int) (x >>> 32)) + Float.intBitsToFloat((int) (y >>> 32)), Float.intBitsToFloat((int) x) + Float.intBitsToFloat((int) y));
            case Op.F32X4_SUB: return floats(Float.intBitsToFloat((int) (x >>> 32)) - Float.intBitsToFloat((int) (y >>> 32)), Float.intBitsToFloat((int) x) - Float.intBitsToFloat((int) y));
            case Op.F32X4_MUL: return floats(Float.intBitsToFloat((int) (x >>> 32)) * Float.intBitsToFloat((int) (y >>> 32)), Float.intBitsToFloat((int) x) * Float.intBitsToFloat((int) y));
            case Op.F32X4_DIV: return floats(Float.intBitsToFloat((int) (x >>> 32)) / Float.intBitsToFloat((int) (y >>> 32)), Float.intBitsToFloat((int) x) / Float.intBitsToFloat((int) y));
            case Op.F64X2_ADD: return Double.doubleToRawLongBits(Double.longBitsToDouble(x) + Double.longBitsToDouble(y));
            case Op.F64X2_SUB: return Double.doubleToRawLongBits(Double.longBitsToDouble(x) - Double.longBitsToDouble(y));
            case Op.F64X2_MUL: return Double.doubleToRawLongBits(Double.longBitsToDouble(x) * Double.longBitsToDouble(y));
            case Op.F64X2_DIV: return Double.doubleToRawLongBits(Double.longBitsToDouble(x) / Double.longBitsToDouble(y));
            default: throw new IllegalStateException("corrupt register code: " + Op.NAMES[op] + " has no half-vector form");
        }
    }

    private static long floats(float upper, float lower) {
        return (long) Float.floatToRawIntBits(upper) << 32 | (Float.floatToRawIntBits(lower) & LOW32);
    }

    /** A scalar repeated in every lane of a 64-bit half. */
    private static long splatHalf(int op, long x) {
        switch (op) {
            case Op.I8X16_SPLAT: return (x & 0xFF) * 0x0101010101010101L;
            case Op.I16X8_SPLAT: return (x & 0xFFFF) * 0x0001000100010001L;
            case Op.I32X4_SPLAT: case Op.F32X4_SPLAT: return (x & LOW32) * 0x0000000100000001L;
            default: return x;
        }
    }

    /** Executes the SIMD instruction at {@code pc}; returns the next pc. */
    static int exec(int[] code, int pc, long[] r, long[] h, int fp, Instance inst) {
        int op = code[pc];
        int d = fp + code[pc + 1];
        switch (op) {
            case Op.MOV_V128: {
                int s = fp + code[pc + 2];
                r[d] = r[s];
                h[d] = h[s];
                return pc + 3;
            }
            case Op.SELECT_V128: {
                int s = (int) r[fp + code[pc + 2]] != 0 ? fp + code[pc + 3] : fp + code[pc + 4];
                r[d] = r[s];
                h[d] = h[s];
                return pc + 5;
            }
            case Op.GLOBAL_GET_V128: {
                GlobalVar g = inst.globals[code[pc + 2]];
                r[d] = g.value;
                h[d] = g.high;
                return pc + 3;
            }
            case Op.GLOBAL_SET_V128: {
                GlobalVar g = inst.globals[code[pc + 1]];
                int s = fp + code[pc + 2];
                g.value = r[s];
                g.high = h[s];
                return pc + 3;
            }
            case Op.V128_CONST:
                r[d] = (code[pc + 2] & 0xFFFFFFFFL) | (long) code[pc + 3] << 32;
                h[d] = (code[pc + 4] & 0xFFFFFFFFL) | (long) code[pc + 5] << 32;
                return pc + 6;
            case Op.V128_AND: case Op.V128_OR: case Op.V128_XOR: case Op.V128_ANDNOT: case Op.I8X16_ADD: case Op.I8X16_SUB:
            case Op.I16X8_ADD: case Op.I16X8_SUB: case Op.I32X4_ADD: case Op.I32X4_SUB: case Op.I32X4_MUL: case Op.I64X2_ADD:
            case Op.I64X2_SUB: case Op.I64X2_MUL: case Op.F32X4_ADD: case Op.F32X4_SUB: case Op.F32X4_MUL: case Op.F32X4_DIV:
            case Op.F64X2_ADD: case Op.F64X2_SUB: case Op.F64X2_MUL: case Op.F64X2_DIV: {
                int a = fp + code[pc + 2], b = fp + code[pc + 3];
                long lo = half(op, r[a], r[b]), hi = half(op, h[a], h[b]);
                r[d] = lo;
                h[d] = hi;
                return pc + 4;
            }
            case Op.I8X16_SPLAT: case Op.I16X8_SPLAT: case Op.I32X4_SPLAT: case Op.I64X2_SPLAT: case Op.F32X4_SPLAT: case Op.F64X2_SPLAT: {
                long v = splatHalf(op, r[fp + code[pc + 2]]);
                r[d] = v;
                h[d] = v;
                return pc + 3;
            }
            case Op.I8X16_SHUFFLE: {
                int a = fp + code[pc + 2], b = fp + code[pc + 3];
                long lanesLo = (code[pc + 4] & 0xFFFFFFFFL) | (long) code[pc + 5] << 32;
                long lanesHi = (code[pc + 6] & 0xFFFFFFFFL) | (long) code[pc + 7] << 32;
                assemble(op, r, h, d, r[a], h[a], r[b], h[b], lanesLo, lanesHi);
                return pc + 8;
            }

            // Memory: d, address slot, offset.
            case Op.V128_LOAD: {
                byte[] mem = inst.memory.bytes;
                int ea = address(mem, r[fp + code[pc + 2]], code[pc + 3], 16);
                r[d] = read(mem, ea, 8);
                h[d] = read(mem, ea + 8, 8);
                return pc + 4;
            }
            case Op.V128_LOAD8X8_S: return loadThen(code, pc, r, h, fp, inst, 8, Op.I16X8_EXTEND_LOW_I8X16_S);
            case Op.V128_LOAD8X8_U: return loadThen(code, pc, r, h, fp, inst, 8, Op.I16X8_EXTEND_LOW_I8X16_U);
            case Op.V128_LOAD16X4_S: return loadThen(code, pc, r, h, fp, inst, 8, Op.I32X4_EXTEND_LOW_I16X8_S);
            case Op.V128_LOAD16X4_U: return loadThen(code, pc, r, h, fp, inst, 8, Op.I32X4_EXTEND_LOW_I16X8_U);
            case Op.V128_LOAD32X2_S: return loadThen(code, pc, r, h, fp, inst, 8, Op.I64X2_EXTEND_LOW_I32X4_S);
            case Op.V128_LOAD32X2_U: return loadThen(code, pc, r, h, fp, inst, 8, Op.I64X2_EXTEND_LOW_I32X4_U);
            case Op.V128_LOAD8_SPLAT: return loadThen(code, pc, r, h, fp, inst, 1, Op.I8X16_SPLAT);
            case Op.V128_LOAD16_SPLAT: return loadThen(code, pc, r, h, fp, inst, 2, Op.I16X8_SPLAT);
            case Op.V128_LOAD32_SPLAT: return loadThen(code, pc, r, h, fp, inst, 4, Op.I32X4_SPLAT);
            case Op.V128_LOAD64_SPLAT: return loadThen(code, pc, r, h, fp, inst, 8, Op.I64X2_SPLAT);
            case Op.V128_LOAD32_ZERO:
            case Op.V128_LOAD64_ZERO: {
                int size = op == Op.V128_LOAD32_ZERO ? 4 : 8;
                byte[] mem = inst.memory.bytes;
                r[d] = read(mem, address(mem, r[fp + code[pc + 2]], code[pc + 3], size), size);
                h[d] = 0;
                return pc + 4;
            }
            case Op.V128_STORE: {
                // address slot, value slot, offset: nothing is written unless all 16 bytes fit.
                byte[] mem = inst.memory.bytes;
                int addr = d, v = fp + code[pc + 2]; // word 1 is the address here, not a destination
                int ea = address(mem, r[addr], code[pc + 3], 16);
                write(mem, ea, 8, r[v]);
                write(mem, ea + 8, 8, h[v]);
                return pc + 4;
            }
            case Op.V128_LOAD8_LANE: case Op.V128_LOAD16_LANE: case Op.V128_LOAD32_LANE: case Op.V128_LOAD64_LANE: {
                // d, address slot, vector slot, offset, lane
                int size = 1 << (op - Op.V128_LOAD8_LANE);
                byte[] mem = inst.memory.bytes;
                long v = read(mem, address(mem, r[fp + code[pc + 2]], code[pc + 4], size), size);
                int s = fp + code[pc + 3], k = code[pc + 5];
                long lo = withLane(r[s], h[s], size * 8, k, v, false), hi = withLane(r[s], h[s], size * 8, k, v, true);
                r[d] = lo;
                h[d] = hi;
                return pc + 6;
            }
            case Op.V128_STORE8_LANE: case Op.V128_STORE16_LANE: case Op.V128_STORE32_LANE: case Op.V128_STORE64_LANE: {
                // address slot, vector slot, offset, lane
                int size = 1 << (op - Op.V128_STORE8_LANE);
                byte[] mem = inst.memory.bytes;
                int addr = d, s = fp + code[pc + 2]; // word 1 is the address here, not a destination
                int ea = address(mem, r[addr], code[pc + 3], size);
                write(mem, ea, size, laneU(r[s], h[s], size * 8, code[pc + 4]));
                return pc + 5;
            }

            // Lanes to and from scalars: d, vector slot, [scalar slot,] lane.
            case Op.I8X16_EXTRACT_LANE_S: case Op.I16X8_EXTRACT_LANE_S: case Op.I32X4_EXTRACT_LANE: case Op.F32X4_EXTRACT_LANE:
            case Op.I64X2_EXTRACT_LANE: case Op.F64X2_EXTRACT_LANE: {
                int s = fp + code[pc + 2];
                r[d] = laneS(r[s], h[s], LANE_BITS[op], code[pc + 3]);
                return pc + 4;
            }
            case Op.I8X16_EXTRACT_LANE_U: case Op.I16X8_EXTRACT_LANE_U: {
                int s = fp + code[pc + 2];
                r[d] = laneU(r[s], h[s], LANE_BITS[op], code[pc + 3]);
                return pc + 4;
            }
            case Op.I8X16_REPLACE_LANE: case Op.I16X8_REPLACE_LANE: case Op.I32X4_REPLACE_LANE: case Op.F32X4_REPLACE_LANE:
            case Op.I64X2_REPLACE_LANE: case Op.F64X2_REPLACE_LANE: {
                int s = fp + code[pc + 2];
                long v = r[fp + code[pc + 3]];
                int k = code[pc + 4], bits = LANE_BITS[op];
                long lo = withLane(r[s], h[s], bits, k, v, false), hi = withLane(r[s], h[s], bits, k, v, true);
                r[d] = lo;
                h[d] = hi;
                return pc + 5;
            }

            // Vector to i32.
            case Op.V128_ANY_TRUE: {
                int s = fp + code[pc + 2];
                r[d] = (r[s] | h[s]) != 0 ? 1 : 0;
                return pc + 3;
            }
            case Op.I8X16_ALL_TRUE: case Op.I16X8_ALL_TRUE: case Op.I32X4_ALL_TRUE: case Op.I64X2_ALL_TRUE: {
                int s = fp + code[pc + 2], bits = LANE_BITS[op];
                int all = 1;
                for (int k = 0; k < 128 / bits; k++) if (laneU(r[s], h[s], bits, k) == 0) all = 0;
                r[d] = all;
                return pc + 3;
            }
            case Op.I8X16_BITMASK: case Op.I16X8_BITMASK: case Op.I32X4_BITMASK: case Op.I64X2_BITMASK: {
                int s = fp + code[pc + 2], bits = LANE_BITS[op];
                int mask = 0;
                for (int k = 0; k < 128 / bits; k++) if (laneS(r[s], h[s], bits, k) < 0) mask |= 1 << k;
                r[d] = mask;
                return pc + 3;
            }
            default: {
                // Lane-wise: d, a[, b[, c]]; shifts and splats take a scalar operand.
                int arity = Op.SHAPES[op].length() - 1;
                int a = fp + code[pc + 2];
                int b = arity >= 2 ? fp + code[pc + 3] : a;
                int c = arity >= 3 ? fp + code[pc + 4] : b;
                assemble(op, r, h, d, r[a], h[a], r[b], h[b], r[c], h[c]);
                return pc + 1 + Op.SHAPES[op].length();
            }
        }
    }

    /** Loads that widen or splat what they read: the {@code size} bytes read become operand a of {@code laneOp}. */
    private static int loadThen(int[] code, int pc, long[] r, long[] h, int fp, Instance inst, int size, int laneOp) {
        byte[] mem = inst.memory.bytes;
        long v = read(mem, address(mem, r[fp + code[pc + 2]], code[pc + 3], size), size);
        assemble(laneOp, r, h, fp + code[pc + 1], v, 0, 0, 0, 0, 0);
        return pc + 4;
    }
}
