package dev.termcade.vm;

import static org.objectweb.asm.Opcodes.*;

import dev.termcade.wasm.FuncType;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.ArrayList;
import java.util.List;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Type;

/**
 * Compiles one function's register code to a JVM method (ASM), defined as a hidden class extending {@link JitCode}.
 *
 * <p>The register code is already a register machine, so the translation is direct: frame slot k becomes the JVM
 * {@code long} local {@link #slotLocal}, every instruction one short bytecode sequence, jump targets labels. The
 * semantics stay in one place: frequent operations are emitted inline with exactly the interpreter's expressions,
 * memory accesses call {@link JitRuntime}'s small accessors (the interpreter's {@code ea} bounds check), floating
 * point goes through {@link NanRules}, the remaining numeric operations through {@link RareOps#unary}/{@link
 * RareOps#binary} with a constant opcode, and everything else (tables, bulk memory, references, SIMD, memory.grow)
 * through {@link RareOps#exec} for that one instruction, with its source slots written to the register stack before
 * and its destination slots read back after. References and the high halves of v128 values never leave the
 * machine's arrays, so only the {@code long} slots live in JVM locals.
 *
 * <p>The function's code is the method {@code exec}, which takes the wasm arguments as JVM arguments (up to
 * {@link JitCallTarget#MAX_ARGS}) and returns the first result; {@link JitCode#run} is a bridge from the register
 * stack, and the {@link JitCallTarget} entry of the function's arity is what compiled callers call. A {@code call}
 * of this module's function goes straight to that entry (through the site's link in {@link JitCode#callees}), a
 * {@code call_indirect} to the target's when the target is compiled; other calls (imports, more arguments, targets
 * not compiled) write the arguments to the register stack and go through {@link JitRuntime#call}, which picks
 * compiled code or the interpreter. Loop headers (targets of backward branches) are OSR entries: the interpreter can continue a long loop
 * here with its whole state, which is the frame in the register stack.
 *
 * <p>A method over {@link #MAX_BYTECODE} bytes would never be compiled by HotSpot and run slower than the
 * interpreter, so such functions are refused (stay interpreted), as are those using an instruction this compiler
 * does not know.
 */
final class JitCompiler {
    /** HotSpot does not compile methods larger than 8000 bytes of bytecode (HugeMethodLimit). */
    static final int MAX_BYTECODE = 8000;

    private static final MethodHandles.Lookup LOOKUP = MethodHandles.lookup();
    private static final String SUPER = Type.getInternalName(JitCode.class);
    private static final String MACHINE = Type.getInternalName(Machine.class);
    private static final String INSTANCE = Type.getInternalName(Instance.class);
    private static final String RUNTIME = Type.getInternalName(JitRuntime.class);
    private static final String RARE = Type.getInternalName(RareOps.class);
    private static final String NAN = Type.getInternalName(NanRules.class);
    private static final String GLOBAL = Type.getInternalName(GlobalVar.class);
    private static final String MEMORY = Type.getInternalName(Memory.class);
    private static final String RUN_DESC = "(L" + MACHINE + ";L" + INSTANCE + ";II)V";
    private static final String CALL_TARGET = Type.getInternalName(JitCallTarget.class);
    private static final String INIT_DESC = "([IL" + Type.getInternalName(CompiledFunction.class) + ";ZI[I)V";

    // JVM locals of the generated method holding the code ("exec"): its arguments, then the frame's slots (the
    // wasm arguments passed as JVM arguments land in the first ones), then the locals after the slots. DEPTH and
    // STACK_LEFT are this frame's call depth and the Java stack budget left below it (see JitCallTarget).
    private static final int THIS = 0, M = 1, INST = 2, FP = 3, ENTRY = 4, DEPTH = 5, STACK_LEFT = 6;
    private static final int FIRST_SLOT = 7;

    /** Why a function was not compiled. */
    static class Refused extends Exception {
        Refused(String why) { super(why, null, false, false); }
    }

    private final CompiledFunction fn;
    private final int[] code;
    private final FuncType[] types;
    private final List<FuncType> functionTypes;
    private MethodVisitor mv;
    private Label[] labels;
    private String className;
    /** What the prologue needs to load: the memory array, the globals, the entry state a trap restores. */
    private boolean usesMemory, usesGlobals;
    /** Whether the wasm arguments are JVM arguments of exec (up to {@link JitCallTarget#MAX_ARGS}), else read from the register stack. */
    private final boolean argsInJvm;
    /** The direct call sites, one per callee: function index to site (an index of {@link JitCode#callees}). */
    private final java.util.Map<Integer, Integer> sites = new java.util.LinkedHashMap<>();
    /** Locals after the slots: the memory array, the globals, the register stack. */
    private int memLocal, globalsLocal, arrayLocal;
    private int bytecodeSize;
    /**
     * Zero every slot at a call's entry, not only the locals: never needed by valid code (a stack slot is written
     * before it is read), but the JVM's verifier may not see that; the first attempt leaves them out.
     */
    private boolean zeroAllSlots;
    /**
     * Generate the OSR entries (loading every slot at each loop header). A large function that only fits under
     * {@link #MAX_BYTECODE} without them is compiled without: it is entered compiled only by calls.
     */
    private boolean osrEntries = true;
    /**
     * Emit memory accesses and float arithmetic as bytecode in the method rather than calls of the small helpers
     * that define them: HotSpot stops inlining calls in a large method (DesiredMethodLimit), and a float or memory
     * operation that is a real call is several times slower. Functions that only fit under {@link #MAX_BYTECODE}
     * with the calls get the calls.
     */
    private boolean inlineAccesses = true;
    /** Shared out-of-bounds exits, by the operand stack at the check: with a VarHandle below the array, or without. */
    private Label outOfBoundsViaHandle, outOfBoundsArray;

    private JitCompiler(CompiledFunction fn, int[] code) {
        this.fn = fn;
        this.code = code;
        this.types = fn.module.types().toArray(new FuncType[0]);
        this.functionTypes = fn.module.functionTypes();
        this.argsInJvm = fn.numParams <= JitCallTarget.MAX_ARGS;
    }

    /** Compiles {@code code} (the function's plain or metered register code). */
    static JitCode compile(CompiledFunction fn, int[] code) throws Refused {
        JitCompiler c = new JitCompiler(fn, code);
        byte[] bytes = null;
        // Smaller forms until one fits HotSpot's limit: inline accesses with OSR entries, without them, then calls.
        for (int attempt = 0; bytes == null; attempt++) {
            c.inlineAccesses = attempt < 2;
            c.osrEntries = attempt % 2 == 0;
            try {
                bytes = c.generate();
            } catch (TooLarge e) {
                if (attempt == 3) throw e;
            }
        }
        try {
            return c.define(bytes);
        } catch (VerifyError e) {
            c.zeroAllSlots = true;
            return c.define(c.generate());
        }
    }

    /** The method came out over {@link #MAX_BYTECODE}. */
    static final class TooLarge extends Refused {
        TooLarge(int bytes) { super(bytes + " bytes of bytecode, over HotSpot's limit of " + MAX_BYTECODE); }
    }

    private JitCode define(byte[] bytes) throws Refused {
        try {
            MethodHandles.Lookup hidden = LOOKUP.defineHiddenClass(bytes, true);
            int[] siteCallees = sites.keySet().stream().mapToInt(Integer::intValue).toArray();
            return (JitCode) hidden.findConstructor(hidden.lookupClass(), MethodType.methodType(void.class, int[].class, CompiledFunction.class, boolean.class, int.class, int[].class))
                    .invoke(code, fn, osrEntries, bytecodeSize, siteCallees);
        } catch (VerifyError e) {
            if (!zeroAllSlots) throw e;
            throw new Refused("the JVM refused the generated class: " + e);
        } catch (Throwable e) {
            throw new Refused("the JVM refused the generated class: " + e);
        }
    }

    private static int slotLocal(int slot) { return FIRST_SLOT + 2 * slot; }

    /** The words of the instruction at {@code pc}, or -1 where the word is no opcode (code the compiler refuses). */
    private static int length(int[] code, int pc) {
        int op = code[pc];
        return op < 0 || op >= Op.COUNT ? -1 : CodeWriter.length(code, pc);
    }

    private byte[] generate() throws Refused {
        // Pass 1: instruction starts, jump targets, loop headers, the highest slot used, the direct call sites.
        labels = new Label[code.length + 1];
        sites.clear();
        // Loop headers: targets of backward branches (a loop is re-entered only by a branch to its label).
        java.util.TreeSet<Integer> loopHeaders = new java.util.TreeSet<>();
        int slots = fn.frameSize;
        for (int pc = 0; pc < code.length; ) {
            int len = length(code, pc);
            if (len <= 0 || pc + len > code.length) throw new Refused("bad instruction at register pc " + pc);
            int op = code[pc];
            usesMemory |= op >= Op.I32_LOAD && op <= Op.STORE16;
            usesGlobals |= op == Op.GLOBAL_GET || op == Op.GLOBAL_SET;
            String shape = Op.SHAPES[op];
            int p = pc + 1;
            for (int i = 0; i < shape.length(); i++) {
                char c = shape.charAt(i);
                if (c == 'd' || c == 's') slots = Math.max(slots, code[p] + 1);
                if (c == 't') {
                    label(code[p]);
                    if (code[p] <= pc) loopHeaders.add(code[p]);
                }
                if (c == 'B') {
                    for (int k = 0; k <= code[p]; k++) {
                        label(code[p + 1 + k]);
                        if (code[p + 1 + k] <= pc) loopHeaders.add(code[p + 1 + k]);
                    }
                }
                p += CodeWriter.operandWords(c, code, p);
            }
            if (op == Op.CALL || op == Op.CALL_INDIRECT) {
                FuncType t = op == Op.CALL ? functionTypes.get(code[pc + 1]) : types[code[pc + 1]];
                int s = code[pc + (op == Op.CALL ? 2 : 4)];
                slots = Math.max(slots, s + Math.max(t.paramCount(), t.resultCount()));
                if (op == Op.CALL && code[pc + 1] != fn.index && callsDirectly(code[pc + 1])) sites.putIfAbsent(code[pc + 1], sites.size());
            }
            pc += len;
        }
        slots = Math.max(slots, Math.max(fn.type.resultCount(), fn.numLocals));
        if (FIRST_SLOT + 2L * slots > 65000) throw new Refused("frame of " + slots + " slots is too large for a JVM method");
        memLocal = slotLocal(slots);
        globalsLocal = memLocal + 1;
        arrayLocal = memLocal + 2;

        ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_FRAMES | ClassWriter.COMPUTE_MAXS) {
            @Override protected String getCommonSuperClass(String a, String b) { return "java/lang/Object"; }
        };
        className = "dev/termcade/vm/Jit$func" + fn.index;
        cw.visit(V17, ACC_FINAL | ACC_SUPER, className, null, SUPER, null);
        MethodVisitor init = cw.visitMethod(0, "<init>", INIT_DESC, null, null);
        init.visitCode();
        for (int local = 0; local <= 5; local++) init.visitVarInsn(local == 3 || local == 4 ? ILOAD : ALOAD, local);
        init.visitMethodInsn(INVOKESPECIAL, SUPER, "<init>", INIT_DESC, false);
        init.visitInsn(RETURN);
        init.visitMaxs(0, 0);
        init.visitEnd();
        runBridge(cw);
        if (argsInJvm) callEntry(cw);

        outOfBoundsViaHandle = outOfBoundsArray = null;
        mv = cw.visitMethod(ACC_FINAL, "exec", execDescriptor(), null, null);
        mv.visitCode();
        Label tryStart = new Label(), tryEnd = new Label(), handler = new Label(), end = new Label();
        mv.visitTryCatchBlock(tryStart, tryEnd, handler, "java/lang/Throwable");
        mv.visitLabel(tryStart);
        prologue(slots, loopHeaders);
        for (int pc = 0; pc < code.length; ) {
            if (labels[pc] != null) mv.visitLabel(labels[pc]);
            // Each iteration polls the interrupt flag, as the interpreter does on the taken branch back.
            if (loopHeaders.contains(pc)) pollInterrupt();
            instruction(pc);
            pc += length(code, pc);
        }
        // Validated code never runs off its end (it ends in a return), but the verifier wants every path closed.
        mv.visitInsn(ACONST_NULL);
        mv.visitInsn(ATHROW);
        for (Label oob : new Label[] {outOfBoundsViaHandle, outOfBoundsArray}) {
            if (oob == null) continue;
            mv.visitLabel(oob);
            mv.visitMethodInsn(INVOKESTATIC, RUNTIME, "outOfBounds", "()L" + Type.getInternalName(Trap.class) + ";", false);
            mv.visitInsn(ATHROW);
        }
        mv.visitLabel(tryEnd);
        mv.visitLabel(handler);
        // Adds this frame to a trap's backtrace (or makes an engine error of a bug) and rethrows.
        mv.visitVarInsn(ALOAD, THIS);
        mv.visitVarInsn(ALOAD, INST);
        mv.visitVarInsn(ILOAD, ENTRY);
        mv.visitMethodInsn(INVOKESTATIC, RUNTIME, "failure", "(Ljava/lang/Throwable;L" + SUPER + ";L" + INSTANCE + ";I)Ljava/lang/Throwable;", false);
        mv.visitInsn(ATHROW);
        mv.visitLabel(end);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
        cw.visitEnd();
        byte[] bytes;
        try {
            bytes = cw.toByteArray();
        } catch (RuntimeException e) {
            throw new Refused("bytecode generation failed: " + e);
        }
        if (end.getOffset() > MAX_BYTECODE) throw new TooLarge(end.getOffset());
        bytecodeSize = end.getOffset();
        return bytes;
    }

    /** Whether {@code call funcIndex} goes straight to the callee's entry: a function of this module with few enough arguments. */
    private boolean callsDirectly(int funcIndex) {
        return funcIndex >= fn.module.importedFunctionCount() && functionTypes.get(funcIndex).paramCount() <= JitCallTarget.MAX_ARGS;
    }

    /**
     * exec(m, inst, fp, entryPc, depth, stackLeft[, the wasm arguments]): the function's code, its frame counted
     * (depth, Java stack budget) by the caller; returns the first result (all of several also at fp).
     */
    private String execDescriptor() {
        return "(L" + MACHINE + ";L" + INSTANCE + ";IIII" + (argsInJvm ? "J".repeat(fn.numParams) : "") + ")J";
    }

    /**
     * {@link JitCode#run}: the arguments from the register stack (a call; at an OSR entry exec reads the whole frame
     * itself), exec, and the first result back to the register stack.
     */
    private void runBridge(ClassWriter cw) {
        mv = cw.visitMethod(0, "run", RUN_DESC, null, null);
        mv.visitCode();
        mv.visitVarInsn(ALOAD, THIS);
        mv.visitVarInsn(ALOAD, M);
        mv.visitVarInsn(ALOAD, INST);
        mv.visitVarInsn(ILOAD, FP);
        mv.visitVarInsn(ILOAD, ENTRY);
        mv.visitVarInsn(ALOAD, M);
        mv.visitFieldInsn(GETFIELD, MACHINE, "depth", "I");
        mv.visitVarInsn(ALOAD, M);
        mv.visitFieldInsn(GETFIELD, MACHINE, "jitStackLeft", "I");
        if (argsInJvm && fn.numParams > 0) {
            Label call = new Label(), osr = new Label(), args = new Label();
            mv.visitVarInsn(ILOAD, ENTRY);
            mv.visitJumpInsn(IFGE, osr);
            loadStack();
            for (int k = 0; k < fn.numParams; k++) {
                mv.visitVarInsn(ALOAD, arrayLocal);
                slotIndex(k);
                mv.visitInsn(LALOAD);
            }
            mv.visitJumpInsn(GOTO, call);
            mv.visitLabel(osr);
            for (int k = 0; k < fn.numParams; k++) mv.visitInsn(LCONST_0);
            mv.visitLabel(call);
        }
        mv.visitMethodInsn(INVOKEVIRTUAL, className, "exec", execDescriptor(), false);
        if (fn.type.resultCount() > 0) {
            mv.visitVarInsn(LSTORE, FIRST_SLOT);
            mv.visitVarInsn(ALOAD, M);
            mv.visitFieldInsn(GETFIELD, MACHINE, "stack", "[J");
            mv.visitVarInsn(ILOAD, FP);
            mv.visitVarInsn(LLOAD, FIRST_SLOT);
            mv.visitInsn(LASTORE);
        } else {
            mv.visitInsn(POP2);
        }
        mv.visitInsn(RETURN);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
    }

    /**
     * The {@link JitCallTarget} entry of this function's arity, what compiled callers call with their own depth
     * and Java stack budget: what {@link JitRuntime#callFunction} does for a compiled callee (interrupt check, depth
     * counted against {@link Machine#maxCallDepth()}, the budget charged), then exec, all in JVM values, so a
     * direct call writes nothing to the machine. When the budget is spent, the module was set to the interpreter,
     * or the machine's metering changed since the caller linked this variant, the call goes through
     * {@link JitRuntime#callFunction} instead, with the caller's depth and budget written to the machine first.
     */
    private void callEntry(ClassWriter cw) {
        int n = fn.numParams, cost = fn.jitStackWords;
        // Locals: this, m, inst, fp, the caller's depth and budget, the arguments (two words each).
        int callerDepth = FP + 1, callerStackLeft = FP + 2, firstArg = FP + 3;
        String trap = "()L" + Type.getInternalName(Trap.class) + ";";
        mv = cw.visitMethod(0, JitCallTarget.entryName(n), JitCallTarget.entryDescriptor(n), null, null);
        mv.visitCode();
        Label noInterrupt = new Label(), viaRuntime = new Label();
        mv.visitVarInsn(ALOAD, M);
        mv.visitFieldInsn(GETFIELD, MACHINE, "interrupted", "Z");
        mv.visitJumpInsn(IFEQ, noInterrupt);
        mv.visitVarInsn(ALOAD, M);
        mv.visitMethodInsn(INVOKEVIRTUAL, MACHINE, "interruptTrap", trap, false);
        mv.visitInsn(ATHROW);
        mv.visitLabel(noInterrupt);
        mv.visitVarInsn(ALOAD, M);
        mv.visitVarInsn(ILOAD, callerDepth);
        mv.visitInsn(ICONST_1);
        mv.visitInsn(IADD);
        mv.visitMethodInsn(INVOKEVIRTUAL, MACHINE, "checkCallDepth", "(I)V", false);
        mv.visitVarInsn(ILOAD, callerStackLeft);
        push(cost);
        mv.visitJumpInsn(IF_ICMPLT, viaRuntime);
        mv.visitVarInsn(ALOAD, THIS);
        mv.visitFieldInsn(GETFIELD, SUPER, "function", "L" + Type.getInternalName(CompiledFunction.class) + ";");
        mv.visitFieldInsn(GETFIELD, Type.getInternalName(CompiledFunction.class), "tier", "L" + Type.getInternalName(Tier.class) + ";");
        mv.visitFieldInsn(GETSTATIC, Type.getInternalName(Tier.class), "INTERP", "L" + Type.getInternalName(Tier.class) + ";");
        mv.visitJumpInsn(IF_ACMPEQ, viaRuntime);
        mv.visitVarInsn(ALOAD, M);
        mv.visitFieldInsn(GETFIELD, MACHINE, "metered", "Z");
        mv.visitInsn(code == fn.code ? ICONST_0 : ICONST_1);
        mv.visitJumpInsn(IF_ICMPNE, viaRuntime);
        mv.visitVarInsn(ALOAD, THIS);
        mv.visitVarInsn(ALOAD, M);
        mv.visitVarInsn(ALOAD, INST);
        mv.visitVarInsn(ILOAD, FP);
        mv.visitInsn(ICONST_M1);
        mv.visitVarInsn(ILOAD, callerDepth);
        mv.visitInsn(ICONST_1);
        mv.visitInsn(IADD);
        mv.visitVarInsn(ILOAD, callerStackLeft);
        push(cost);
        mv.visitInsn(ISUB);
        for (int k = 0; k < n; k++) mv.visitVarInsn(LLOAD, firstArg + 2 * k);
        mv.visitMethodInsn(INVOKEVIRTUAL, className, "exec", execDescriptor(), false);
        mv.visitInsn(LRETURN);
        // Through the runtime: the arguments to the register stack, the first result from it.
        mv.visitLabel(viaRuntime);
        for (int k = 0; k < n; k++) {
            mv.visitVarInsn(ALOAD, M);
            mv.visitFieldInsn(GETFIELD, MACHINE, "stack", "[J");
            slotIndex(k);
            mv.visitVarInsn(LLOAD, firstArg + 2 * k);
            mv.visitInsn(LASTORE);
        }
        syncFrameState(callerDepth, callerStackLeft);
        mv.visitVarInsn(ALOAD, M);
        mv.visitVarInsn(ALOAD, INST);
        mv.visitVarInsn(ALOAD, INST);
        mv.visitFieldInsn(GETFIELD, INSTANCE, "functions", "[L" + Type.getInternalName(WasmFunction.class) + ";");
        push(fn.index);
        mv.visitInsn(AALOAD);
        mv.visitVarInsn(ILOAD, FP);
        mv.visitMethodInsn(INVOKESTATIC, RUNTIME, "callFunction", "(L" + MACHINE + ";L" + INSTANCE + ";L" + Type.getInternalName(WasmFunction.class) + ";I)V", false);
        mv.visitVarInsn(ALOAD, M);
        mv.visitFieldInsn(GETFIELD, MACHINE, "stack", "[J");
        mv.visitVarInsn(ILOAD, FP);
        mv.visitInsn(LALOAD);
        mv.visitInsn(LRETURN);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
    }

    /**
     * Writes a frame's depth and Java stack budget (int locals) to the machine before a call through the runtime,
     * the interpreter or the host, which read them there; compiled code leaves them stale otherwise (the entry
     * points into compiled code restore the machine's values when they return or unwind).
     */
    private void syncFrameState(int depthLocal, int stackLeftLocal) {
        mv.visitVarInsn(ALOAD, M);
        mv.visitVarInsn(ILOAD, depthLocal);
        mv.visitFieldInsn(PUTFIELD, MACHINE, "depth", "I");
        mv.visitVarInsn(ALOAD, M);
        mv.visitVarInsn(ILOAD, stackLeftLocal);
        mv.visitFieldInsn(PUTFIELD, MACHINE, "jitStackLeft", "I");
    }

    private Label label(int pc) {
        if (pc < 0 || pc > code.length) return null;
        if (labels[pc] == null) labels[pc] = new Label();
        return labels[pc];
    }

    /** Loads the frame: the arguments (a call) or every slot (OSR at a loop header), then jumps to the entry. */
    private void prologue(int slots, java.util.SortedSet<Integer> loopHeaders) {
        mv.visitVarInsn(ALOAD, M);
        mv.visitVarInsn(ILOAD, FP);
        push(fn.frameSize + 16);
        mv.visitInsn(IADD);
        mv.visitMethodInsn(INVOKEVIRTUAL, MACHINE, "ensureStack", "(I)V", false);
        reloadMemory();
        if (usesGlobals) {
            mv.visitVarInsn(ALOAD, INST);
            mv.visitFieldInsn(GETFIELD, INSTANCE, "globals", "[L" + GLOBAL + ";");
            mv.visitVarInsn(ASTORE, globalsLocal);
        }
        Label osr = new Label(), start = label(0);
        if (!loopHeaders.isEmpty() && osrEntries) {
            mv.visitVarInsn(ILOAD, ENTRY);
            mv.visitJumpInsn(IFGE, osr);
        }
        // A call: parameters already in their slots (JVM arguments) or from the register stack, locals zero
        // (references: null in the machine's array).
        loadStack();
        for (int k = argsInJvm ? fn.numParams : 0; k < (zeroAllSlots ? slots : fn.numLocals); k++) {
            if (k < fn.numParams) {
                mv.visitVarInsn(ALOAD, arrayLocal);
                slotIndex(k);
                mv.visitInsn(LALOAD);
            } else {
                mv.visitInsn(LCONST_0);
            }
            mv.visitVarInsn(LSTORE, slotLocal(k));
        }
        if (fn.hasRefLocals) {
            mv.visitVarInsn(ALOAD, M);
            mv.visitFieldInsn(GETFIELD, MACHINE, "refs", "[Ljava/lang/Object;");
            mv.visitVarInsn(ILOAD, FP);
            push(fn.numParams);
            mv.visitInsn(IADD);
            mv.visitVarInsn(ILOAD, FP);
            push(fn.numLocals);
            mv.visitInsn(IADD);
            mv.visitInsn(ACONST_NULL);
            mv.visitMethodInsn(INVOKESTATIC, "java/util/Arrays", "fill", "([Ljava/lang/Object;IILjava/lang/Object;)V", false);
        }
        mv.visitJumpInsn(GOTO, start);
        if (loopHeaders.isEmpty() || !osrEntries) return;
        // OSR: the interpreter's whole frame, then the loop header.
        mv.visitLabel(osr);
        loadStack();
        for (int k = 0; k < slots; k++) {
            mv.visitVarInsn(ALOAD, arrayLocal);
            slotIndex(k);
            mv.visitInsn(LALOAD);
            mv.visitVarInsn(LSTORE, slotLocal(k));
        }
        Label bad = new Label();
        mv.visitVarInsn(ILOAD, ENTRY);
        int[] keys = loopHeaders.stream().mapToInt(Integer::intValue).toArray();
        Label[] targets = new Label[keys.length];
        for (int i = 0; i < keys.length; i++) targets[i] = label(keys[i]);
        mv.visitLookupSwitchInsn(bad, keys, targets);
        mv.visitLabel(bad);
        mv.visitTypeInsn(NEW, "java/lang/IllegalStateException");
        mv.visitInsn(DUP);
        mv.visitLdcInsn("no loop header at the OSR entry");
        mv.visitMethodInsn(INVOKESPECIAL, "java/lang/IllegalStateException", "<init>", "(Ljava/lang/String;)V", false);
        mv.visitInsn(ATHROW);
    }

    // ---- small emitters ----

    private void push(int v) {
        if (v >= -1 && v <= 5) mv.visitInsn(ICONST_0 + v);
        else if (v >= Byte.MIN_VALUE && v <= Byte.MAX_VALUE) mv.visitIntInsn(BIPUSH, v);
        else if (v >= Short.MIN_VALUE && v <= Short.MAX_VALUE) mv.visitIntInsn(SIPUSH, v);
        else mv.visitLdcInsn(v);
    }

    private void pushLong(long v) {
        if (v == 0 || v == 1) mv.visitInsn(LCONST_0 + (int) v);
        else mv.visitLdcInsn(v);
    }

    private static long longAt(int[] code, int p) { return (code[p] & 0xFFFFFFFFL) | ((long) code[p + 1] << 32); }

    /** A slot's value; a constant slot's is its constant (compiled code never writes one, nor keeps it in a JVM local). */
    private void loadL(int slot) {
        int constant = slot - fn.numLocals;
        if (constant >= 0 && constant < fn.constants.length) pushLong(fn.constants[constant]);
        else mv.visitVarInsn(LLOAD, slotLocal(slot));
    }
    private void loadI(int slot) { loadL(slot); mv.visitInsn(L2I); }
    private void storeL(int slot) { mv.visitVarInsn(LSTORE, slotLocal(slot)); }
    private void storeI(int slot) { mv.visitInsn(I2L); storeL(slot); }
    private void loadD(int slot) { loadL(slot); mv.visitMethodInsn(INVOKESTATIC, "java/lang/Double", "longBitsToDouble", "(J)D", false); }
    private void loadF(int slot) { loadI(slot); mv.visitMethodInsn(INVOKESTATIC, "java/lang/Float", "intBitsToFloat", "(I)F", false); }

    /** {@code arrayLocal = m.stack}: read again at each use, since calls may have grown it. */
    private void loadStack() {
        mv.visitVarInsn(ALOAD, M);
        mv.visitFieldInsn(GETFIELD, MACHINE, "stack", "[J");
        mv.visitVarInsn(ASTORE, arrayLocal);
    }

    private void slotIndex(int slot) {
        mv.visitVarInsn(ILOAD, FP);
        if (slot != 0) {
            push(slot);
            mv.visitInsn(IADD);
        }
    }

    /** Writes slots {@code first..first+n-1} to the register stack. */
    private void spill(int first, int n) { spill(first, n, false); }

    /**
     * As {@link #spill(int, int)}; with {@code fromLocals}, every slot from its JVM local, a constant slot too (which
     * {@link #loadL} gives as its constant): for slots the code has just written, such as a return's results.
     */
    private void spill(int first, int n, boolean fromLocals) {
        if (n == 0) return;
        loadStack();
        for (int k = first; k < first + n; k++) {
            mv.visitVarInsn(ALOAD, arrayLocal);
            slotIndex(k);
            if (fromLocals) mv.visitVarInsn(LLOAD, slotLocal(k));
            else loadL(k);
            mv.visitInsn(LASTORE);
        }
    }

    /** Reads slots {@code first..first+n-1} back from the register stack. */
    private void reload(int first, int n) {
        if (n == 0) return;
        loadStack();
        for (int k = first; k < first + n; k++) {
            mv.visitVarInsn(ALOAD, arrayLocal);
            slotIndex(k);
            mv.visitInsn(LALOAD);
            storeL(k);
        }
    }

    private void reloadMemory() {
        if (!usesMemory) return;
        mv.visitVarInsn(ALOAD, INST);
        mv.visitFieldInsn(GETFIELD, INSTANCE, "memory", "L" + MEMORY + ";");
        mv.visitFieldInsn(GETFIELD, MEMORY, "bytes", "[B");
        mv.visitVarInsn(ASTORE, memLocal);
    }

    /** Leaves 1L or 0L on the stack depending on the int comparison {@code jumpOp} of the two ints on the stack. */
    private void boolFromJump(int jumpOp) {
        Label yes = new Label(), done = new Label();
        mv.visitJumpInsn(jumpOp, yes);
        mv.visitInsn(LCONST_0);
        mv.visitJumpInsn(GOTO, done);
        mv.visitLabel(yes);
        mv.visitInsn(LCONST_1);
        mv.visitLabel(done);
    }

    /** Maps an unsigned int compare to a signed one: both operands get their sign bit flipped. */
    private void flipSign() {
        push(Integer.MIN_VALUE);
        mv.visitInsn(IXOR);
    }

    private void flipSignLong() {
        pushLong(Long.MIN_VALUE);
        mv.visitInsn(LXOR);
    }

    private static final int[] CMP_JUMPS = {IF_ICMPEQ, IF_ICMPNE, IF_ICMPLT, IF_ICMPLT, IF_ICMPGT, IF_ICMPGT, IF_ICMPLE, IF_ICMPLE, IF_ICMPGE, IF_ICMPGE};
    private static final int[] ZERO_JUMPS = {IFEQ, IFNE, IFLT, IFLT, IFGT, IFGT, IFLE, IFLE, IFGE, IFGE};

    private static boolean unsigned(int cmp) { return cmp == 3 || cmp == 5 || cmp == 7 || cmp == 9; }

    /** Pushes the i32 operands of compare {@code cmp} (0 = eq .. 9 = ge_u, the order of the fused branches). */
    private void i32Operands(int cmp, int a, Integer immediate, int b) {
        loadI(a);
        if (unsigned(cmp)) flipSign();
        if (immediate != null) push(immediate);
        else loadI(b);
        if (unsigned(cmp)) flipSign();
    }

    /** A memory access: the helper of that name in {@link JitRuntime}, or the same expressions inline. */
    private void memAccess(String helper, int baseSlot, int offset) {
        memAccess(helper, () -> loadL(baseSlot), offset, -1);
    }

    /**
     * Leaves a load's result (long) on the stack, or performs a store of slot {@code valueSlot}. The effective
     * address is computed as {@link Interpreter#ea} does: unsigned base plus offset in a long, checked against the
     * memory's length in one compare.
     */
    private void memAccess(String helper, Runnable pushBase, int offset, int valueSlot) {
        boolean store = helper.startsWith("store");
        if (!inlineAccesses) {
            mv.visitVarInsn(ALOAD, memLocal);
            pushBase.run();
            push(offset);
            if (store) loadL(valueSlot);
            mv.visitMethodInsn(INVOKESTATIC, RUNTIME, helper, store ? "([BJIJ)V" : "([BJI)J", false);
            return;
        }
        int size;
        String handle, type;
        switch (helper) {
            case "loadS8": case "loadU8": case "store8": size = 1; handle = null; type = "B"; break;
            case "loadS16": case "loadU16": case "store16": size = 2; handle = "I16"; type = "S"; break;
            case "loadI64": case "store64": size = 8; handle = "I64"; type = "J"; break;
            default: size = 4; handle = "I32"; type = "I"; break;
        }
        if (handle != null) mv.visitFieldInsn(GETSTATIC, Type.getInternalName(LittleEndian.class), handle, "Ljava/lang/invoke/VarHandle;");
        mv.visitVarInsn(ALOAD, memLocal);
        pushBase.run();
        pushLong(0xFFFFFFFFL);
        mv.visitInsn(LAND);
        if (offset != 0) {
            pushLong(offset);
            mv.visitInsn(LADD);
        }
        mv.visitInsn(DUP2);
        mv.visitVarInsn(ALOAD, memLocal);
        mv.visitInsn(ARRAYLENGTH);
        push(size);
        mv.visitInsn(ISUB);
        mv.visitInsn(I2L);
        mv.visitInsn(LCMP);
        if (handle != null) {
            if (outOfBoundsViaHandle == null) outOfBoundsViaHandle = new Label();
            mv.visitJumpInsn(IFGT, outOfBoundsViaHandle);
        } else {
            if (outOfBoundsArray == null) outOfBoundsArray = new Label();
            mv.visitJumpInsn(IFGT, outOfBoundsArray);
        }
        mv.visitInsn(L2I);
        if (store) {
            loadL(valueSlot);
            if (size == 1) {
                mv.visitInsn(L2I);
                mv.visitInsn(BASTORE);
                return;
            }
            if (size < 8) mv.visitInsn(L2I);
            if (size == 2) mv.visitInsn(I2S);
            mv.visitMethodInsn(INVOKEVIRTUAL, "java/lang/invoke/VarHandle", "set", "([BI" + type + ")V", false);
            return;
        }
        if (size == 1) mv.visitInsn(BALOAD);
        else mv.visitMethodInsn(INVOKEVIRTUAL, "java/lang/invoke/VarHandle", "get", "([BI)" + type, false);
        if (size < 8) mv.visitInsn(I2L);
        if (helper.equals("loadU8")) {
            pushLong(0xFF);
            mv.visitInsn(LAND);
        } else if (helper.equals("loadU16")) {
            pushLong(0xFFFF);
            mv.visitInsn(LAND);
        } else if (helper.equals("loadU32")) {
            pushLong(0xFFFFFFFFL);
            mv.visitInsn(LAND);
        }
    }

    /**
     * f32/f64 add, sub, mul, div: the operation inline and its NaN rule ({@link NanRules}) called only when the
     * result is a NaN, or the NanRules method itself when accesses are not inlined.
     */
    private void floatArith(String nanRule, int d, int x, Runnable pushY) {
        boolean f64 = nanRule.endsWith("64");
        if (!inlineAccesses) {
            loadL(x);
            pushY.run();
            binaryHelper(NAN, nanRule);
            storeL(d);
            return;
        }
        int insn;
        switch (nanRule.substring(0, 3)) {
            case "add": insn = f64 ? DADD : FADD; break;
            case "sub": insn = f64 ? DSUB : FSUB; break;
            case "mul": insn = f64 ? DMUL : FMUL; break;
            default: insn = f64 ? DDIV : FDIV; break;
        }
        Label number = new Label(), done = new Label();
        if (f64) loadD(x);
        else loadF(x);
        pushY.run();
        if (f64) mv.visitMethodInsn(INVOKESTATIC, "java/lang/Double", "longBitsToDouble", "(J)D", false);
        else {
            mv.visitInsn(L2I);
            mv.visitMethodInsn(INVOKESTATIC, "java/lang/Float", "intBitsToFloat", "(I)F", false);
        }
        mv.visitInsn(insn);
        mv.visitInsn(f64 ? DUP2 : DUP);
        mv.visitInsn(f64 ? DUP2 : DUP);
        mv.visitInsn(f64 ? DCMPL : FCMPL);
        mv.visitJumpInsn(IFEQ, number);
        loadL(x);
        pushY.run();
        mv.visitMethodInsn(INVOKESTATIC, NAN, f64 ? "nan64" : "nan32", f64 ? "(DJJ)J" : "(FJJ)J", false);
        mv.visitJumpInsn(GOTO, done);
        mv.visitLabel(number);
        if (f64) {
            mv.visitMethodInsn(INVOKESTATIC, "java/lang/Double", "doubleToRawLongBits", "(D)J", false);
        } else {
            mv.visitMethodInsn(INVOKESTATIC, "java/lang/Float", "floatToRawIntBits", "(F)I", false);
            mv.visitInsn(I2L);
        }
        mv.visitLabel(done);
        storeL(d);
    }

    private void binaryHelper(String owner, String method) {
        mv.visitMethodInsn(INVOKESTATIC, owner, method, "(JJ)J", false);
    }

    // ---- instructions ----

    /** Throws the machine's interrupt trap if another thread asked it to stop. */
    private void pollInterrupt() {
        Label go = new Label();
        mv.visitVarInsn(ALOAD, M);
        mv.visitFieldInsn(GETFIELD, MACHINE, "interrupted", "Z");
        mv.visitJumpInsn(IFEQ, go);
        mv.visitVarInsn(ALOAD, M);
        mv.visitMethodInsn(INVOKEVIRTUAL, MACHINE, "interruptTrap", "()L" + Type.getInternalName(Trap.class) + ";", false);
        mv.visitInsn(ATHROW);
        mv.visitLabel(go);
    }

    private void instruction(int pc) throws Refused {
        int op = code[pc];
        int a = pc + 1 < code.length ? code[pc + 1] : 0;
        int b = pc + 2 < code.length ? code[pc + 2] : 0;
        int c = pc + 3 < code.length ? code[pc + 3] : 0;
        if (op >= Op.BR_I32_EQ && op <= Op.BR_I32_GE_U) {
            int cmp = op - Op.BR_I32_EQ;
            i32Operands(cmp, a, null, b);
            mv.visitJumpInsn(CMP_JUMPS[cmp], label(c));
            return;
        }
        if (op >= Op.BR_I32_EQ_I && op <= Op.BR_I32_GE_U_I) {
            int cmp = op - Op.BR_I32_EQ_I;
            i32Operands(cmp, a, b, 0);
            mv.visitJumpInsn(CMP_JUMPS[cmp], label(c));
            return;
        }
        if (op >= Op.I32_EQ_I && op <= Op.I32_GE_U_I) {
            int cmp = op - Op.I32_EQ_I;
            i32Operands(cmp, b, c, 0);
            boolFromJump(CMP_JUMPS[cmp]);
            storeL(a);
            return;
        }
        if (op >= Op.I32_EQ && op <= Op.I32_GE_U) {
            int cmp = op - Op.I32_EQ;
            i32Operands(cmp, b, null, c);
            boolFromJump(CMP_JUMPS[cmp]);
            storeL(a);
            return;
        }
        boolean i64Branch = op >= Op.BR_I64_EQ && op <= Op.BR_I64_GE_U;
        if (i64Branch || (op >= Op.I64_EQ && op <= Op.I64_GE_U)) {
            // A value compare is d, s1, s2; a compare-and-branch s1, s2, target.
            int cmp = op - (i64Branch ? Op.BR_I64_EQ : Op.I64_EQ);
            loadL(i64Branch ? a : b);
            if (unsigned(cmp)) flipSignLong();
            loadL(i64Branch ? b : c);
            if (unsigned(cmp)) flipSignLong();
            mv.visitInsn(LCMP);
            if (i64Branch) {
                mv.visitJumpInsn(ZERO_JUMPS[cmp], label(c));
            } else {
                boolFromJump(ZERO_JUMPS[cmp]);
                storeL(a);
            }
            return;
        }
        switch (op) {
            case Op.UNREACHABLE:
            case Op.TRAP:
                push(op == Op.UNREACHABLE ? Trap.Kind.UNREACHABLE.ordinal() : a);
                mv.visitMethodInsn(INVOKESTATIC, RUNTIME, "trap", "(I)L" + Type.getInternalName(Trap.class) + ";", false);
                mv.visitInsn(ATHROW);
                return;
            case Op.FUEL:
                mv.visitVarInsn(ALOAD, M);
                push(a);
                mv.visitMethodInsn(INVOKEVIRTUAL, MACHINE, "spendFuel", "(I)V", false);
                return;
            case Op.BR:
                mv.visitJumpInsn(GOTO, label(a));
                return;
            case Op.BR_IF:
            case Op.BR_IFNOT:
                loadI(a);
                mv.visitJumpInsn(op == Op.BR_IF ? IFNE : IFEQ, label(b));
                return;
            case Op.BR_TABLE: {
                int n = b;
                Label[] targets = new Label[n];
                for (int k = 0; k < n; k++) targets[k] = label(code[pc + 3 + k]);
                loadI(a);
                // Unsigned: negative indices are out of range like large ones, so both take the default.
                if (n == 0) {
                    mv.visitInsn(POP);
                    mv.visitJumpInsn(GOTO, label(code[pc + 3]));
                } else {
                    mv.visitTableSwitchInsn(0, n - 1, label(code[pc + 3 + n]), targets);
                }
                return;
            }
            case Op.RETURN_1:
                loadL(a);
                mv.visitInsn(LRETURN);
                return;
            case Op.RETURN: {
                // Several results: all at fp, for a caller that reads them from there. The moves just before wrote
                // every result slot, constant slots too (result i goes to slot i, whatever lies there), so the JVM
                // locals hold the results: loadL would give a constant slot's constant.
                int results = fn.type.resultCount();
                if (results > 1) spill(0, results, true);
                if (results > 0) mv.visitVarInsn(LLOAD, slotLocal(0));
                else mv.visitInsn(LCONST_0);
                mv.visitInsn(LRETURN);
                return;
            }
            case Op.CALL: {
                FuncType t = functionTypes.get(a);
                if (callsDirectly(a)) {
                    // This very function: its own entry (an exact call HotSpot may inline); another: the site's target.
                    if (a == fn.index) {
                        mv.visitVarInsn(ALOAD, THIS);
                    } else {
                        mv.visitVarInsn(ALOAD, THIS);
                        mv.visitFieldInsn(GETFIELD, SUPER, "callees", "[L" + CALL_TARGET + ";");
                        push(sites.get(a));
                        mv.visitInsn(AALOAD);
                    }
                    directCall(a == fn.index ? className : CALL_TARGET, b, t);
                    return;
                }
                spill(b, t.paramCount());
                syncFrameState(DEPTH, STACK_LEFT);
                mv.visitVarInsn(ALOAD, M);
                mv.visitVarInsn(ALOAD, INST);
                push(a);
                mv.visitVarInsn(ILOAD, FP);
                push(b);
                mv.visitInsn(IADD);
                mv.visitMethodInsn(INVOKESTATIC, RUNTIME, "call", "(L" + MACHINE + ";L" + INSTANCE + ";II)V", false);
                reload(b, t.resultCount());
                reloadMemory();
                return;
            }
            case Op.CALL_INDIRECT: {
                FuncType t = types[a];
                int frame = code[pc + 4];
                Label viaRuntime = new Label(), done = new Label();
                if (t.paramCount() <= JitCallTarget.MAX_ARGS) {
                    // Checks the element (traps), then calls the target's compiled code if it has some.
                    mv.visitVarInsn(ALOAD, M);
                    mv.visitVarInsn(ALOAD, INST);
                    push(a);
                    push(b);
                    loadI(c);
                    mv.visitMethodInsn(INVOKESTATIC, RUNTIME, "indirectCallee", "(L" + MACHINE + ";L" + INSTANCE + ";III)L" + SUPER + ";", false);
                    mv.visitInsn(DUP);
                    mv.visitJumpInsn(IFNULL, viaRuntime);
                    directCall(CALL_TARGET, frame, t);
                    mv.visitJumpInsn(GOTO, done);
                    mv.visitLabel(viaRuntime);
                    mv.visitInsn(POP);
                }
                spill(frame, t.paramCount());
                syncFrameState(DEPTH, STACK_LEFT);
                mv.visitVarInsn(ALOAD, M);
                mv.visitVarInsn(ALOAD, INST);
                push(a);
                push(b);
                loadI(c);
                mv.visitVarInsn(ILOAD, FP);
                push(frame);
                mv.visitInsn(IADD);
                mv.visitMethodInsn(INVOKESTATIC, RUNTIME, "callIndirect", "(L" + MACHINE + ";L" + INSTANCE + ";IIII)V", false);
                reload(frame, t.resultCount());
                reloadMemory();
                mv.visitLabel(done);
                return;
            }
            case Op.MOV:
                loadL(b);
                storeL(a);
                return;
            case Op.MOV2:
                loadL(b);
                storeL(a);
                loadL(code[pc + 4]);
                storeL(c);
                return;
            case Op.MOV_REF:
                mv.visitVarInsn(ALOAD, M);
                mv.visitFieldInsn(GETFIELD, MACHINE, "refs", "[Ljava/lang/Object;");
                mv.visitInsn(DUP);
                slotIndex(a);
                mv.visitInsn(SWAP);
                slotIndex(b);
                mv.visitInsn(AALOAD);
                mv.visitInsn(AASTORE);
                return;
            case Op.CONST32:
                pushLong(b);
                storeL(a);
                return;
            case Op.CONST64:
                pushLong(longAt(code, pc + 2));
                storeL(a);
                return;
            case Op.SELECT: {
                Label other = new Label(), done = new Label();
                loadI(b);
                mv.visitJumpInsn(IFEQ, other);
                loadL(c);
                mv.visitJumpInsn(GOTO, done);
                mv.visitLabel(other);
                loadL(code[pc + 4]);
                mv.visitLabel(done);
                storeL(a);
                return;
            }
            case Op.GLOBAL_GET:
                mv.visitVarInsn(ALOAD, globalsLocal);
                push(b);
                mv.visitInsn(AALOAD);
                mv.visitFieldInsn(GETFIELD, GLOBAL, "value", "J");
                storeL(a);
                return;
            case Op.GLOBAL_SET:
                mv.visitVarInsn(ALOAD, globalsLocal);
                push(a);
                mv.visitInsn(AALOAD);
                loadL(b);
                mv.visitFieldInsn(PUTFIELD, GLOBAL, "value", "J");
                return;

            case Op.I32_ADD_I: loadI(b); push(c); mv.visitInsn(IADD); storeI(a); return;
            case Op.I32_MUL_I: loadI(b); push(c); mv.visitInsn(IMUL); storeI(a); return;
            case Op.I32_AND_I: loadI(b); push(c); mv.visitInsn(IAND); storeI(a); return;
            case Op.I32_OR_I: loadI(b); push(c); mv.visitInsn(IOR); storeI(a); return;
            case Op.I32_XOR_I: loadI(b); push(c); mv.visitInsn(IXOR); storeI(a); return;
            case Op.I32_SHL_I: loadI(b); push(c); mv.visitInsn(ISHL); storeI(a); return;
            case Op.I32_SHL_ADD_I: loadI(b); push(c); mv.visitInsn(ISHL); push(code[pc + 4]); mv.visitInsn(IADD); storeI(a); return;
            case Op.I32_SHR_S_I: loadI(b); push(c); mv.visitInsn(ISHR); storeI(a); return;
            case Op.I32_SHR_U_I: loadI(b); push(c); mv.visitInsn(IUSHR); storeI(a); return;
            case Op.I64_ADD_I: loadL(b); pushLong(c); mv.visitInsn(LADD); storeL(a); return;
            case Op.I64_MUL_L: loadL(b); pushLong(longAt(code, pc + 3)); mv.visitInsn(LMUL); storeL(a); return;
            case Op.I64_XOR_MUL_L: loadL(b); loadL(c); mv.visitInsn(LXOR); pushLong(longAt(code, pc + 4)); mv.visitInsn(LMUL); storeL(a); return;
            case Op.I64_AND_L: loadL(b); pushLong(longAt(code, pc + 3)); mv.visitInsn(LAND); storeL(a); return;
            case Op.I64_OR_L: loadL(b); pushLong(longAt(code, pc + 3)); mv.visitInsn(LOR); storeL(a); return;
            case Op.I64_XOR_L: loadL(b); pushLong(longAt(code, pc + 3)); mv.visitInsn(LXOR); storeL(a); return;
            case Op.I64_SHL_I: loadL(b); push(c); mv.visitInsn(LSHL); storeL(a); return;
            case Op.I64_SHR_S_I: loadL(b); push(c); mv.visitInsn(LSHR); storeL(a); return;
            case Op.I64_SHR_U_I: loadL(b); push(c); mv.visitInsn(LUSHR); storeL(a); return;
            case Op.F64_ADD_L: floatArith("add64", a, b, () -> pushLong(longAt(code, pc + 3))); return;
            case Op.F64_SUB_L: floatArith("sub64", a, b, () -> pushLong(longAt(code, pc + 3))); return;
            case Op.F64_MUL_L: floatArith("mul64", a, b, () -> pushLong(longAt(code, pc + 3))); return;

            case Op.I32_LOAD: memAccess("loadI32", b, c); storeL(a); return;
            case Op.I64_LOAD32_U: memAccess("loadU32", b, c); storeL(a); return;
            case Op.I64_LOAD: memAccess("loadI64", b, c); storeL(a); return;
            case Op.I32_LOAD8_S: case Op.I64_LOAD8_S: memAccess("loadS8", b, c); storeL(a); return;
            case Op.I32_LOAD8_U: case Op.I64_LOAD8_U: memAccess("loadU8", b, c); storeL(a); return;
            case Op.I32_LOAD16_S: case Op.I64_LOAD16_S: memAccess("loadS16", b, c); storeL(a); return;
            case Op.I32_LOAD16_U: case Op.I64_LOAD16_U: memAccess("loadU16", b, c); storeL(a); return;
            case Op.I32_LOAD_A:
            case Op.I64_LOAD_A:
            case Op.LOAD8_U_A:
                // The fused i32.add: the base is the i32 sum, sign-extended as the interpreter passes it to ea.
                memAccess(op == Op.I32_LOAD_A ? "loadI32" : op == Op.I64_LOAD_A ? "loadI64" : "loadU8", () -> {
                    loadI(b);
                    push(c);
                    mv.visitInsn(IADD);
                    mv.visitInsn(I2L);
                }, code[pc + 4], -1);
                storeL(a);
                return;
            case Op.I32_LOAD_X:
                // The fused i32.shl and i32.add of constants (an array element), as an i32 base.
                memAccess("loadI32", () -> {
                    loadI(b);
                    push(c);
                    mv.visitInsn(ISHL);
                    push(code[pc + 4]);
                    mv.visitInsn(IADD);
                    mv.visitInsn(I2L);
                }, code[pc + 5], -1);
                storeL(a);
                return;
            case Op.STORE32: case Op.STORE64: case Op.STORE8: case Op.STORE16: {
                String helper = op == Op.STORE32 ? "store32" : op == Op.STORE64 ? "store64" : op == Op.STORE8 ? "store8" : "store16";
                memAccess(helper, () -> loadL(a), c, b);
                return;
            }
            default:
                break;
        }
        if (op >= Op.NUMERIC_BASE && op < Op.TRUNC_SAT_BASE + 8) {
            numeric(op, a, b, c);
            return;
        }
        if (op >= Op.SIMD_BASE || op == Op.SELECT_REF || op == Op.GLOBAL_GET_REF || op == Op.GLOBAL_SET_REF
                || op == Op.MEMORY_SIZE || op == Op.MEMORY_GROW || (op >= Op.REF_NULL && op <= Op.MEMORY_FILL)) {
            rare(pc);
            return;
        }
        throw new Refused("no compiled form for " + Op.NAMES[op]);
    }

    /**
     * A call through a {@link JitCallTarget} entry (on the operand stack, of class {@code owner}): the arguments
     * from their slots as JVM arguments, the callee's frame at {@code frame}, the first result back to slot
     * {@code frame} (several: all read back from the register stack), then the memory array again (the callee
     * may have grown it).
     */
    private void directCall(String owner, int frame, FuncType t) {
        int n = t.paramCount();
        mv.visitVarInsn(ALOAD, M);
        mv.visitVarInsn(ALOAD, INST);
        slotIndex(frame);
        mv.visitVarInsn(ILOAD, DEPTH);
        mv.visitVarInsn(ILOAD, STACK_LEFT);
        for (int k = 0; k < n; k++) loadL(frame + k);
        mv.visitMethodInsn(INVOKEVIRTUAL, owner, JitCallTarget.entryName(n), JitCallTarget.entryDescriptor(n), false);
        if (t.resultCount() == 0) mv.visitInsn(POP2);
        else storeL(frame);
        if (t.resultCount() > 1) reload(frame + 1, t.resultCount() - 1);
        reloadMemory();
    }

    /** One instruction through {@link RareOps#exec}: its source slots go to the register stack, its destinations come back. */
    private void rare(int pc) {
        int op = code[pc];
        String shape = Op.SHAPES[op];
        List<Integer> sources = new ArrayList<>(), dests = new ArrayList<>();
        int p = pc + 1;
        for (int i = 0; i < shape.length(); i++) {
            char ch = shape.charAt(i);
            if (ch == 's') sources.add(code[p]);
            if (ch == 'd') dests.add(code[p]);
            p += ch == 'L' ? 2 : 1;
        }
        for (int s : sources) spill(s, 1);
        mv.visitVarInsn(ALOAD, THIS);
        mv.visitFieldInsn(GETFIELD, SUPER, "code", "[I");
        push(pc);
        mv.visitVarInsn(ALOAD, M);
        mv.visitFieldInsn(GETFIELD, MACHINE, "stack", "[J");
        mv.visitVarInsn(ALOAD, M);
        mv.visitFieldInsn(GETFIELD, MACHINE, "refs", "[Ljava/lang/Object;");
        mv.visitVarInsn(ILOAD, FP);
        mv.visitVarInsn(ALOAD, INST);
        mv.visitVarInsn(ALOAD, M);
        mv.visitMethodInsn(INVOKESTATIC, RARE, "exec", "([II[J[Ljava/lang/Object;IL" + INSTANCE + ";L" + MACHINE + ";)I", false);
        mv.visitInsn(POP);
        for (int d : dests) reload(d, 1);
        if (op == Op.MEMORY_GROW || op == Op.MEMORY_INIT || op == Op.MEMORY_COPY || op == Op.MEMORY_FILL) reloadMemory();
    }

    private void numeric(int op, int d, int x, int y) {
        boolean binaryOp = Op.SHAPES[op].length() == 3;
        switch (op) {
            case Op.I32_EQZ: loadI(x); boolFromJump(IFEQ); storeL(d); return;
            case Op.I64_EQZ: loadL(x); mv.visitInsn(LCONST_0); mv.visitInsn(LCMP); boolFromJump(IFEQ); storeL(d); return;
            case Op.I32_ADD: loadI(x); loadI(y); mv.visitInsn(IADD); storeI(d); return;
            case Op.I32_SUB: loadI(x); loadI(y); mv.visitInsn(ISUB); storeI(d); return;
            case Op.I32_MUL: loadI(x); loadI(y); mv.visitInsn(IMUL); storeI(d); return;
            case Op.I32_AND: loadI(x); loadI(y); mv.visitInsn(IAND); storeI(d); return;
            case Op.I32_OR: loadI(x); loadI(y); mv.visitInsn(IOR); storeI(d); return;
            case Op.I32_XOR: loadI(x); loadI(y); mv.visitInsn(IXOR); storeI(d); return;
            case Op.I32_SHL: loadI(x); loadI(y); mv.visitInsn(ISHL); storeI(d); return;
            case Op.I32_SHR_S: loadI(x); loadI(y); mv.visitInsn(ISHR); storeI(d); return;
            case Op.I32_SHR_U: loadI(x); loadI(y); mv.visitInsn(IUSHR); storeI(d); return;
            case Op.I32_ROTL: loadI(x); loadI(y); mv.visitMethodInsn(INVOKESTATIC, "java/lang/Integer", "rotateLeft", "(II)I", false); storeI(d); return;
            case Op.I32_ROTR: loadI(x); loadI(y); mv.visitMethodInsn(INVOKESTATIC, "java/lang/Integer", "rotateRight", "(II)I", false); storeI(d); return;
            case Op.I32_CLZ: loadI(x); mv.visitMethodInsn(INVOKESTATIC, "java/lang/Integer", "numberOfLeadingZeros", "(I)I", false); storeI(d); return;
            case Op.I32_CTZ: loadI(x); mv.visitMethodInsn(INVOKESTATIC, "java/lang/Integer", "numberOfTrailingZeros", "(I)I", false); storeI(d); return;
            case Op.I32_POPCNT: loadI(x); mv.visitMethodInsn(INVOKESTATIC, "java/lang/Integer", "bitCount", "(I)I", false); storeI(d); return;
            case Op.I32_DIV_S: loadL(x); loadL(y); binaryHelper(RARE, "divS32"); storeL(d); return;
            case Op.I32_DIV_U: loadL(x); loadL(y); binaryHelper(RARE, "divU32"); storeL(d); return;
            case Op.I32_REM_S: loadL(x); loadL(y); binaryHelper(RARE, "remS32"); storeL(d); return;
            case Op.I32_REM_U: loadL(x); loadL(y); binaryHelper(RARE, "remU32"); storeL(d); return;
            case Op.I64_ADD: loadL(x); loadL(y); mv.visitInsn(LADD); storeL(d); return;
            case Op.I64_SUB: loadL(x); loadL(y); mv.visitInsn(LSUB); storeL(d); return;
            case Op.I64_MUL: loadL(x); loadL(y); mv.visitInsn(LMUL); storeL(d); return;
            case Op.I64_AND: loadL(x); loadL(y); mv.visitInsn(LAND); storeL(d); return;
            case Op.I64_OR: loadL(x); loadL(y); mv.visitInsn(LOR); storeL(d); return;
            case Op.I64_XOR: loadL(x); loadL(y); mv.visitInsn(LXOR); storeL(d); return;
            case Op.I64_SHL: loadL(x); loadI(y); mv.visitInsn(LSHL); storeL(d); return;
            case Op.I64_SHR_S: loadL(x); loadI(y); mv.visitInsn(LSHR); storeL(d); return;
            case Op.I64_SHR_U: loadL(x); loadI(y); mv.visitInsn(LUSHR); storeL(d); return;
            case Op.I64_ROTL: loadL(x); loadI(y); mv.visitMethodInsn(INVOKESTATIC, "java/lang/Long", "rotateLeft", "(JI)J", false); storeL(d); return;
            case Op.I64_ROTR: loadL(x); loadI(y); mv.visitMethodInsn(INVOKESTATIC, "java/lang/Long", "rotateRight", "(JI)J", false); storeL(d); return;
            case Op.I64_CLZ: loadL(x); mv.visitMethodInsn(INVOKESTATIC, "java/lang/Long", "numberOfLeadingZeros", "(J)I", false); storeI(d); return;
            case Op.I64_CTZ: loadL(x); mv.visitMethodInsn(INVOKESTATIC, "java/lang/Long", "numberOfTrailingZeros", "(J)I", false); storeI(d); return;
            case Op.I64_POPCNT: loadL(x); mv.visitMethodInsn(INVOKESTATIC, "java/lang/Long", "bitCount", "(J)I", false); storeI(d); return;
            case Op.I64_DIV_S: loadL(x); loadL(y); binaryHelper(RARE, "divS64"); storeL(d); return;
            case Op.I64_DIV_U: loadL(x); loadL(y); binaryHelper(RARE, "divU64"); storeL(d); return;
            case Op.I64_REM_S: loadL(x); loadL(y); binaryHelper(RARE, "remS64"); storeL(d); return;
            case Op.I64_REM_U: loadL(x); loadL(y); binaryHelper(RARE, "remU64"); storeL(d); return;
            case Op.I64_EXTEND_I32_S: case Op.I32_WRAP_I64: case Op.I64_EXTEND32_S: case Op.I32_REINTERPRET_F32: case Op.F32_REINTERPRET_I32:
                loadI(x); storeI(d); return;
            case Op.I64_EXTEND_I32_U: loadL(x); pushLong(0xFFFFFFFFL); mv.visitInsn(LAND); storeL(d); return;
            case Op.I64_REINTERPRET_F64: case Op.F64_REINTERPRET_I64: loadL(x); storeL(d); return;
            case Op.I32_EXTEND8_S: case Op.I64_EXTEND8_S: loadI(x); mv.visitInsn(I2B); storeI(d); return;
            case Op.I32_EXTEND16_S: case Op.I64_EXTEND16_S: loadI(x); mv.visitInsn(I2S); storeI(d); return;
            case Op.F64_ADD: floatArith("add64", d, x, () -> loadL(y)); return;
            case Op.F64_SUB: floatArith("sub64", d, x, () -> loadL(y)); return;
            case Op.F64_MUL: floatArith("mul64", d, x, () -> loadL(y)); return;
            case Op.F64_DIV: floatArith("div64", d, x, () -> loadL(y)); return;
            case Op.F64_MIN: loadL(x); loadL(y); binaryHelper(NAN, "min64"); storeL(d); return;
            case Op.F64_MAX: loadL(x); loadL(y); binaryHelper(NAN, "max64"); storeL(d); return;
            case Op.F32_ADD: floatArith("add32", d, x, () -> loadL(y)); return;
            case Op.F32_SUB: floatArith("sub32", d, x, () -> loadL(y)); return;
            case Op.F32_MUL: floatArith("mul32", d, x, () -> loadL(y)); return;
            case Op.F32_DIV: floatArith("div32", d, x, () -> loadL(y)); return;
            case Op.F32_MIN: loadL(x); loadL(y); binaryHelper(NAN, "min32"); storeL(d); return;
            case Op.F32_MAX: loadL(x); loadL(y); binaryHelper(NAN, "max32"); storeL(d); return;
            case Op.F64_EQ: loadD(x); loadD(y); mv.visitInsn(DCMPL); boolFromJump(IFEQ); storeL(d); return;
            case Op.F64_NE: loadD(x); loadD(y); mv.visitInsn(DCMPL); boolFromJump(IFNE); storeL(d); return;
            case Op.F64_LT: loadD(x); loadD(y); mv.visitInsn(DCMPG); boolFromJump(IFLT); storeL(d); return;
            case Op.F64_GT: loadD(x); loadD(y); mv.visitInsn(DCMPL); boolFromJump(IFGT); storeL(d); return;
            case Op.F64_LE: loadD(x); loadD(y); mv.visitInsn(DCMPG); boolFromJump(IFLE); storeL(d); return;
            case Op.F64_GE: loadD(x); loadD(y); mv.visitInsn(DCMPL); boolFromJump(IFGE); storeL(d); return;
            case Op.F32_EQ: loadF(x); loadF(y); mv.visitInsn(FCMPL); boolFromJump(IFEQ); storeL(d); return;
            case Op.F32_NE: loadF(x); loadF(y); mv.visitInsn(FCMPL); boolFromJump(IFNE); storeL(d); return;
            case Op.F32_LT: loadF(x); loadF(y); mv.visitInsn(FCMPG); boolFromJump(IFLT); storeL(d); return;
            case Op.F32_GT: loadF(x); loadF(y); mv.visitInsn(FCMPL); boolFromJump(IFGT); storeL(d); return;
            case Op.F32_LE: loadF(x); loadF(y); mv.visitInsn(FCMPG); boolFromJump(IFLE); storeL(d); return;
            case Op.F32_GE: loadF(x); loadF(y); mv.visitInsn(FCMPL); boolFromJump(IFGE); storeL(d); return;
            case Op.F64_NEG: loadL(x); flipSignLong(); storeL(d); return;
            case Op.F64_ABS: loadL(x); pushLong(Long.MAX_VALUE); mv.visitInsn(LAND); storeL(d); return;
            case Op.F64_SQRT:
                loadD(x);
                mv.visitMethodInsn(INVOKESTATIC, "java/lang/Math", "sqrt", "(D)D", false);
                mv.visitMethodInsn(INVOKESTATIC, "java/lang/Double", "doubleToRawLongBits", "(D)J", false);
                storeL(d);
                return;
            case Op.F64_CONVERT_I32_S:
                loadI(x);
                mv.visitInsn(I2D);
                mv.visitMethodInsn(INVOKESTATIC, "java/lang/Double", "doubleToRawLongBits", "(D)J", false);
                storeL(d);
                return;
            default:
                // Everything else through the interpreter's own implementation, with the opcode a constant.
                push(op);
                loadL(x);
                if (binaryOp) {
                    loadL(y);
                    mv.visitMethodInsn(INVOKESTATIC, RARE, "binary", "(IJJ)J", false);
                } else {
                    mv.visitMethodInsn(INVOKESTATIC, RARE, "unary", "(IJ)J", false);
                }
                storeL(d);
        }
    }
}
