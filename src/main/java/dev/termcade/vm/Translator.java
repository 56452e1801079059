package dev.termcade.vm;

import dev.termcade.wasm.FuncType;
import dev.termcade.wasm.FunctionBody;
import dev.termcade.wasm.Module;
import dev.termcade.wasm.Opcodes;
import dev.termcade.wasm.TableType;
import dev.termcade.wasm.ValType;
import dev.termcade.wasm.WasmReader;
import dev.termcade.wasm.WasmValidationException;
import java.util.Arrays;

import static dev.termcade.vm.ControlFrame.Kind.BLOCK;
import static dev.termcade.vm.ControlFrame.Kind.ELSE;
import static dev.termcade.vm.ControlFrame.Kind.FUNCTION;
import static dev.termcade.vm.ControlFrame.Kind.IF;
import static dev.termcade.vm.ControlFrame.Kind.LOOP;
import static dev.termcade.vm.OperandStack.CONST;
import static dev.termcade.vm.OperandStack.LOCAL;
import static dev.termcade.vm.OperandStack.STACK;

/**
 * Validates one function body and translates it to register code in a single pass (see {@link Op}).
 *
 * <p>Every wasm value-stack height h owns frame slot {@code numLocals + h}. To avoid copies, {@code local.get} and
 * constants are pushed as deferred entries (kind LOCAL or CONST) that later instructions read directly (a local's
 * slot, or an immediate operand), and a {@code local.set} right after the instruction that computed its value
 * retargets that instruction's destination. Deferred locals are written to their slots before anything could
 * change the local or before control flow merges, so every path sees the same slots.
 *
 * <p>The parts: {@link OperandStack} holds the entries and checks their types, {@link ControlStack} the enclosing
 * blocks with their labels' pending jumps ({@link ControlFrame}), {@link CodeWriter} the register code and the
 * last instruction that may still be rewritten. This class is the per-opcode visitor that drives them, with the
 * emission helpers (moves, branches, returns) that need all three. With {@code metered} set it also starts every
 * basic block with a {@link Op#FUEL} charging the block's wasm instructions.
 */
final class Translator {
    private final Module module;
    /** Whether the function has a loop, so a backward branch the interpreter may leave for compiled code (OSR). */
    private boolean hasLoop;
    private final int funcIndex;
    private final FuncType type;
    private final WasmReader in;
    private final byte[] locals;
    private final int numLocals;
    private final String where;
    /** Emit a {@link Op#FUEL} at the start of every basic block, charging the block's wasm instructions. */
    private final boolean metered;
    /** Metered code: position of the count word of the current block's FUEL, or -1 before the block's first one. */
    private int fuelWord = -1;

    /**
     * Constants that instructions inside loops read from a slot of their own (see {@link #constantSlot}): the values,
     * in slot order, and how many. Their slots follow the zero slot, below the value stack's.
     */
    private final long[] constants = new long[MAX_CONSTANT_SLOTS];
    private int constantCount;

    private final OperandStack ops = new OperandStack(this::invalid);
    private final ControlStack ctl = new ControlStack();
    private final CodeWriter out = new CodeWriter();

    private Translator(Module module, int funcIndex, boolean metered) {
        this.module = module;
        this.funcIndex = funcIndex;
        this.metered = metered;
        this.type = module.functionTypes().get(funcIndex);
        FunctionBody body = module.bodies().get(funcIndex - module.importedFunctionCount());
        this.in = new WasmReader(module.bytes(), body.codeStart(), body.codeEnd());
        String name = module.displayName(funcIndex);
        this.where = "function " + funcIndex + (name == null ? "" : " " + name);
        in.section("code section, " + where);
        byte[] params = type.params();
        this.locals = new byte[params.length + body.locals().length];
        System.arraycopy(params, 0, locals, 0, params.length);
        System.arraycopy(body.locals(), 0, locals, params.length, body.locals().length);
        this.numLocals = locals.length;
    }

    static CompiledFunction translate(Module module, int funcIndex) {
        Translator t = new Translator(module, funcIndex, false);
        t.run();
        String name = module.displayName(funcIndex);
        return new CompiledFunction(module, funcIndex, name, t.type, t.out.toArray(), t.locals, t.frameSize(), t.hasLoop,
                Arrays.copyOf(t.constants, t.constantCount));
    }

    /** The function's code with fuel charged per basic block (see {@link CompiledFunction#meteredCode()}). */
    static int[] translateMetered(CompiledFunction plain) {
        Translator t = new Translator(plain.module, plain.index, true);
        t.run();
        // Both variants run in the same frame, whose constant slots the plain translation laid out.
        if (!Arrays.equals(plain.constants, Arrays.copyOf(t.constants, t.constantCount))) {
            throw new IllegalStateException("metered code of function " + plain.index + " has other constant slots than its plain code");
        }
        return t.out.toArray();
    }

    private int frameSize() { return numLocals + 1 + constantCount + ops.maxHeight + 1; }

    // ---- errors ----

    private WasmValidationException invalid(String problem) {
        return new WasmValidationException(where + " at byte offset 0x" + Integer.toHexString(in.pos()), problem);
    }

    // ---- operand stack ----

    /** A slot that always holds 0 (zeroed with the locals): constant addresses become base 0 + offset. */
    private int zeroSlot() { return numLocals; }

    private int slot(int height) { return numLocals + 1 + height; }

    private void pushEntry(byte t, int kind, long val) { ops.push(t, kind, val); }

    private void push(byte t) { pushEntry(t, STACK, 0); }

    /** Pops a value of type {@code expected} (UNKNOWN accepts any); returns its index, or -1 if polymorphic. */
    private int pop(byte expected) { return ops.pop(ctl.top(), expected); }

    private byte typeAt(int idx) { return idx < 0 ? ValType.UNKNOWN : ops.type[idx]; }

    private int popRef() { return ops.popRef(ctl.top()); }

    private void popTypes(byte[] ts) { ops.popTypes(ctl.top(), ts); }

    /** Checks the top entries against {@code ts} and leaves them in place; returns the index of the first. */
    private int checkTop(byte[] ts) { return ops.checkTop(ctl.top(), ts, true); }

    private int checkTop(byte[] ts, boolean retype) { return ops.checkTop(ctl.top(), ts, retype); }

    private boolean dead() {
        ControlFrame c = ctl.top();
        return c.unreachable || c.dead;
    }

    private void setUnreachable() {
        ControlFrame c = ctl.top();
        c.unreachable = true;
        ops.height = c.height;
        out.seal();
    }

    // ---- emission ----

    /** Emits an instruction unless the code is unreachable; returns its position, or -1. */
    private int emit(int op, int... operands) {
        return dead() ? -1 : out.append(op, operands);
    }

    private void emitResult(int op, int dst, int... operands) {
        int[] all = new int[operands.length + 1];
        all[0] = dst;
        System.arraycopy(operands, 0, all, 1, operands.length);
        int pos = emit(op, all);
        if (pos >= 0) out.markResult(pos, dst);
    }

    /** Copies entry {@code idx} into slot {@code dst} without changing the entry. */
    private void emitMove(int dst, int idx) {
        if (idx < 0) return;
        byte t = ops.type[idx];
        switch (ops.kind[idx]) {
            case LOCAL: {
                int src = (int) ops.value[idx];
                if (src != dst) emit(movOp(t), dst, src);
                break;
            }
            case CONST:
                emitConst(dst, t, ops.value[idx]);
                break;
            default:
                if (slot(idx) != dst) emit(movOp(t), dst, slot(idx));
        }
    }

    /** The register move for a value of type {@code t}: references and v128 upper halves live beside the slot. */
    private static int movOp(byte t) { return ValType.isRef(t) ? Op.MOV_REF : t == ValType.V128 ? Op.MOV_V128 : Op.MOV; }

    private void emitConst(int dst, byte t, long v) {
        if (t == ValType.I64 || t == ValType.F64) {
            if (v == (int) v && t == ValType.I64) {
                emitResult(Op.CONST32, dst, (int) v);
            } else {
                emitResult(Op.CONST64, dst, (int) v, (int) (v >>> 32));
            }
        } else {
            emitResult(Op.CONST32, dst, (int) v);
        }
    }

    private void materialize(int idx) {
        if (idx < 0 || ops.kind[idx] == STACK) return;
        emitMove(slot(idx), idx);
        ops.kind[idx] = STACK;
    }

    /** Slot holding the value of popped entry {@code idx}; constants are written to the entry's own slot first. */
    private int operand(int idx) {
        if (idx < 0) return 0;
        if (ops.kind[idx] == LOCAL) return (int) ops.value[idx];
        if (ops.kind[idx] == CONST) materialize(idx);
        return slot(idx);
    }

    /**
     * Like {@link #operand} for a scalar value an instruction only reads: a zero constant reads the frame's zero slot
     * instead of being written to a slot of its own first (one instruction fewer for {@code x = 0}, {@code x != 0}),
     * and in a loop other constants read their constant slot ({@link #constantSlot}).
     */
    private int readOperand(int idx) {
        if (isConst(idx) && ops.value[idx] == 0 && ops.type[idx] != ValType.V128) return zeroSlot();
        int constant = constantSlot(idx);
        return constant >= 0 ? constant : operand(idx);
    }

    private boolean isConst(int idx) { return idx >= 0 && ops.kind[idx] == CONST; }

    /**
     * The most constants a function keeps in slots of their own. The interpreter writes them at every call (the
     * cost of a call grows with them), and they pay only where an instruction runs more often than its function is
     * called: in loops.
     */
    private static final int MAX_CONSTANT_SLOTS = 16;
    /**
     * Where constant slot k is numbered during translation: above any value-stack slot, so that
     * {@link #placeConstantSlots} can tell them apart and renumber both once the count is known.
     */
    private static final int UNPLACED_CONSTANT_SLOT = 1 << 30;
    /**
     * Where a multi-value return's result i is written during translation: slot i of the frame, whatever lies there,
     * which {@link #placeConstantSlots} must not move with the value stack (result 1 may be a value-stack slot's
     * number before the constant slots are placed, and a constant slot's after).
     */
    private static final int RESULT_SLOT = 1 << 29;

    /**
     * The slot that holds entry {@code idx}'s constant when it is inside a loop and a slot is left (a constant slot,
     * written once per call instead of a CONST32/CONST64 per use), else -1.
     */
    private int constantSlot(int idx) {
        if (!ctl.inLoop() || !isConst(idx)) return -1;
        byte t = ops.type[idx];
        if (!ValType.isNum(t)) return -1;
        long v = ops.value[idx];
        // As CONST32/CONST64 would write it: 32-bit values sign-extended.
        long bits = t == ValType.I64 || t == ValType.F64 ? v : (int) v;
        for (int k = 0; k < constantCount; k++) if (constants[k] == bits) return UNPLACED_CONSTANT_SLOT + k;
        if (constantCount == MAX_CONSTANT_SLOTS) return -1;
        constants[constantCount] = bits;
        return UNPLACED_CONSTANT_SLOT + constantCount++;
    }

    /**
     * Gives the constant slots their places right after the zero slot, and moves the value stack's slots up by as
     * many: below the value stack, because a callee's frame starts at one of its slots and would overwrite anything
     * above.
     */
    private void placeConstantSlots() {
        int n = constantCount;
        int firstStackSlot = numLocals + 1;
        int[] code = out.code;
        for (int pc = 0; pc < out.length; ) {
            String shape = Op.SHAPES[code[pc]];
            int p = pc + 1;
            for (int i = 0; i < shape.length(); i++) {
                char c = shape.charAt(i);
                if (c == 'd' || c == 's') {
                    int w = code[p];
                    if (w >= UNPLACED_CONSTANT_SLOT) code[p] = firstStackSlot + (w - UNPLACED_CONSTANT_SLOT);
                    else if (w >= RESULT_SLOT) code[p] = w - RESULT_SLOT;
                    else if (w >= firstStackSlot) code[p] = w + n;
                }
                p += CodeWriter.operandWords(c, code, p);
            }
            pc = p;
        }
    }

    private void bindHere(ControlFrame c) {
        c.bindPatches(out.code, out.length);
        out.seal();
    }

    // ---- the translation ----

    private void run() {
        ControlFrame f = new ControlFrame();
        f.kind = FUNCTION;
        f.params = new byte[0];
        f.results = type.results();
        f.height = 0;
        ctl.push(f);
        // The loop zeroes only the low halves of locals; v128 locals get their upper halves zeroed here.
        for (int x = type.params().length; x < numLocals; x++) {
            if (locals[x] == ValType.V128) emit(Op.V128_CONST, x, 0, 0, 0, 0);
        }
        while (ctl.size() > 0) {
            int at = in.pos();
            int op = in.u8();
            if (metered) chargeFuel(op);
            instruction(op, at);
            if (metered && endsBasicBlock(op)) fuelWord = -1;
        }
        if (!in.atEnd()) throw in.error("section size mismatch: operators remaining after the end of the function");
        // Reached by no branch: where the interpreter continues when compiled code has run the rest of this
        // function from a loop header (OSR), so that it returns as from any other call (see Interpreter.jump).
        if (hasLoop) out.append(Op.RETURN);
        placeConstantSlots();
    }

    // ---- metering ----

    /** Structure, not work: these are not counted (a loop's and an end's position may be a branch target). */
    private static boolean isStructure(int op) {
        return op == Opcodes.BLOCK || op == Opcodes.LOOP || op == Opcodes.ELSE || op == Opcodes.END;
    }

    /**
     * After these the next instruction starts a basic block: they branch, or (loop, else, end) the position after
     * them is a branch target. {@code block} is neither, so its body continues the block it sits in.
     */
    private static boolean endsBasicBlock(int op) {
        switch (op) {
            case Opcodes.UNREACHABLE: case Opcodes.LOOP: case Opcodes.IF: case Opcodes.ELSE: case Opcodes.END:
            case Opcodes.BR: case Opcodes.BR_IF: case Opcodes.BR_TABLE: case Opcodes.RETURN:
                return true;
            default:
                return false;
        }
    }

    /** Counts wasm instruction {@code op} in the current block's FUEL, opening the block when it is the first. */
    private void chargeFuel(int op) {
        if (isStructure(op) || dead()) return;
        if (fuelWord < 0) fuelWord = emit(Op.FUEL, 0) + 1;
        out.code[fuelWord]++;
    }

    /** A block's type: no values, one result of a value type, or any function type by its (32-bit) index. */
    private FuncType blockType() {
        long bt = in.s33();
        if (bt == -64) return FuncType.of();
        if (bt < 0) {
            switch ((int) bt) {
                case -1: case -2: case -3: case -4: case -5: case -16: case -17:
                    return FuncType.of(new byte[0], new byte[]{(byte) (bt & 0x7F)});
                default:
                    throw in.error("malformed block type " + bt);
            }
        }
        if (bt >= module.types().size()) throw invalid("unknown type " + bt);
        return module.types().get((int) bt);
    }

    private void enterBlock(ControlFrame.Kind kind) {
        FuncType bt = blockType();
        byte[] params = bt.params(), results = bt.results();
        int condIdx = -1;
        if (kind == IF) condIdx = pop(ValType.I32);
        int first = checkTop(params);
        if (!dead()) {
            // Deferred locals anywhere below must be read before the block may change them; the block's own
            // parameters must sit in their slots because branches back to a loop write them there.
            int before = out.length;
            for (int i = 0; i < first; i++) if (ops.kind[i] == LOCAL) materialize(i);
            for (int i = first; i < ops.height; i++) materialize(i);
            if (out.length != before) out.seal();
        }
        ControlFrame c = new ControlFrame();
        c.kind = kind;
        c.params = params;
        c.results = results;
        c.height = first;
        c.dead = dead();
        if (kind == IF) c.elsePatch = c.dead ? -1 : emitCondJump(condIdx, false, -1);
        ctl.push(c);
        if (kind == LOOP) {
            hasLoop = true;
            // A branch target: nothing before it may be rewritten by what follows. (Interrupts are polled by the
            // interpreter on taken branches, which every iteration takes.)
            c.loopStart = out.length;
            out.seal();
        }
    }

    /**
     * The compare-and-branch jumping when {@code compareOp} (an i32 or i64 compare of two slots, or an i32 compare
     * with a constant) is true ({@code ifTrue}) or false, or -1. The ten compares of each kind are in the same order
     * (eq, ne, lt_s, lt_u, gt_s, gt_u, le_s, le_u, ge_s, ge_u) in every family.
     */
    private static int fusedBranch(int compareOp, boolean ifTrue) {
        for (int[] family : COMPARE_FAMILIES) {
            int i = compareOp - family[0];
            if (i >= 0 && i < 10) return family[1] + (ifTrue ? i : NEGATED_COMPARE[i]);
        }
        return -1;
    }

    /** Each family of ten compares: its first compare and its first compare-and-branch. */
    private static final int[][] COMPARE_FAMILIES = {{Op.I32_EQ, Op.BR_I32_EQ}, {Op.I32_EQ_I, Op.BR_I32_EQ_I}, {Op.I64_EQ, Op.BR_I64_EQ}};
    /** The negation of each of the ten compares, in their order: eq and ne, lt_s and ge_s, lt_u and ge_u, ... */
    private static final int[] NEGATED_COMPARE = {1, 0, 8, 9, 6, 7, 4, 5, 2, 3};

    /** The conditional branch that jumps exactly when {@code branchOp} does not, or -1 if it is none. */
    private static int negatedBranch(int branchOp) {
        if (branchOp == Op.BR_IF) return Op.BR_IFNOT;
        if (branchOp == Op.BR_IFNOT) return Op.BR_IF;
        for (int[] family : COMPARE_FAMILIES) {
            int i = branchOp - family[1];
            if (i >= 0 && i < 10) return family[1] + NEGATED_COMPARE[i];
        }
        return -1;
    }

    /** The most code words of a loop's header that a branch back to the loop runs in place (see {@link #replicateLoopHead}). */
    private static final int MAX_REPLICATED_HEAD = 32;

    /**
     * A branch back to a loop runs the loop's header in place instead when the header is straight-line code ending in
     * a branch: a while loop's test, say. An unconditional end is copied as it is; a conditional one negated, jumping
     * on into the loop after the header, followed by a jump to where the test leaves. Every iteration then takes one
     * branch fewer, and still a taken one (which polls for interrupts; any cycle of the code has a backward one, which
     * counts the loop's heat). False, with nothing emitted, when the header is no such code, is too long, or a target
     * it jumps to is not known yet and no label will fill it in. Not in metered code, whose headers start with their
     * block's fuel. Never a {@code br_table}: copied to the end of each case of an interpreter's dispatch, it makes
     * every case enterable from every other, loops with many entries that HotSpot compiles poorly: the JIT tier's
     * compiled {@code interp} benchmark ran 37 times slower (3.4 to 125 ms a call), for a few percent in the
     * interpreter.
     */
    private boolean replicateLoopHead(int head) {
        if (metered) return false;
        int[] code = out.code;
        for (int pc = head; pc < out.length; ) {
            int op = code[pc];
            int next = pc + CodeWriter.length(code, pc);
            if (next - head > MAX_REPLICATED_HEAD) return false;
            if (op == Op.BR_TABLE) return false;
            boolean unconditional = op == Op.BR || op == Op.RETURN || op == Op.RETURN_1;
            int negated = negatedBranch(op);
            if (!unconditional && negated < 0) {
                if (Op.SHAPES[op].indexOf('t') >= 0 || op == Op.UNREACHABLE || op == Op.TRAP) return false;
                pc = next;
                continue;
            }
            ControlFrame[] waiting = targetLabels(head, next);
            if (waiting == null) return false;
            if (unconditional) {
                copyCode(head, next, waiting);
                return true;
            }
            int[] operands = Arrays.copyOfRange(code, pc + 1, next);
            int exit = operands[operands.length - 1];
            operands[operands.length - 1] = next;   // on into the loop, after its header
            copyCode(head, pc, waiting);
            emit(negated, operands);
            int br = emit(Op.BR, exit);
            if (waiting[next - 1 - head] != null) waiting[next - 1 - head].addPatch(br + 1);
            return true;
        }
        return false;
    }

    /**
     * For each jump target word of the code in {@code from..to} that is not known yet, the label that will fill it in
     * (indexed by the word's distance from {@code from}); null if some such word has none (an if's jump to its else,
     * bound by the if itself).
     */
    private ControlFrame[] targetLabels(int from, int to) {
        ControlFrame[] labels = new ControlFrame[to - from];
        int[] code = out.code;
        for (int pc = from; pc < to; pc += CodeWriter.length(code, pc)) {
            String shape = Op.SHAPES[code[pc]];
            for (int p = pc + 1, i = 0; i < shape.length(); i++) {
                char c = shape.charAt(i);
                int words = CodeWriter.operandWords(c, code, p);
                if (c == 't' || c == 'B') {
                    for (int w = c == 'B' ? p + 1 : p; w < p + words; w++) {
                        // Unknown targets hold -1 (0 in a br_table) until their label is bound.
                        if (code[w] > 0) continue;
                        labels[w - from] = ctl.awaiting(w);
                        if (labels[w - from] == null && code[w] < 0) return null;
                    }
                }
                p += words;
            }
        }
        return labels;
    }

    /** Appends a copy of the code in {@code from..to}; jump targets still unknown are filled in by {@code labels}. */
    private void copyCode(int from, int to, ControlFrame[] labels) {
        for (int pc = from; pc < to; ) {
            int next = pc + CodeWriter.length(out.code, pc);
            int at = emit(out.code[pc], Arrays.copyOfRange(out.code, pc + 1, next));
            for (int w = pc; w < next; w++) if (labels[w - from] != null) labels[w - from].addPatch(at + (w - pc));
            pc = next;
        }
    }

    /**
     * Emits a jump taken when the i32 entry {@code condIdx} is non-zero ({@code ifTrue}) or zero. Returns the
     * position of the target word, or -1 if no jump was needed (a constant condition that never jumps) or it was
     * already resolved to {@code target}.
     */
    private int emitCondJump(int condIdx, boolean ifTrue, int target) {
        if (dead() || condIdx < 0) return -1;
        if (ops.kind[condIdx] == CONST) {
            boolean nonZero = (int) ops.value[condIdx] != 0;
            if (nonZero != ifTrue) return -1;
            int pos = emit(Op.BR, target);
            return target >= 0 ? -1 : pos + 1;
        }
        if (ops.kind[condIdx] == STACK && out.lastWrote(slot(condIdx))) {
            // The condition was just computed by an eqz or a compare: branch on its operands instead.
            int op = out.lastOp();
            int fused = op == Op.I32_EQZ ? (ifTrue ? Op.BR_IFNOT : Op.BR_IF) : fusedBranch(op, ifTrue);
            if (fused >= 0) return out.turnLastIntoBranch(fused, target);
        }
        int pos = emit(ifTrue ? Op.BR_IF : Op.BR_IFNOT, operand(condIdx), target);
        return pos + 2;
    }

    /** Whether the values for a branch to {@code label} already sit in the label's slots. */
    private boolean inPlace(ControlFrame label, int first, int n) {
        if (label.kind == FUNCTION) return false;
        for (int i = 0; i < n; i++) {
            if (ops.kind[first + i] != STACK || first + i != label.height + i) return false;
        }
        return true;
    }

    /** Emits the copies and the jump of a branch to {@code label} carrying entries first..first+n-1. */
    private void emitBranch(ControlFrame label, int first, int n) {
        if (dead()) return;
        if (label.kind == FUNCTION) {
            emitReturn(first, n);
            return;
        }
        int base = slot(label.height);
        for (int i = 0; i < n; i++) emitMove(base + i, first + i);
        jumpTo(label, Op.BR);
    }

    private void jumpTo(ControlFrame label, int brOp) {
        if (label.kind == LOOP) {
            if (brOp != Op.BR || !replicateLoopHead(label.loopStart)) emit(brOp, label.loopStart);
        } else {
            int pos = emit(brOp, -1);
            if (pos >= 0) label.addPatch(pos + 1);
        }
    }

    private void emitReturn(int first, int n) {
        if (dead()) return;
        if (n == 1 && ValType.isNum(ops.type[first]) && ops.kind[first] != CONST) {
            emit(Op.RETURN_1, ops.kind[first] == LOCAL ? (int) ops.value[first] : slot(first));
            return;
        }
        if (n == 1) {
            emitMove(0, first);
        } else if (n > 1) {
            // Results go to slots 0..n-1, which may hold locals that other results still need: stage them first.
            // (Each value-stack slot lies above every result slot it could overwrite, so the moves go in order; a
            // move may end up from a slot to itself when no constant slots move the value stack.)
            for (int i = 0; i < n; i++) if (ops.kind[first + i] != STACK) emitMove(slot(first + i), first + i);
            for (int i = 0; i < n; i++) emit(movOp(ops.type[first + i]), RESULT_SLOT + i, slot(first + i));
        }
        emit(Op.RETURN);
    }

    private ControlFrame label(int depth) {
        ControlFrame l = ctl.label(depth);
        if (l == null) throw invalid("unknown label " + Integer.toUnsignedString(depth));
        return l;
    }

    private void end() {
        ControlFrame c = ctl.top();
        int first = ops.height - c.results.length;
        popTypes(c.results);
        if (ops.height != c.height) throw invalid("type mismatch: " + (ops.height - c.height) + " value(s) left on the stack at the end of the block");
        if (c.kind == IF && !Arrays.equals(c.params, c.results)) throw invalid("type mismatch: if without else must not change the stack's types");
        if (!dead()) {
            if (c.kind == FUNCTION) emitReturn(first, c.results.length);
            else for (int i = 0; i < c.results.length; i++) materialize(first + i);
        }
        if (c.elsePatch >= 0) out.code[c.elsePatch] = out.length;
        if (c.kind != FUNCTION) bindHere(c);
        out.seal();
        ctl.pop();
        ops.height = c.height;
        if (ctl.size() > 0) for (byte t : c.results) push(t);
    }

    private void elseOp() {
        ControlFrame c = ctl.top();
        if (c.kind != IF) throw invalid("else without a matching if");
        int first = ops.height - c.results.length;
        popTypes(c.results);
        if (ops.height != c.height) throw invalid("type mismatch: " + (ops.height - c.height) + " value(s) left on the stack at else");
        if (!dead()) {
            for (int i = 0; i < c.results.length; i++) materialize(first + i);
            int pos = emit(Op.BR, -1);
            if (pos >= 0) c.addPatch(pos + 1);
        }
        if (c.elsePatch >= 0) out.code[c.elsePatch] = out.length;
        c.elsePatch = -1;
        c.kind = ELSE;
        c.unreachable = false;
        out.seal();
        ops.height = c.height;
        for (byte t : c.params) push(t);
    }

    private void localSet(int x, int idx) {
        if (dead() || idx < 0) return;
        boolean emitted = false;
        int before = out.length;
        for (int j = 0; j < idx; j++) if (ops.kind[j] == LOCAL && ops.value[j] == x) materialize(j);
        emitted = out.length != before;
        if (!emitted && ops.kind[idx] == STACK && out.lastWrote(slot(idx))) {
            out.retargetLast(x);
            return;
        }
        emitMove(x, idx);
        out.forgetResult();
    }

    private int localIndex() {
        int x = in.u32();
        if (Integer.compareUnsigned(x, numLocals) >= 0) throw invalid("unknown local " + Integer.toUnsignedString(x));
        return x;
    }

    private int globalIndex() {
        int g = in.u32();
        if (Integer.compareUnsigned(g, module.allGlobals().size()) >= 0) throw invalid("unknown global " + Integer.toUnsignedString(g));
        return g;
    }

    private int tableIndex() {
        int t = in.u32();
        if (Integer.compareUnsigned(t, module.allTables().size()) >= 0) throw invalid("unknown table " + Integer.toUnsignedString(t));
        return t;
    }

    private int funcIndexOperand() {
        int f = in.u32();
        if (Integer.compareUnsigned(f, module.functionTypes().size()) >= 0) throw invalid("unknown function " + Integer.toUnsignedString(f));
        return f;
    }

    private int elemIndex() {
        int e = in.u32();
        if (Integer.compareUnsigned(e, module.elements().size()) >= 0) throw invalid("unknown elem segment " + Integer.toUnsignedString(e));
        return e;
    }

    private int dataIndex() {
        int d = in.u32();
        if (!module.hasDataCount()) throw in.error("data count section required");
        if (Integer.compareUnsigned(d, module.data().size()) >= 0) throw invalid("unknown data segment " + Integer.toUnsignedString(d));
        return d;
    }

    private void requireMemory() {
        if (module.allMemories().isEmpty()) throw invalid("unknown memory 0");
    }

    private void zeroByte() {
        int at = in.pos();
        if (in.u8() != 0) throw in.errorAt(at, "zero byte expected");
    }

    /** Reads a memarg; returns the offset, or -1 if it is 2 GiB or more (such an access always traps). */
    private int memarg(int naturalAlign) {
        requireMemory();
        int align = in.u32();
        int offset = in.u32();
        if (Integer.compareUnsigned(align, naturalAlign) > 0) throw invalid("alignment must not be larger than natural");
        return offset < 0 ? -1 : offset;
    }

    /** For a constant address: the folded offset if address + offset stays below 2^31, else -1. */
    private static int foldedOffset(long address, int offset) {
        long ea = (address & 0xFFFFFFFFL) + (offset & 0xFFFFFFFFL);
        return offset >= 0 && ea <= Integer.MAX_VALUE ? (int) ea : -1;
    }

    /**
     * Whether popped entry {@code idx} is the result of the last instruction, {@code op}, and read by nothing else
     * (a stack value is read once): that instruction may then be folded into the one that reads it.
     */
    private boolean justComputed(int idx, int op) {
        return idx >= 0 && ops.kind[idx] == STACK && out.lastWrote(slot(idx)) && out.lastOp() == op;
    }

    /** The load that adds a constant to its address first (see {@link #load}), or -1. */
    private static int addressFused(int load) {
        switch (load) {
            case Op.I32_LOAD: return Op.I32_LOAD_A;
            case Op.I64_LOAD: return Op.I64_LOAD_A;
            case Op.I32_LOAD8_U: case Op.I64_LOAD8_U: return Op.LOAD8_U_A;
            default: return -1;
        }
    }

    private void load(int op, byte resultType, int naturalAlign) {
        int offset = memarg(naturalAlign);
        int a = pop(ValType.I32);
        int dst = slot(ops.height);
        if (!dead()) {
            int folded = isConst(a) ? foldedOffset(ops.value[a], offset) : -1;
            int fused = addressFused(op);
            if (folded >= 0) emitResult(op, dst, zeroSlot(), folded);
            else if (fused >= 0 && offset >= 0 && justComputed(a, Op.I32_ADD_I)) {
                // The address was just computed as base + constant: one instruction instead of two, same wrapping.
                int base = out.lastOperand(1), imm = out.lastOperand(2);
                out.dropLast();
                emitResult(fused, dst, base, imm, offset);
            } else if (op == Op.I32_LOAD && offset >= 0 && justComputed(a, Op.I32_SHL_ADD_I)) {
                int index = out.lastOperand(1), shift = out.lastOperand(2), add = out.lastOperand(3);
                out.dropLast();
                emitResult(Op.I32_LOAD_X, dst, index, shift, add, offset);
            } else {
                int addr = operand(a);
                if (offset < 0) emit(Op.TRAP, Trap.Kind.MEMORY_OUT_OF_BOUNDS.ordinal());
                else emitResult(op, dst, addr, offset);
            }
        }
        push(resultType);
    }

    private void store(int op, byte valueType, int naturalAlign) {
        int offset = memarg(naturalAlign);
        int v = pop(valueType);
        int a = pop(ValType.I32);
        if (!dead()) {
            int folded = isConst(a) ? foldedOffset(ops.value[a], offset) : -1;
            if (folded >= 0) emit(op, zeroSlot(), readOperand(v), folded);
            else {
                int addr = operand(a);
                int val = readOperand(v);
                if (offset < 0) emit(Op.TRAP, Trap.Kind.MEMORY_OUT_OF_BOUNDS.ordinal());
                else emit(op, addr, val, offset);
            }
        }
    }

    private void unary(int op, byte in, byte out) {
        int a = pop(in);
        int dst = slot(ops.height);
        if (!dead()) emitResult(op, dst, operand(a));
        push(out);
    }

    private static int immForm(int op) {
        switch (op) {
            case Op.I32_ADD: return Op.I32_ADD_I;
            case Op.I32_MUL: return Op.I32_MUL_I;
            case Op.I32_AND: return Op.I32_AND_I;
            case Op.I32_OR: return Op.I32_OR_I;
            case Op.I32_XOR: return Op.I32_XOR_I;
            case Op.I32_SHL: return Op.I32_SHL_I;
            case Op.I32_SHR_S: return Op.I32_SHR_S_I;
            case Op.I32_SHR_U: return Op.I32_SHR_U_I;
            default:
                if (op >= Op.I32_EQ && op <= Op.I32_GE_U) return Op.I32_EQ_I + (op - Op.I32_EQ);
                return -1;
        }
    }

    /** Forms taking a 64-bit constant second operand, or -1. */
    private static int wideImmForm(int op) {
        switch (op) {
            case Op.I64_MUL: return Op.I64_MUL_L;
            case Op.I64_AND: return Op.I64_AND_L;
            case Op.I64_OR: return Op.I64_OR_L;
            case Op.I64_XOR: return Op.I64_XOR_L;
            case Op.F64_ADD: return Op.F64_ADD_L;
            case Op.F64_SUB: return Op.F64_SUB_L;
            case Op.F64_MUL: return Op.F64_MUL_L;
            default: return -1;
        }
    }

    /** The operation with its operands swapped, or -1. */
    private static int swapped(int op) {
        switch (op) {
            case Op.I32_ADD: case Op.I32_MUL: case Op.I32_AND: case Op.I32_OR: case Op.I32_XOR: case Op.I32_EQ: case Op.I32_NE:
            case Op.I64_MUL: case Op.I64_AND: case Op.I64_OR: case Op.I64_XOR:
                return op;
            case Op.I32_LT_S: return Op.I32_GT_S;
            case Op.I32_LT_U: return Op.I32_GT_U;
            case Op.I32_GT_S: return Op.I32_LT_S;
            case Op.I32_GT_U: return Op.I32_LT_U;
            case Op.I32_LE_S: return Op.I32_GE_S;
            case Op.I32_LE_U: return Op.I32_GE_U;
            case Op.I32_GE_S: return Op.I32_LE_S;
            case Op.I32_GE_U: return Op.I32_LE_U;
            default: return -1;
        }
    }

    private void binary(int op, byte in, byte out) {
        int b = pop(in);
        int a = pop(in);
        int dst = slot(ops.height);
        if (!dead()) {
            if (isConst(a) && !isConst(b) && swapped(op) >= 0) {
                int t = a;
                a = b;
                b = t;
                op = swapped(op);
            }
            if (isConst(b) && !isConst(a)) {
                long c = ops.value[b];
                if (op == Op.I32_SUB) {
                    emitResult(Op.I32_ADD_I, dst, operand(a), -(int) c);
                    push(out);
                    return;
                }
                if (op == Op.I32_ADD && justComputed(a, Op.I32_SHL_I)) {
                    // A scaled index plus a base (a[i] in C): one instruction, which a load may absorb in turn.
                    int index = this.out.lastOperand(1), shift = this.out.lastOperand(2);
                    this.out.dropLast();
                    emitResult(Op.I32_SHL_ADD_I, dst, index, shift, (int) c);
                    push(out);
                    return;
                }
                int imm = immForm(op);
                if (imm >= 0) {
                    emitResult(imm, dst, operand(a), (int) c);
                    push(out);
                    return;
                }
                if ((op == Op.I64_ADD || op == Op.I64_SUB) && c == (int) c && c != Integer.MIN_VALUE) {
                    emitResult(Op.I64_ADD_I, dst, operand(a), op == Op.I64_ADD ? (int) c : -(int) c);
                    push(out);
                    return;
                }
                if (op == Op.I64_MUL && justComputed(a, Op.I64_XOR)) {
                    // (x ^ y) * constant, the step of byte-wise hashes (FNV-1a): one instruction instead of two.
                    int x = this.out.lastOperand(1), y = this.out.lastOperand(2);
                    this.out.dropLast();
                    emitResult(Op.I64_XOR_MUL_L, dst, x, y, (int) c, (int) (c >>> 32));
                    push(out);
                    return;
                }
                int wide = wideImmForm(op);
                if (wide >= 0) {
                    emitResult(wide, dst, operand(a), (int) c, (int) (c >>> 32));
                    push(out);
                    return;
                }
                int shift = op == Op.I64_SHL ? Op.I64_SHL_I : op == Op.I64_SHR_S ? Op.I64_SHR_S_I : op == Op.I64_SHR_U ? Op.I64_SHR_U_I : -1;
                if (shift >= 0) {
                    emitResult(shift, dst, operand(a), (int) (c & 63));
                    push(out);
                    return;
                }
            }
            int sa = readOperand(a);
            int sb = readOperand(b);
            emitResult(op, dst, sa, sb);
        }
        push(out);
    }

    /** wrap and reinterpret only change how the same bits are read: no code. */
    private void retag(byte in, byte out, boolean wrap) {
        int a = pop(in);
        if (a < 0) {
            push(out);
            return;
        }
        ops.height++;
        ops.type[a] = out;
        if (wrap && ops.kind[a] == CONST) ops.value[a] = (int) ops.value[a];
    }

    private void call(FuncType ft, int emitOp, int... operands) {
        byte[] params = ft.params();
        int first = -1;
        for (int i = params.length - 1; i >= 0; i--) first = pop(params[i]);
        int base = params.length == 0 ? ops.height : first;
        if (!dead()) {
            for (int i = 0; i < params.length; i++) materialize(base + i);
            int[] ops = Arrays.copyOf(operands, operands.length + 1);
            ops[operands.length] = slot(base);
            emit(emitOp, ops);
        }
        for (byte t : ft.results()) push(t);
    }

    private static final byte I32 = ValType.I32, I64 = ValType.I64, F32 = ValType.F32, F64 = ValType.F64;

    private void instruction(int op, int at) {
        switch (op) {
            case Opcodes.UNREACHABLE:
                emit(Op.UNREACHABLE);
                setUnreachable();
                return;
            case Opcodes.NOP:
                return;
            case Opcodes.BLOCK:
                enterBlock(BLOCK);
                return;
            case Opcodes.LOOP:
                enterBlock(LOOP);
                return;
            case Opcodes.IF:
                enterBlock(IF);
                return;
            case Opcodes.ELSE:
                elseOp();
                return;
            case Opcodes.END:
                end();
                return;
            case Opcodes.BR: {
                ControlFrame l = label(in.u32());
                byte[] ts = l.labelTypes();
                int first = checkTop(ts);
                emitBranch(l, first, ts.length);
                setUnreachable();
                return;
            }
            case Opcodes.BR_IF: {
                ControlFrame l = label(in.u32());
                int cond = pop(I32);
                byte[] ts = l.labelTypes();
                int first = checkTop(ts);
                if (!dead()) {
                    if (inPlace(l, first, ts.length)) {
                        if (l.kind == LOOP) {
                            emitCondJump(cond, true, l.loopStart);
                        } else {
                            int pos = emitCondJump(cond, true, -1);
                            if (pos >= 0) l.addPatch(pos);
                        }
                    } else {
                        int skip = emitCondJump(cond, false, -1);
                        emitBranch(l, first, ts.length);
                        if (skip >= 0) out.code[skip] = out.length;
                        out.seal();
                    }
                }
                return;
            }
            case Opcodes.BR_TABLE: {
                int n = in.count(1);
                int[] depths = new int[n + 1];
                for (int i = 0; i <= n; i++) depths[i] = in.u32();
                int idx = pop(I32);
                ControlFrame def = label(depths[n]);
                int arity = def.labelTypes().length;
                int first = ops.height - arity;
                for (int i = 0; i <= n; i++) {
                    ControlFrame l = label(depths[i]);
                    if (l.labelTypes().length != arity) throw invalid("type mismatch: br_table targets have different arities");
                    first = checkTop(l.labelTypes(), false);
                }
                if (!dead()) {
                    int[] words = new int[n + 3];
                    words[0] = operand(idx);
                    words[1] = n;
                    int pos = emit(Op.BR_TABLE, words);
                    int[] stubOf = new int[ctl.size()];
                    Arrays.fill(stubOf, -1);
                    for (int i = 0; i <= n; i++) {
                        int word = pos + 3 + i;
                        ControlFrame l = label(depths[i]);
                        if (inPlace(l, first, arity)) {
                            if (l.kind == LOOP) out.code[word] = l.loopStart;
                            else l.addPatch(word);
                        } else {
                            if (stubOf[depths[i]] < 0) {
                                out.seal();
                                stubOf[depths[i]] = out.length;
                                emitBranch(l, first, arity);
                            }
                            out.code[word] = stubOf[depths[i]];
                        }
                    }
                }
                setUnreachable();
                return;
            }
            case Opcodes.RETURN: {
                byte[] ts = ctl.function().results;
                int first = checkTop(ts);
                emitReturn(first, ts.length);
                setUnreachable();
                return;
            }
            case Opcodes.CALL: {
                int f = funcIndexOperand();
                call(module.functionTypes().get(f), Op.CALL, f);
                return;
            }
            case Opcodes.CALL_INDIRECT: {
                int typeIdx = in.u32();
                int table = tableIndex();
                if (Integer.compareUnsigned(typeIdx, module.types().size()) >= 0) throw invalid("unknown type " + Integer.toUnsignedString(typeIdx));
                if (module.allTables().get(table).elemType() != ValType.FUNCREF) throw invalid("type mismatch: call_indirect needs a funcref table");
                int idx = pop(I32);
                FuncType ft = module.types().get(typeIdx);
                // The element index sits above the arguments; read it from a slot that the arguments don't occupy.
                int idxSlot = 0;
                if (!dead() && idx >= 0) {
                    if (ops.kind[idx] == LOCAL) idxSlot = (int) ops.value[idx];
                    else {
                        materialize(idx);
                        idxSlot = slot(idx);
                    }
                }
                call(ft, Op.CALL_INDIRECT, typeIdx, table, idxSlot);
                return;
            }
            case Opcodes.DROP:
                pop(ValType.UNKNOWN);
                return;
            case Opcodes.SELECT:
            case Opcodes.SELECT_T: {
                byte t = 0;
                if (op == Opcodes.SELECT_T) {
                    int n = in.u32();
                    if (n != 1) throw invalid("invalid result arity for select: " + Integer.toUnsignedString(n));
                    t = in.valType();
                }
                int c = pop(I32);
                int b = pop(t);
                int a = pop(t);
                byte ta = typeAt(a), tb = typeAt(b);
                if (op == Opcodes.SELECT) {
                    if ((ta != 0 && !ValType.isNumOrVector(ta)) || (tb != 0 && !ValType.isNumOrVector(tb))) throw invalid("type mismatch: select without a type needs numeric operands");
                    if (ta != 0 && tb != 0 && ta != tb) throw invalid("type mismatch: select operands differ");
                    t = ta != 0 ? ta : tb;
                }
                int dst = slot(ops.height);
                if (!dead()) {
                    int sc = operand(c);
                    boolean scalar = ValType.isNum(t);
                    int sa = scalar ? readOperand(a) : operand(a);
                    int sb = scalar ? readOperand(b) : operand(b);
                    if (ValType.isRef(t)) emit(Op.SELECT_REF, dst, sc, sa, sb);
                    else if (t == ValType.V128) emitResult(Op.SELECT_V128, dst, sc, sa, sb);
                    else emitResult(Op.SELECT, dst, sc, sa, sb);
                }
                push(t);
                return;
            }
            case Opcodes.LOCAL_GET: {
                int x = localIndex();
                pushEntry(locals[x], LOCAL, x);
                return;
            }
            case Opcodes.LOCAL_SET: {
                int x = localIndex();
                int v = pop(locals[x]);
                localSet(x, v);
                return;
            }
            case Opcodes.LOCAL_TEE: {
                int x = localIndex();
                int v = pop(locals[x]);
                localSet(x, v);
                pushEntry(locals[x], dead() ? STACK : LOCAL, x);
                return;
            }
            case Opcodes.GLOBAL_GET: {
                int g = globalIndex();
                byte t = module.allGlobals().get(g).valType();
                int dst = slot(ops.height);
                if (ValType.isRef(t)) emit(Op.GLOBAL_GET_REF, dst, g);
                else if (t == ValType.V128) emitResult(Op.GLOBAL_GET_V128, dst, g);
                else emitResult(Op.GLOBAL_GET, dst, g);
                push(t);
                return;
            }
            case Opcodes.GLOBAL_SET: {
                int g = globalIndex();
                if (!module.allGlobals().get(g).mutable()) throw invalid("global is immutable: global.set " + g);
                byte t = module.allGlobals().get(g).valType();
                int v = pop(t);
                if (!dead()) emit(ValType.isRef(t) ? Op.GLOBAL_SET_REF : t == ValType.V128 ? Op.GLOBAL_SET_V128 : Op.GLOBAL_SET, g, ValType.isNum(t) ? readOperand(v) : operand(v));
                return;
            }
            case Opcodes.TABLE_GET: {
                int t = tableIndex();
                int i = pop(I32);
                int dst = slot(ops.height);
                if (!dead()) emit(Op.TABLE_GET, dst, t, operand(i));
                push(module.allTables().get(t).elemType());
                return;
            }
            case Opcodes.TABLE_SET: {
                int t = tableIndex();
                int v = pop(module.allTables().get(t).elemType());
                int i = pop(I32);
                if (!dead()) emit(Op.TABLE_SET, t, operand(i), operand(v));
                return;
            }
            case Opcodes.I32_LOAD: load(Op.I32_LOAD, I32, 2); return;
            case Opcodes.I64_LOAD: load(Op.I64_LOAD, I64, 3); return;
            case Opcodes.F32_LOAD: load(Op.I32_LOAD, F32, 2); return;
            case Opcodes.F64_LOAD: load(Op.I64_LOAD, F64, 3); return;
            case Opcodes.I32_LOAD8_S: load(Op.I32_LOAD8_S, I32, 0); return;
            case Opcodes.I32_LOAD8_U: load(Op.I32_LOAD8_U, I32, 0); return;
            case Opcodes.I32_LOAD16_S: load(Op.I32_LOAD16_S, I32, 1); return;
            case Opcodes.I32_LOAD16_U: load(Op.I32_LOAD16_U, I32, 1); return;
            case Opcodes.I64_LOAD8_S: load(Op.I64_LOAD8_S, I64, 0); return;
            case Opcodes.I64_LOAD8_U: load(Op.I64_LOAD8_U, I64, 0); return;
            case Opcodes.I64_LOAD16_S: load(Op.I64_LOAD16_S, I64, 1); return;
            case Opcodes.I64_LOAD16_U: load(Op.I64_LOAD16_U, I64, 1); return;
            case Opcodes.I64_LOAD32_S: load(Op.I32_LOAD, I64, 2); return;
            case Opcodes.I64_LOAD32_U: load(Op.I64_LOAD32_U, I64, 2); return;
            case Opcodes.I32_STORE: store(Op.STORE32, I32, 2); return;
            case Opcodes.I64_STORE: store(Op.STORE64, I64, 3); return;
            case Opcodes.F32_STORE: store(Op.STORE32, F32, 2); return;
            case Opcodes.F64_STORE: store(Op.STORE64, F64, 3); return;
            case Opcodes.I32_STORE8: store(Op.STORE8, I32, 0); return;
            case Opcodes.I32_STORE16: store(Op.STORE16, I32, 1); return;
            case Opcodes.I64_STORE8: store(Op.STORE8, I64, 0); return;
            case Opcodes.I64_STORE16: store(Op.STORE16, I64, 1); return;
            case Opcodes.I64_STORE32: store(Op.STORE32, I64, 2); return;
            case Opcodes.MEMORY_SIZE: {
                zeroByte();
                requireMemory();
                if (!dead()) emit(Op.MEMORY_SIZE, slot(ops.height));
                push(I32);
                return;
            }
            case Opcodes.MEMORY_GROW: {
                zeroByte();
                requireMemory();
                int n = pop(I32);
                int dst = slot(ops.height);
                if (!dead()) emit(Op.MEMORY_GROW, dst, operand(n));
                push(I32);
                return;
            }
            case Opcodes.I32_CONST: pushEntry(I32, CONST, in.s32()); return;
            case Opcodes.I64_CONST: pushEntry(I64, CONST, in.s64()); return;
            case Opcodes.F32_CONST: pushEntry(F32, CONST, in.f32Bits()); return;
            case Opcodes.F64_CONST: pushEntry(F64, CONST, in.f64Bits()); return;
            case Opcodes.REF_NULL: {
                byte t = in.refType();
                if (!dead()) emit(Op.REF_NULL, slot(ops.height));
                push(t);
                return;
            }
            case Opcodes.REF_IS_NULL: {
                int v = popRef();
                int dst = slot(ops.height);
                if (!dead()) emit(Op.REF_IS_NULL, dst, operand(v));
                push(I32);
                return;
            }
            case Opcodes.REF_FUNC: {
                int f = funcIndexOperand();
                if (!module.isDeclaredReference(f)) throw invalid("undeclared function reference " + f);
                if (!dead()) emit(Op.REF_FUNC, slot(ops.height), f);
                push(ValType.FUNCREF);
                return;
            }
            case Opcodes.PREFIX_FC:
                prefixed(in.u32());
                return;
            case Opcodes.PREFIX_FD:
                simd(at);
                return;
            default:
                if (op >= Opcodes.I32_EQZ && op <= Opcodes.I64_EXTEND32_S) {
                    numeric(op);
                    return;
                }
                throw in.errorAt(at, "illegal opcode 0x" + Integer.toHexString(op));
        }
    }

    private void numeric(int wasmOp) {
        int op = Op.NUMERIC_BASE + (wasmOp - Opcodes.I32_EQZ);
        if (wasmOp == Opcodes.I32_EQZ) { unary(op, I32, I32); return; }
        if (wasmOp <= Opcodes.I32_GE_U) { binary(op, I32, I32); return; }
        if (wasmOp == Opcodes.I64_EQZ) { unary(op, I64, I32); return; }
        if (wasmOp <= Opcodes.I64_GE_U) { binary(op, I64, I32); return; }
        if (wasmOp <= Opcodes.F32_GE) { binary(op, F32, I32); return; }
        if (wasmOp <= Opcodes.F64_GE) { binary(op, F64, I32); return; }
        if (wasmOp <= Opcodes.I32_POPCNT) { unary(op, I32, I32); return; }
        if (wasmOp <= Opcodes.I32_ROTR) { binary(op, I32, I32); return; }
        if (wasmOp <= Opcodes.I64_POPCNT) { unary(op, I64, I64); return; }
        if (wasmOp <= Opcodes.I64_ROTR) { binary(op, I64, I64); return; }
        if (wasmOp <= Opcodes.F32_SQRT) { unary(op, F32, F32); return; }
        if (wasmOp <= Opcodes.F32_COPYSIGN) { binary(op, F32, F32); return; }
        if (wasmOp <= Opcodes.F64_SQRT) { unary(op, F64, F64); return; }
        if (wasmOp <= Opcodes.F64_COPYSIGN) { binary(op, F64, F64); return; }
        switch (wasmOp) {
            case Opcodes.I32_WRAP_I64: retag(I64, I32, true); return;
            case Opcodes.I32_TRUNC_F32_S: case Opcodes.I32_TRUNC_F32_U: unary(op, F32, I32); return;
            case Opcodes.I32_TRUNC_F64_S: case Opcodes.I32_TRUNC_F64_U: unary(op, F64, I32); return;
            case Opcodes.I64_EXTEND_I32_S: case Opcodes.I64_EXTEND_I32_U: unary(op, I32, I64); return;
            case Opcodes.I64_TRUNC_F32_S: case Opcodes.I64_TRUNC_F32_U: unary(op, F32, I64); return;
            case Opcodes.I64_TRUNC_F64_S: case Opcodes.I64_TRUNC_F64_U: unary(op, F64, I64); return;
            case Opcodes.F32_CONVERT_I32_S: case Opcodes.F32_CONVERT_I32_U: unary(op, I32, F32); return;
            case Opcodes.F32_CONVERT_I64_S: case Opcodes.F32_CONVERT_I64_U: unary(op, I64, F32); return;
            case Opcodes.F32_DEMOTE_F64: unary(op, F64, F32); return;
            case Opcodes.F64_CONVERT_I32_S: case Opcodes.F64_CONVERT_I32_U: unary(op, I32, F64); return;
            case Opcodes.F64_CONVERT_I64_S: case Opcodes.F64_CONVERT_I64_U: unary(op, I64, F64); return;
            case Opcodes.F64_PROMOTE_F32: unary(op, F32, F64); return;
            case Opcodes.I32_REINTERPRET_F32: retag(F32, I32, false); return;
            case Opcodes.I64_REINTERPRET_F64: retag(F64, I64, false); return;
            case Opcodes.F32_REINTERPRET_I32: retag(I32, F32, false); return;
            case Opcodes.F64_REINTERPRET_I64: retag(I64, F64, false); return;
            case Opcodes.I32_EXTEND8_S: case Opcodes.I32_EXTEND16_S: unary(op, I32, I32); return;
            default: unary(op, I64, I64);
        }
    }

    private void prefixed(int sub) {
        switch (sub) {
            case Opcodes.FC_I32_TRUNC_SAT_F32_S: unary(Op.TRUNC_SAT_BASE, F32, I32); return;
            case Opcodes.FC_I32_TRUNC_SAT_F32_U: unary(Op.TRUNC_SAT_BASE + 1, F32, I32); return;
            case Opcodes.FC_I32_TRUNC_SAT_F64_S: unary(Op.TRUNC_SAT_BASE + 2, F64, I32); return;
            case Opcodes.FC_I32_TRUNC_SAT_F64_U: unary(Op.TRUNC_SAT_BASE + 3, F64, I32); return;
            case Opcodes.FC_I64_TRUNC_SAT_F32_S: unary(Op.TRUNC_SAT_BASE + 4, F32, I64); return;
            case Opcodes.FC_I64_TRUNC_SAT_F32_U: unary(Op.TRUNC_SAT_BASE + 5, F32, I64); return;
            case Opcodes.FC_I64_TRUNC_SAT_F64_S: unary(Op.TRUNC_SAT_BASE + 6, F64, I64); return;
            case Opcodes.FC_I64_TRUNC_SAT_F64_U: unary(Op.TRUNC_SAT_BASE + 7, F64, I64); return;
            case Opcodes.FC_MEMORY_INIT: {
                int d = dataIndex();
                zeroByte();
                requireMemory();
                threeI32(Op.MEMORY_INIT, d);
                return;
            }
            case Opcodes.FC_DATA_DROP: {
                int d = dataIndex();
                emit(Op.DATA_DROP, d);
                return;
            }
            case Opcodes.FC_MEMORY_COPY:
                zeroByte();
                zeroByte();
                requireMemory();
                threeI32(Op.MEMORY_COPY);
                return;
            case Opcodes.FC_MEMORY_FILL: {
                zeroByte();
                requireMemory();
                int n = pop(I32);
                int v = pop(I32);
                int d = pop(I32);
                if (!dead()) emit(Op.MEMORY_FILL, operand(d), operand(v), operand(n));
                return;
            }
            case Opcodes.FC_TABLE_INIT: {
                int e = elemIndex();
                int t = tableIndex();
                if (module.elements().get(e).elemType() != module.allTables().get(t).elemType()) throw invalid("type mismatch: table.init of a segment into a table of another type");
                threeI32(Op.TABLE_INIT, t, e);
                return;
            }
            case Opcodes.FC_ELEM_DROP:
                emit(Op.ELEM_DROP, elemIndex());
                return;
            case Opcodes.FC_TABLE_COPY: {
                int dt = tableIndex();
                int st = tableIndex();
                if (module.allTables().get(dt).elemType() != module.allTables().get(st).elemType()) throw invalid("type mismatch: table.copy between tables of different types");
                threeI32(Op.TABLE_COPY, dt, st);
                return;
            }
            case Opcodes.FC_TABLE_GROW: {
                int t = tableIndex();
                TableType tt = module.allTables().get(t);
                int n = pop(I32);
                int v = pop(tt.elemType());
                int dst = slot(ops.height);
                if (!dead()) emit(Op.TABLE_GROW, dst, t, operand(v), operand(n));
                push(I32);
                return;
            }
            case Opcodes.FC_TABLE_SIZE: {
                int t = tableIndex();
                if (!dead()) emit(Op.TABLE_SIZE, slot(ops.height), t);
                push(I32);
                return;
            }
            case Opcodes.FC_TABLE_FILL: {
                int t = tableIndex();
                int n = pop(I32);
                int v = pop(module.allTables().get(t).elemType());
                int i = pop(I32);
                if (!dead()) emit(Op.TABLE_FILL, t, operand(i), operand(v), operand(n));
                return;
            }
            default:
                throw in.error("illegal opcode 0xfc " + Integer.toUnsignedString(sub));
        }
    }

    // ---- SIMD (0xFD prefix) ----

    /** The scalar type of each lane shape's lanes, by the shape's name prefix. */
    private static byte laneType(String name) {
        if (name.startsWith("i64x2")) return I64;
        if (name.startsWith("f32x4")) return F32;
        if (name.startsWith("f64x2")) return F64;
        return I32;
    }

    private static int laneCount(String name) {
        return name.startsWith("i8x16") ? 16 : name.startsWith("i16x8") ? 8 : name.startsWith("i64x2") || name.startsWith("f64x2") ? 2 : 4;
    }

    /** log2 of the bytes a SIMD memory instruction accesses: the largest alignment it may declare. */
    private static int naturalAlignment(String name) {
        if (name.equals("v128.load") || name.equals("v128.store")) return 4;
        if (name.contains("8x8") || name.contains("16x4") || name.contains("32x2") || name.contains("64")) return 3;
        if (name.contains("32")) return 2;
        if (name.contains("16")) return 1;
        return 0;
    }

    private int laneIndex(int lanes) {
        int at = in.pos();
        int lane = in.u8();
        if (lane >= lanes) throw new WasmValidationException(where + " at byte offset 0x" + Integer.toHexString(at), "invalid lane index " + lane);
        return lane;
    }

    private void simd(int at) {
        int sub = in.u32();
        int op = Integer.compareUnsigned(sub, 256) < 0 ? Op.SIMD_BY_SUBOPCODE[sub] : -1;
        if (op < 0) throw in.errorAt(at, "illegal opcode 0xfd " + Integer.toUnsignedString(sub));
        String name = Opcodes.FD_NAMES[sub];
        String kind = name.substring(name.indexOf('.') + 1);
        String shape = Op.SHAPES[op];
        final byte v = ValType.V128;
        if (name.equals("v128.const")) {
            long low = in.f64Bits(), high = in.f64Bits(); // 16 little-endian bytes
            if (!dead()) emitResult(op, slot(ops.height), (int) low, (int) (low >>> 32), (int) high, (int) (high >>> 32));
            push(v);
        } else if (name.equals("i8x16.shuffle")) {
            int[] lanes = new int[4];
            for (int i = 0; i < 16; i++) lanes[i / 4] |= laneIndex(32) << (8 * (i % 4));
            int b = pop(v);
            int a = pop(v);
            if (!dead()) emitResult(op, slot(ops.height), operand(a), operand(b), lanes[0], lanes[1], lanes[2], lanes[3]);
            push(v);
        } else if (kind.endsWith("_lane") && name.startsWith("v128.")) {
            int offset = memarg(naturalAlignment(name));
            int lane = laneIndex(16 >> naturalAlignment(name));
            if (kind.startsWith("load")) {
                int vec = pop(v);
                int a = pop(I32);
                if (!dead()) {
                    int addr = operand(a), src = operand(vec);
                    if (offset < 0) emit(Op.TRAP, Trap.Kind.MEMORY_OUT_OF_BOUNDS.ordinal());
                    else emitResult(op, slot(ops.height), addr, src, offset, lane);
                }
                push(v);
            } else {
                int vec = pop(v);
                int a = pop(I32);
                if (!dead()) {
                    int addr = operand(a), src = operand(vec);
                    if (offset < 0) emit(Op.TRAP, Trap.Kind.MEMORY_OUT_OF_BOUNDS.ordinal());
                    else emit(op, addr, src, offset, lane);
                }
            }
        } else if (kind.equals("store")) {
            store(op, v, naturalAlignment(name));
        } else if (kind.startsWith("load")) {
            load(op, v, naturalAlignment(name));
        } else if (kind.equals("splat")) {
            unary(op, laneType(name), v);
        } else if (kind.startsWith("extract_lane")) {
            int lane = laneIndex(laneCount(name));
            int a = pop(v);
            if (!dead()) emitResult(op, slot(ops.height), operand(a), lane);
            push(laneType(name));
        } else if (kind.equals("replace_lane")) {
            int lane = laneIndex(laneCount(name));
            int x = pop(laneType(name));
            int a = pop(v);
            if (!dead()) emitResult(op, slot(ops.height), operand(a), operand(x), lane);
            push(v);
        } else if (kind.equals("any_true") || kind.equals("all_true") || kind.equals("bitmask")) {
            unary(op, v, I32);
        } else if (kind.equals("shl") || kind.startsWith("shr_")) {
            int count = pop(I32);
            int a = pop(v);
            if (!dead()) emitResult(op, slot(ops.height), operand(a), operand(count));
            push(v);
        } else if (shape.equals("dsss")) {
            int c = pop(v);
            int b = pop(v);
            int a = pop(v);
            if (!dead()) emitResult(op, slot(ops.height), operand(a), operand(b), operand(c));
            push(v);
        } else if (shape.equals("ds")) {
            unary(op, v, v);
        } else {
            binary(op, v, v);
        }
    }

    private void threeI32(int op, int... leading) {
        int c = pop(I32);
        int b = pop(I32);
        int a = pop(I32);
        if (dead()) return;
        int[] words = Arrays.copyOf(leading, leading.length + 3);
        words[leading.length] = operand(a);
        words[leading.length + 1] = operand(b);
        words[leading.length + 2] = operand(c);
        emit(op, words);
    }
}
