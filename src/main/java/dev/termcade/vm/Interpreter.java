package dev.termcade.vm;

import static dev.termcade.vm.LittleEndian.I16;
import static dev.termcade.vm.LittleEndian.I32;
import static dev.termcade.vm.LittleEndian.I64;

/**
 * The dispatch loop over register code, the only one. Kept small enough for HotSpot to compile (under 8000 bytes of
 * bytecode): frequent instructions are handled inline, the rest in {@link RareOps}. Frame state lives in Java locals;
 * wasm calls and returns switch frames inside the loop instead of recursing.
 *
 * <p>A machine that spends fuel or counts instructions runs each function's metered code instead (the same
 * instructions plus a {@link Op#FUEL} at the start of every basic block, see {@link CompiledFunction#meteredCode()}),
 * so unmetered code pays nothing for metering.
 *
 * <p>Only {@link Trap}s are wasm traps: every access is bounds-checked where it happens, so any other exception
 * escaping the loop is an engine bug and surfaces as an {@link InternalEngineError}.
 */
final class Interpreter {

    private Interpreter() {}

    /**
     * Effective address of a {@code size}-byte access at {@code base + off}, trapping unless all of it lies in
     * {@code mem}: the address is the unsigned i32 {@code base} plus {@code off} (below 2^31, the translator ensures
     * it), computed in a long so one compare covers both wrapping past 2^31 and the end of memory.
     *
     * <p>Kept under 35 bytes of bytecode (HotSpot's MaxInlineSize) so that C2 inlines it at every memory instruction,
     * not only where the profile finds it hot: the trap is built in {@link JitRuntime#outOfBounds()}.
     */
    static int ea(byte[] mem, long base, int off, int size) {
        long a = (base & 0xFFFFFFFFL) + off;
        if (a > mem.length - size) throw JitRuntime.outOfBounds();
        return (int) a;
    }

    /**
     * A taken branch from {@code pc} to {@code target}: every loop iteration takes one (a loop is re-entered only by
     * a branch to its label), so polling the interrupt flag here makes every loop interruptible without an
     * instruction of its own. A backward branch also counts the loop's heat; once the JIT tier has compiled the
     * function, its code continues from the loop header (OSR) and the interpreter goes on at the code's last word,
     * a {@code return} no branch reaches.
     */
    private static int jump(Machine m, WasmFunction cur, int[] code, int fp, int pc, int target) {
        if (m.interrupted) throw m.interruptTrap();
        if (target <= pc && --cur.code.heat < 0 && JitRuntime.loopIsHot(m, cur, fp, target)) return code.length - 1;
        return target;
    }

    /**
     * Runs wasm function {@code entry} whose arguments are at {@code fp}; its results are left at {@code fp}.
     *
     * <p>The loop is a method of its own whose entry state comes in as parameters, so that C2 compiles it knowing no
     * more about that state than an on-stack-replacement compile does. Measured (fresh JVMs, steady state, per call):
     * with the set-up in the same method, the loop ran hash at 94-103 ms and sieve at 405-420 ms; split, 54-67 and
     * 310-365 ms. Which property of the known entry state costs this was not found.
     */
    static void run(Machine m, WasmFunction entry, int fp) {
        // Fixed for this run: return addresses on the frame stack index the code of the same kind.
        boolean metered = m.metered;
        CompiledFunction cf = entry.code;
        initFrame(m, cf, fp);
        loop(m, entry.instance, m.depth, metered, entry, fp, metered ? cf.meteredCode() : cf.code, m.stack);
    }

    private static void loop(Machine m, Instance inst, int baseDepth, boolean metered, WasmFunction cur, int fp, int[] code, long[] r) {
        final Memory memory = inst.memory;
        byte[] mem = memory.bytes;
        int pc = 0;
        try {
            for (;;) {
                if (OpProfile.ON) OpProfile.count(code[pc]);
                switch (code[pc]) {
                    case Op.UNREACHABLE:
                        throw new Trap(Trap.Kind.UNREACHABLE);
                    case Op.FUEL:
                        m.spendFuel(code[pc + 1]);
                        pc += 2;
                        continue;
                    case Op.BR:
                        pc = jump(m, cur, code, fp, pc, code[pc + 1]);
                        continue;
                    case Op.BR_IF:
                        pc = (int) r[fp + code[pc + 1]] != 0 ? jump(m, cur, code, fp, pc, code[pc + 2]) : pc + 3;
                        continue;
                    case Op.BR_IFNOT:
                        pc = (int) r[fp + code[pc + 1]] == 0 ? jump(m, cur, code, fp, pc, code[pc + 2]) : pc + 3;
                        continue;
                    case Op.BR_TABLE: {
                        int i = (int) r[fp + code[pc + 1]];
                        int n = code[pc + 2];
                        if (i + Integer.MIN_VALUE > n + Integer.MIN_VALUE) i = n;
                        pc = jump(m, cur, code, fp, pc, code[pc + 3 + i]);
                        continue;
                    }
                    case Op.RETURN_1:
                        r[fp] = r[fp + code[pc + 1]];
                        // fall through
                    case Op.RETURN: {
                        int d = m.depth;
                        if (d == baseDepth) return;
                        // Compiled code (a callee, or the rest of this function after OSR) may have grown them.
                        r = m.stack;
                        pc = m.framePc[d];
                        fp = m.frameFp[d];
                        cur = m.frameFn[d];
                        m.frameFn[d] = null;
                        m.depth = d - 1;
                        code = metered ? cur.code.meteredCode() : cur.code.code;
                        mem = memory.bytes;
                        continue;
                    }
                    case Op.CALL:
                    case Op.CALL_INDIRECT: {
                        WasmFunction callee;
                        int nfp, next;
                        if (code[pc] == Op.CALL) {
                            callee = inst.functions[code[pc + 1]];
                            nfp = fp + code[pc + 2];
                            next = pc + 3;
                        } else {
                            callee = RareOps.indirectTarget(inst, code[pc + 1], code[pc + 2], (int) r[fp + code[pc + 3]]);
                            nfp = fp + code[pc + 4];
                            next = pc + 5;
                        }
                        CompiledFunction ccf = callee.code;
                        if (ccf != null && callee.instance == inst && JitRuntime.interprets(m, ccf)) {
                            if (m.interrupted) throw m.interruptTrap();
                            enterCallee(m, next, fp, cur, ccf, nfp);
                            r = m.stack;
                            fp = nfp;
                            cur = callee;
                            code = metered ? ccf.meteredCode() : ccf.code;
                            pc = 0;
                            continue;
                        }
                        JitRuntime.callFunction(m, inst, callee, nfp);
                        r = m.stack;
                        mem = memory.bytes;
                        pc = next;
                        continue;
                    }
                    case Op.MOV:
                        r[fp + code[pc + 1]] = r[fp + code[pc + 2]];
                        pc += 3;
                        continue;
                    case Op.MOV2:
                        r[fp + code[pc + 1]] = r[fp + code[pc + 2]];
                        r[fp + code[pc + 3]] = r[fp + code[pc + 4]];
                        pc += 5;
                        continue;
                    case Op.MOV_REF:
                        m.refs[fp + code[pc + 1]] = m.refs[fp + code[pc + 2]];
                        pc += 3;
                        continue;
                    case Op.CONST32:
                        r[fp + code[pc + 1]] = code[pc + 2];
                        pc += 3;
                        continue;
                    case Op.CONST64:
                        r[fp + code[pc + 1]] = (code[pc + 2] & 0xFFFFFFFFL) | ((long) code[pc + 3] << 32);
                        pc += 4;
                        continue;
                    case Op.SELECT:
                        r[fp + code[pc + 1]] = (int) r[fp + code[pc + 2]] != 0 ? r[fp + code[pc + 3]] : r[fp + code[pc + 4]];
                        pc += 5;
                        continue;
                    case Op.GLOBAL_GET:
                        r[fp + code[pc + 1]] = inst.globals[code[pc + 2]].value;
                        pc += 3;
                        continue;
                    case Op.GLOBAL_SET:
                        inst.globals[code[pc + 1]].value = r[fp + code[pc + 2]];
                        pc += 3;
                        continue;

                    // Fused compare-and-branch. Unsigned compares add MIN_VALUE to both sides (what compareUnsigned does)
                    // written out: a call the loop need not inline, so one that C2's inlining budget cannot leave out.
                    case Op.BR_I32_EQ: if ((int) r[fp + code[pc + 1]] == (int) r[fp + code[pc + 2]]) break; pc += 4; continue;
                    case Op.BR_I32_NE: if ((int) r[fp + code[pc + 1]] != (int) r[fp + code[pc + 2]]) break; pc += 4; continue;
                    case Op.BR_I32_LT_S: if ((int) r[fp + code[pc + 1]] < (int) r[fp + code[pc + 2]]) break; pc += 4; continue;
                    case Op.BR_I32_LT_U: if ((int) r[fp + code[pc + 1]] + Integer.MIN_VALUE < (int) r[fp + code[pc + 2]] + Integer.MIN_VALUE) break; pc += 4; continue;
                    case Op.BR_I32_GT_S: if ((int) r[fp + code[pc + 1]] > (int) r[fp + code[pc + 2]]) break; pc += 4; continue;
                    case Op.BR_I32_GT_U: if ((int) r[fp + code[pc + 1]] + Integer.MIN_VALUE > (int) r[fp + code[pc + 2]] + Integer.MIN_VALUE) break; pc += 4; continue;
                    case Op.BR_I32_LE_S: if ((int) r[fp + code[pc + 1]] <= (int) r[fp + code[pc + 2]]) break; pc += 4; continue;
                    case Op.BR_I32_LE_U: if ((int) r[fp + code[pc + 1]] + Integer.MIN_VALUE <= (int) r[fp + code[pc + 2]] + Integer.MIN_VALUE) break; pc += 4; continue;
                    case Op.BR_I32_GE_S: if ((int) r[fp + code[pc + 1]] >= (int) r[fp + code[pc + 2]]) break; pc += 4; continue;
                    case Op.BR_I32_GE_U: if ((int) r[fp + code[pc + 1]] + Integer.MIN_VALUE >= (int) r[fp + code[pc + 2]] + Integer.MIN_VALUE) break; pc += 4; continue;
                    case Op.BR_I32_EQ_I: if ((int) r[fp + code[pc + 1]] == code[pc + 2]) break; pc += 4; continue;
                    case Op.BR_I32_NE_I: if ((int) r[fp + code[pc + 1]] != code[pc + 2]) break; pc += 4; continue;
                    case Op.BR_I32_LT_S_I: if ((int) r[fp + code[pc + 1]] < code[pc + 2]) break; pc += 4; continue;
                    case Op.BR_I32_LT_U_I: if ((int) r[fp + code[pc + 1]] + Integer.MIN_VALUE < code[pc + 2] + Integer.MIN_VALUE) break; pc += 4; continue;
                    case Op.BR_I32_GT_S_I: if ((int) r[fp + code[pc + 1]] > code[pc + 2]) break; pc += 4; continue;
                    case Op.BR_I32_GT_U_I: if ((int) r[fp + code[pc + 1]] + Integer.MIN_VALUE > code[pc + 2] + Integer.MIN_VALUE) break; pc += 4; continue;
                    case Op.BR_I32_LE_S_I: if ((int) r[fp + code[pc + 1]] <= code[pc + 2]) break; pc += 4; continue;
                    case Op.BR_I32_LE_U_I: if ((int) r[fp + code[pc + 1]] + Integer.MIN_VALUE <= code[pc + 2] + Integer.MIN_VALUE) break; pc += 4; continue;
                    case Op.BR_I32_GE_S_I: if ((int) r[fp + code[pc + 1]] >= code[pc + 2]) break; pc += 4; continue;
                    case Op.BR_I32_GE_U_I: if ((int) r[fp + code[pc + 1]] + Integer.MIN_VALUE >= code[pc + 2] + Integer.MIN_VALUE) break; pc += 4; continue;

                    case Op.BR_I64_EQ: if (r[fp + code[pc + 1]] == r[fp + code[pc + 2]]) break; pc += 4; continue;
                    case Op.BR_I64_NE: if (r[fp + code[pc + 1]] != r[fp + code[pc + 2]]) break; pc += 4; continue;
                    case Op.BR_I64_LT_S: if (r[fp + code[pc + 1]] < r[fp + code[pc + 2]]) break; pc += 4; continue;
                    case Op.BR_I64_LT_U: if (r[fp + code[pc + 1]] + Long.MIN_VALUE < r[fp + code[pc + 2]] + Long.MIN_VALUE) break; pc += 4; continue;
                    case Op.BR_I64_GT_S: if (r[fp + code[pc + 1]] > r[fp + code[pc + 2]]) break; pc += 4; continue;
                    case Op.BR_I64_GT_U: if (r[fp + code[pc + 1]] + Long.MIN_VALUE > r[fp + code[pc + 2]] + Long.MIN_VALUE) break; pc += 4; continue;
                    case Op.BR_I64_LE_S: if (r[fp + code[pc + 1]] <= r[fp + code[pc + 2]]) break; pc += 4; continue;
                    case Op.BR_I64_LE_U: if (r[fp + code[pc + 1]] + Long.MIN_VALUE <= r[fp + code[pc + 2]] + Long.MIN_VALUE) break; pc += 4; continue;
                    case Op.BR_I64_GE_S: if (r[fp + code[pc + 1]] >= r[fp + code[pc + 2]]) break; pc += 4; continue;
                    case Op.BR_I64_GE_U: if (r[fp + code[pc + 1]] + Long.MIN_VALUE >= r[fp + code[pc + 2]] + Long.MIN_VALUE) break; pc += 4; continue;

                    // i32 with a constant operand.
                    case Op.I32_EQ_I: r[fp + code[pc + 1]] = (int) r[fp + code[pc + 2]] == code[pc + 3] ? 1 : 0; pc += 4; continue;
                    case Op.I32_NE_I: r[fp + code[pc + 1]] = (int) r[fp + code[pc + 2]] != code[pc + 3] ? 1 : 0; pc += 4; continue;
                    case Op.I32_LT_S_I: r[fp + code[pc + 1]] = (int) r[fp + code[pc + 2]] < code[pc + 3] ? 1 : 0; pc += 4; continue;
                    case Op.I32_LT_U_I: r[fp + code[pc + 1]] = (int) r[fp + code[pc + 2]] + Integer.MIN_VALUE < code[pc + 3] + Integer.MIN_VALUE ? 1 : 0; pc += 4; continue;
                    case Op.I32_GT_S_I: r[fp + code[pc + 1]] = (int) r[fp + code[pc + 2]] > code[pc + 3] ? 1 : 0; pc += 4; continue;
                    case Op.I32_GT_U_I: r[fp + code[pc + 1]] = (int) r[fp + code[pc + 2]] + Integer.MIN_VALUE > code[pc + 3] + Integer.MIN_VALUE ? 1 : 0; pc += 4; continue;
                    case Op.I32_LE_S_I: r[fp + code[pc + 1]] = (int) r[fp + code[pc + 2]] <= code[pc + 3] ? 1 : 0; pc += 4; continue;
                    case Op.I32_LE_U_I: r[fp + code[pc + 1]] = (int) r[fp + code[pc + 2]] + Integer.MIN_VALUE <= code[pc + 3] + Integer.MIN_VALUE ? 1 : 0; pc += 4; continue;
                    case Op.I32_GE_S_I: r[fp + code[pc + 1]] = (int) r[fp + code[pc + 2]] >= code[pc + 3] ? 1 : 0; pc += 4; continue;
                    case Op.I32_GE_U_I: r[fp + code[pc + 1]] = (int) r[fp + code[pc + 2]] + Integer.MIN_VALUE >= code[pc + 3] + Integer.MIN_VALUE ? 1 : 0; pc += 4; continue;
                    case Op.I32_ADD_I: r[fp + code[pc + 1]] = (int) r[fp + code[pc + 2]] + code[pc + 3]; pc += 4; continue;
                    case Op.I32_MUL_I: r[fp + code[pc + 1]] = (int) r[fp + code[pc + 2]] * code[pc + 3]; pc += 4; continue;
                    case Op.I32_AND_I: r[fp + code[pc + 1]] = (int) r[fp + code[pc + 2]] & code[pc + 3]; pc += 4; continue;
                    case Op.I32_OR_I: r[fp + code[pc + 1]] = (int) r[fp + code[pc + 2]] | code[pc + 3]; pc += 4; continue;
                    case Op.I32_XOR_I: r[fp + code[pc + 1]] = (int) r[fp + code[pc + 2]] ^ code[pc + 3]; pc += 4; continue;
                    case Op.I32_SHL_I: r[fp + code[pc + 1]] = (int) r[fp + code[pc + 2]] << code[pc + 3]; pc += 4; continue;
                    case Op.I32_SHR_S_I: r[fp + code[pc + 1]] = (int) r[fp + code[pc + 2]] >> code[pc + 3]; pc += 4; continue;
                    case Op.I32_SHR_U_I: r[fp + code[pc + 1]] = (int) r[fp + code[pc + 2]] >>> code[pc + 3]; pc += 4; continue;
                    case Op.I32_SHL_ADD_I: r[fp + code[pc + 1]] = ((int) r[fp + code[pc + 2]] << code[pc + 3]) + code[pc + 4]; pc += 5; continue;
                    case Op.I64_ADD_I: r[fp + code[pc + 1]] = r[fp + code[pc + 2]] + code[pc + 3]; pc += 4; continue;
                    case Op.I64_MUL_L: r[fp + code[pc + 1]] = r[fp + code[pc + 2]] * ((code[pc + 3] & 0xFFFFFFFFL) | (long) code[pc + 4] << 32); pc += 5; continue;
                    case Op.I64_XOR_MUL_L: r[fp + code[pc + 1]] = (r[fp + code[pc + 2]] ^ r[fp + code[pc + 3]]) * ((code[pc + 4] & 0xFFFFFFFFL) | (long) code[pc + 5] << 32); pc += 6; continue;
                    case Op.I64_AND_L: r[fp + code[pc + 1]] = r[fp + code[pc + 2]] & ((code[pc + 3] & 0xFFFFFFFFL) | (long) code[pc + 4] << 32); pc += 5; continue;
                    case Op.I64_OR_L: r[fp + code[pc + 1]] = r[fp + code[pc + 2]] | ((code[pc + 3] & 0xFFFFFFFFL) | (long) code[pc + 4] << 32); pc += 5; continue;
                    case Op.I64_XOR_L: r[fp + code[pc + 1]] = r[fp + code[pc + 2]] ^ ((code[pc + 3] & 0xFFFFFFFFL) | (long) code[pc + 4] << 32); pc += 5; continue;
                    case Op.I64_SHL_I: r[fp + code[pc + 1]] = r[fp + code[pc + 2]] << code[pc + 3]; pc += 4; continue;
                    case Op.I64_SHR_S_I: r[fp + code[pc + 1]] = r[fp + code[pc + 2]] >> code[pc + 3]; pc += 4; continue;
                    case Op.I64_SHR_U_I: r[fp + code[pc + 1]] = r[fp + code[pc + 2]] >>> code[pc + 3]; pc += 4; continue;
                    case Op.F64_ADD_L: r[fp + code[pc + 1]] = NanRules.add64(r[fp + code[pc + 2]], (code[pc + 3] & 0xFFFFFFFFL) | (long) code[pc + 4] << 32); pc += 5; continue;
                    case Op.F64_SUB_L: r[fp + code[pc + 1]] = NanRules.sub64(r[fp + code[pc + 2]], (code[pc + 3] & 0xFFFFFFFFL) | (long) code[pc + 4] << 32); pc += 5; continue;
                    case Op.F64_MUL_L: r[fp + code[pc + 1]] = NanRules.mul64(r[fp + code[pc + 2]], (code[pc + 3] & 0xFFFFFFFFL) | (long) code[pc + 4] << 32); pc += 5; continue;

                    // Memory.
                    case Op.I32_LOAD: r[fp + code[pc + 1]] = (int) I32.get(mem, ea(mem, r[fp + code[pc + 2]], code[pc + 3], 4)); pc += 4; continue;
                    case Op.I64_LOAD: r[fp + code[pc + 1]] = (long) I64.get(mem, ea(mem, r[fp + code[pc + 2]], code[pc + 3], 8)); pc += 4; continue;
                    case Op.I32_LOAD8_S: case Op.I64_LOAD8_S: r[fp + code[pc + 1]] = mem[ea(mem, r[fp + code[pc + 2]], code[pc + 3], 1)]; pc += 4; continue;
                    case Op.I32_LOAD8_U: case Op.I64_LOAD8_U: r[fp + code[pc + 1]] = mem[ea(mem, r[fp + code[pc + 2]], code[pc + 3], 1)] & 0xFF; pc += 4; continue;
                    case Op.I32_LOAD16_S: case Op.I64_LOAD16_S: r[fp + code[pc + 1]] = (short) I16.get(mem, ea(mem, r[fp + code[pc + 2]], code[pc + 3], 2)); pc += 4; continue;
                    case Op.I32_LOAD16_U: case Op.I64_LOAD16_U: r[fp + code[pc + 1]] = (short) I16.get(mem, ea(mem, r[fp + code[pc + 2]], code[pc + 3], 2)) & 0xFFFF; pc += 4; continue;
                    case Op.I64_LOAD32_U: r[fp + code[pc + 1]] = (int) I32.get(mem, ea(mem, r[fp + code[pc + 2]], code[pc + 3], 4)) & 0xFFFFFFFFL; pc += 4; continue;
                    case Op.I32_LOAD_A: r[fp + code[pc + 1]] = (int) I32.get(mem, ea(mem, (int) r[fp + code[pc + 2]] + code[pc + 3], code[pc + 4], 4)); pc += 5; continue;
                    case Op.I64_LOAD_A: r[fp + code[pc + 1]] = (long) I64.get(mem, ea(mem, (int) r[fp + code[pc + 2]] + code[pc + 3], code[pc + 4], 8)); pc += 5; continue;
                    case Op.I32_LOAD_X: r[fp + code[pc + 1]] = (int) I32.get(mem, ea(mem, ((int) r[fp + code[pc + 2]] << code[pc + 3]) + code[pc + 4], code[pc + 5], 4)); pc += 6; continue;
                    case Op.LOAD8_U_A: r[fp + code[pc + 1]] = mem[ea(mem, (int) r[fp + code[pc + 2]] + code[pc + 3], code[pc + 4], 1)] & 0xFF; pc += 5; continue;
                    case Op.STORE32: I32.set(mem, ea(mem, r[fp + code[pc + 1]], code[pc + 3], 4), (int) r[fp + code[pc + 2]]); pc += 4; continue;
                    case Op.STORE64: I64.set(mem, ea(mem, r[fp + code[pc + 1]], code[pc + 3], 8), r[fp + code[pc + 2]]); pc += 4; continue;
                    case Op.STORE8: mem[ea(mem, r[fp + code[pc + 1]], code[pc + 3], 1)] = (byte) r[fp + code[pc + 2]]; pc += 4; continue;
                    case Op.STORE16: I16.set(mem, ea(mem, r[fp + code[pc + 1]], code[pc + 3], 2), (short) r[fp + code[pc + 2]]); pc += 4; continue;

                    // i32 (compares that produce a value are in RareOps: in loops they mostly feed a branch, fused as BR_I32_*).
                    case Op.I32_EQZ: r[fp + code[pc + 1]] = (int) r[fp + code[pc + 2]] == 0 ? 1 : 0; pc += 3; continue;
                    case Op.I32_ADD: r[fp + code[pc + 1]] = (int) r[fp + code[pc + 2]] + (int) r[fp + code[pc + 3]]; pc += 4; continue;
                    case Op.I32_SUB: r[fp + code[pc + 1]] = (int) r[fp + code[pc + 2]] - (int) r[fp + code[pc + 3]]; pc += 4; continue;
                    case Op.I32_MUL: r[fp + code[pc + 1]] = (int) r[fp + code[pc + 2]] * (int) r[fp + code[pc + 3]]; pc += 4; continue;
                    case Op.I32_AND: r[fp + code[pc + 1]] = (int) r[fp + code[pc + 2]] & (int) r[fp + code[pc + 3]]; pc += 4; continue;
                    case Op.I32_OR: r[fp + code[pc + 1]] = (int) r[fp + code[pc + 2]] | (int) r[fp + code[pc + 3]]; pc += 4; continue;
                    case Op.I32_XOR: r[fp + code[pc + 1]] = (int) r[fp + code[pc + 2]] ^ (int) r[fp + code[pc + 3]]; pc += 4; continue;
                    case Op.I32_SHL: r[fp + code[pc + 1]] = (int) r[fp + code[pc + 2]] << (int) r[fp + code[pc + 3]]; pc += 4; continue;
                    case Op.I32_SHR_S: r[fp + code[pc + 1]] = (int) r[fp + code[pc + 2]] >> (int) r[fp + code[pc + 3]]; pc += 4; continue;
                    case Op.I32_SHR_U: r[fp + code[pc + 1]] = (int) r[fp + code[pc + 2]] >>> (int) r[fp + code[pc + 3]]; pc += 4; continue;

                    // i64 (compares that produce a value are in RareOps: in loops they feed a branch, fused as BR_I64_*).
                    case Op.I64_EQZ: r[fp + code[pc + 1]] = r[fp + code[pc + 2]] == 0 ? 1 : 0; pc += 3; continue;
                    case Op.I64_ADD: r[fp + code[pc + 1]] = r[fp + code[pc + 2]] + r[fp + code[pc + 3]]; pc += 4; continue;
                    case Op.I64_SUB: r[fp + code[pc + 1]] = r[fp + code[pc + 2]] - r[fp + code[pc + 3]]; pc += 4; continue;
                    case Op.I64_MUL: r[fp + code[pc + 1]] = r[fp + code[pc + 2]] * r[fp + code[pc + 3]]; pc += 4; continue;
                    case Op.I64_AND: r[fp + code[pc + 1]] = r[fp + code[pc + 2]] & r[fp + code[pc + 3]]; pc += 4; continue;
                    case Op.I64_OR: r[fp + code[pc + 1]] = r[fp + code[pc + 2]] | r[fp + code[pc + 3]]; pc += 4; continue;
                    case Op.I64_XOR: r[fp + code[pc + 1]] = r[fp + code[pc + 2]] ^ r[fp + code[pc + 3]]; pc += 4; continue;
                    case Op.I64_SHL: r[fp + code[pc + 1]] = r[fp + code[pc + 2]] << r[fp + code[pc + 3]]; pc += 4; continue;
                    case Op.I64_SHR_S: r[fp + code[pc + 1]] = r[fp + code[pc + 2]] >> r[fp + code[pc + 3]]; pc += 4; continue;
                    case Op.I64_SHR_U: r[fp + code[pc + 1]] = r[fp + code[pc + 2]] >>> r[fp + code[pc + 3]]; pc += 4; continue;
                    case Op.I64_EXTEND_I32_S: r[fp + code[pc + 1]] = (int) r[fp + code[pc + 2]]; pc += 3; continue;
                    case Op.I64_EXTEND_I32_U: r[fp + code[pc + 1]] = r[fp + code[pc + 2]] & 0xFFFFFFFFL; pc += 3; continue;

                    // f64 (f32 arithmetic is in RareOps: games and C code mostly compute in f64).
                    case Op.F64_ADD: r[fp + code[pc + 1]] = NanRules.add64(r[fp + code[pc + 2]], r[fp + code[pc + 3]]); pc += 4; continue;
                    case Op.F64_SUB: r[fp + code[pc + 1]] = NanRules.sub64(r[fp + code[pc + 2]], r[fp + code[pc + 3]]); pc += 4; continue;
                    case Op.F64_MUL: r[fp + code[pc + 1]] = NanRules.mul64(r[fp + code[pc + 2]], r[fp + code[pc + 3]]); pc += 4; continue;
                    case Op.F64_DIV: r[fp + code[pc + 1]] = NanRules.div64(r[fp + code[pc + 2]], r[fp + code[pc + 3]]); pc += 4; continue;
                    case Op.F64_EQ: r[fp + code[pc + 1]] = Double.longBitsToDouble(r[fp + code[pc + 2]]) == Double.longBitsToDouble(r[fp + code[pc + 3]]) ? 1 : 0; pc += 4; continue;
                    case Op.F64_LT: r[fp + code[pc + 1]] = Double.longBitsToDouble(r[fp + code[pc + 2]]) < Double.longBitsToDouble(r[fp + code[pc + 3]]) ? 1 : 0; pc += 4; continue;
                    case Op.F64_GT: r[fp + code[pc + 1]] = Double.longBitsToDouble(r[fp + code[pc + 2]]) > Double.longBitsToDouble(r[fp + code[pc + 3]]) ? 1 : 0; pc += 4; continue;
                    case Op.F64_LE: r[fp + code[pc + 1]] = Double.longBitsToDouble(r[fp + code[pc + 2]]) <= Double.longBitsToDouble(r[fp + code[pc + 3]]) ? 1 : 0; pc += 4; continue;
                    case Op.F64_GE: r[fp + code[pc + 1]] = Double.longBitsToDouble(r[fp + code[pc + 2]]) >= Double.longBitsToDouble(r[fp + code[pc + 3]]) ? 1 : 0; pc += 4; continue;
                    case Op.F64_NEG: r[fp + code[pc + 1]] = r[fp + code[pc + 2]] ^ Long.MIN_VALUE; pc += 3; continue;
                    case Op.F64_CONVERT_I32_S: r[fp + code[pc + 1]] = Double.doubleToRawLongBits((int) r[fp + code[pc + 2]]); pc += 3; continue;

                    default:
                        pc = RareOps.exec(code, pc, r, m.refs, fp, inst, m);
                        mem = memory.bytes;
                        continue;
                }
                // Only a taken compare-and-branch (BR_I32_*, BR_I64_*) leaves the switch: its target is word 3.
                // jump() written out, not called: this is the hottest branch, and when C2 compiles every case its
                // graph passes the node budget for inlining (NodeCountInliningCutoff) before it parses this one.
                int target = code[pc + 3];
                if (m.interrupted) throw m.interruptTrap();
                pc = target <= pc && --cur.code.heat < 0 && JitRuntime.loopIsHot(m, cur, fp, target) ? code.length - 1 : target;
            }
        } catch (Trap t) {
            throw backtrace(t, m, cur, baseDepth);
        } catch (InternalEngineError e) {
            throw e;
        } catch (RuntimeException e) {
            throw engineBug(e, cur, pc);
        } finally {
            unwind(m, baseDepth);
        }
    }

    /**
     * A wasm call the loop runs in place: records the caller's frame ({@code next}, {@code fp}, {@code caller}) and
     * makes the callee's frame at {@code nfp} ready. One call site in the loop instead of two.
     */
    private static void enterCallee(Machine m, int next, int fp, WasmFunction caller, CompiledFunction callee, int nfp) {
        m.pushFrame(next, fp, caller);
        initFrame(m, callee, nfp);
    }

    /**
     * Makes the frame at {@code fp} ready for {@code cf}, whose arguments are in place: room on the register stack, the
     * locals and the zero slot zero, the constant slots set.
     */
    private static void initFrame(Machine m, CompiledFunction cf, int fp) {
        m.ensureStack(fp + cf.frameSize + 16);
        long[] r = m.stack;
        for (int i = cf.numParams, n = cf.numLocals; i < n; i++) r[fp + i] = 0;
        long[] constants = cf.constants;
        for (int k = 0, at = fp + cf.numLocals; k < constants.length; k++) r[at + k] = constants[k];
        if (cf.hasRefLocals) java.util.Arrays.fill(m.refs, fp + cf.numParams, fp + cf.numLocals, null);
    }

    // Cold paths live outside the loop: HotSpot counts the loop's bytecode against the budget (DesiredMethodLimit,
    // 8000 bytes) that also pays for inlining its hot helpers (jump, ea, NanRules), which it stops inlining once spent.

    /** Drops the frames this run pushed (however it ends), so that no finished frame keeps its function reachable. */
    private static void unwind(Machine m, int baseDepth) {
        for (int d = m.depth; d > baseDepth; d--) m.frameFn[d] = null;
        m.depth = baseDepth;
    }

    private static InternalEngineError engineBug(RuntimeException e, WasmFunction cur, int pc) {
        return new InternalEngineError("in " + frameName(cur) + " at register pc " + pc, e);
    }

    private static Trap backtrace(Trap t, Machine m, WasmFunction cur, int baseDepth) {
        t.addFrame(frameName(cur));
        for (int d = m.depth; d > baseDepth; d--) t.addFrame(frameName(m.frameFn[d]));
        return t;
    }

    static String frameName(WasmFunction f) {
        if (f.code == null) return f.name;
        return "func[" + f.code.index + "]" + (f.code.name == null ? "" : " " + f.code.name);
    }
}
