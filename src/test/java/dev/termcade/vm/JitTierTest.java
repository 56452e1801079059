package dev.termcade.vm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.termcade.wasm.Opcodes;
import dev.termcade.wasm.text.Wat;
import java.lang.ref.WeakReference;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The JIT tier against the interpreter: the same module run by both must give the same bits, the same traps with the
 * same backtraces, the same fuel counts. The interpreter itself is checked against the spec suite; here every function
 * of the JIT-tier module must also really have been compiled, or the comparison would prove nothing.
 */
class JitTierTest {
    /** The one machine these tests call through (tests run one at a time). */
    private static final Machine MACHINE = new Machine();

    private static Instance instantiate(CompiledModule cm, Imports imports) {
        return Instance.builder(cm).withImports(imports).withMachine(MACHINE).build();
    }

    /** Module {@code wat}, which imports nothing, loaded for {@code tier} and instantiated (its module: {@code .module}). */
    private static Instance instance(String wat, Tier tier) { return instantiate(load(wat, tier), new Imports()); }

    private static final long[] I32_EDGES = {0, 1, -1, 2, 7, -7, 31, 32, Integer.MIN_VALUE, Integer.MAX_VALUE, 0x12345678};
    private static final long[] I64_EDGES = {0, 1, -1, 7, -7, 63, 64, Long.MIN_VALUE, Long.MAX_VALUE, 0xFFFFFFFFL, 0x123456789ABCDEF0L};
    private static final long[] F32_EDGES = {0, 0x80000000L, Float.floatToRawIntBits(1f), Float.floatToRawIntBits(-1.5f),
        0x7FC00000, 0x7FA00000, 0xFFC00001L, 0x7F800000, 0xFF800000L, 0x4F000000, Float.floatToRawIntBits(4.5e9f),
        Float.floatToRawIntBits(0.5f), Float.floatToRawIntBits(-2.5f), 0x7F7FFFFF};
    private static final long[] F64_EDGES = {0, Long.MIN_VALUE, Double.doubleToRawLongBits(1), Double.doubleToRawLongBits(-1.5),
        0x7FF8000000000000L, 0x7FF4000000000000L, 0xFFF8000000000001L, 0x7FF0000000000000L, 0xFFF0000000000000L,
        Double.doubleToRawLongBits(2147483648.0), Double.doubleToRawLongBits(-2147483649.0), Double.doubleToRawLongBits(1.8446744073709552E19),
        Double.doubleToRawLongBits(0.5), Double.doubleToRawLongBits(-2.5), Double.doubleToRawLongBits(1e300)};

    private static CompiledModule load(String wat, Tier tier) {
        return CompiledModule.load(Wat.toBinary(wat.getBytes(StandardCharsets.UTF_8)), "test").tier(tier);
    }

    private static long[] edges(ValueType t) {
        return t == ValueType.I32 ? I32_EDGES : t == ValueType.I64 ? I64_EDGES : t == ValueType.F32 ? F32_EDGES : F64_EDGES;
    }

    private static String typeName(String s) { return s.substring(0, 3); }

    private static ValueType type(String name) {
        switch (name) {
            case "i32": return ValueType.I32;
            case "i64": return ValueType.I64;
            case "f32": return ValueType.F32;
            default: return ValueType.F64;
        }
    }

    /** A numeric operator's operand type, result type and arity, from its text name. */
    private record NumericOp(String name, String operand, String result, boolean binary) {
        static NumericOp of(String name) {
            String prefix = typeName(name);
            String kind = name.substring(4);
            boolean compare = kind.matches("eqz|eq|ne|lt(_[su])?|gt(_[su])?|le(_[su])?|ge(_[su])?");
            boolean binary = !kind.equals("eqz") && (compare || kind.matches("add|sub|mul|div(_[su])?|rem_[su]|and|or|xor|shl|shr_[su]|rotl|rotr|min|max|copysign"));
            String operand = prefix;
            var m = java.util.regex.Pattern.compile("_([if](32|64))").matcher(kind);
            if (m.find()) operand = m.group(1);
            if (kind.startsWith("extend") && !kind.contains("_i")) operand = prefix;
            if (kind.equals("demote_f64")) operand = "f64";
            if (kind.equals("promote_f32")) operand = "f32";
            return new NumericOp(name, operand, compare ? "i32" : prefix, binary);
        }
    }

    private static List<NumericOp> numericOps() {
        List<NumericOp> ops = new ArrayList<>();
        for (int b = 0x45; b <= 0xC4; b++) ops.add(NumericOp.of(Opcodes.NAMES[b]));
        for (int i = 0; i < 8; i++) ops.add(NumericOp.of(Opcodes.FC_NAMES[i]));
        return ops;
    }

    private static String hexConst(String type, long bits) {
        switch (type) {
            case "i32": return "(i32.const " + (int) bits + ")";
            case "i64": return "(i64.const " + bits + ")";
            case "f32": return "(f32.reinterpret_i32 (i32.const " + (int) bits + "))";
            default: return "(f64.reinterpret_i64 (i64.const " + bits + "))";
        }
    }

    /** The outcome of one call: result bits, or the trap's kind and backtrace. */
    private static String outcome(Instance inst, String export, Value... args) {
        try {
            Value[] r = MACHINE.call(inst.function(export), args);
            StringBuilder sb = new StringBuilder();
            for (Value v : r) sb.append(v.type()).append(':').append(Long.toHexString(v.bits())).append(' ');
            return sb.toString();
        } catch (Trap t) {
            return "trap " + t.kind() + " " + t.getMessage() + " " + t.backtrace();
        }
    }

    private static void assertAllCompiled(CompiledModule cm) {
        for (int i = cm.module().importedFunctionCount(); i < cm.module().functionTypes().size(); i++) {
            CompiledFunction f = cm.function(i);
            assertTrue(f.isJitCompiled(), () -> "func " + f.index + " was not compiled: " + f.compileForJit());
        }
    }

    @Test
    void everyNumericOperatorGivesTheInterpretersBitsOnEdgeValues() {
        StringBuilder wat = new StringBuilder("(module\n");
        List<String[]> calls = new ArrayList<>();   // export, operand type, binary?
        int n = 0;
        for (NumericOp op : numericOps()) {
            String t = op.operand();
            if (op.binary()) {
                // Both operands in registers, and the second as a constant (the immediate and fused forms).
                wat.append("(func (export \"f").append(n).append("\") (param ").append(t).append(' ').append(t).append(") (result ").append(op.result())
                        .append(") (").append(op.name()).append(" (local.get 0) (local.get 1)))\n");
                calls.add(new String[] {"f" + n++, t, "2"});
                for (long c : edges(type(t))) {
                    wat.append("(func (export \"f").append(n).append("\") (param ").append(t).append(") (result ").append(op.result())
                            .append(") (").append(op.name()).append(" (local.get 0) ").append(hexConst(t, c)).append("))\n");
                    calls.add(new String[] {"f" + n++, t, "1"});
                }
                if (op.result().equals("i32") && !t.startsWith("f")) {
                    // A compare feeding a branch: the fused compare-and-branch forms.
                    wat.append("(func (export \"f").append(n).append("\") (param ").append(t).append(' ').append(t)
                            .append(") (result i32) (if (result i32) (").append(op.name()).append(" (local.get 0) (local.get 1)) (then (i32.const 11)) (else (i32.const 22))))\n");
                    calls.add(new String[] {"f" + n++, t, "2"});
                }
            } else {
                wat.append("(func (export \"f").append(n).append("\") (param ").append(t).append(") (result ").append(op.result())
                        .append(") (").append(op.name()).append(" (local.get 0)))\n");
                calls.add(new String[] {"f" + n++, t, "1"});
            }
        }
        wat.append(")");
        Instance interp = instance(wat.toString(), Tier.INTERP), jit = instance(wat.toString(), Tier.JIT);
        CompiledModule jitModule = jit.module;
        int compared = 0;
        for (String[] call : calls) {
            ValueType t = type(call[1]);
            for (long a : edges(t)) {
                if (call[2].equals("1")) {
                    assertEquals(outcome(interp, call[0], Value.raw(t, a, 0)), outcome(jit, call[0], Value.raw(t, a, 0)), call[0] + "(" + a + ")");
                    compared++;
                } else {
                    for (long b : edges(t)) {
                        assertEquals(outcome(interp, call[0], Value.raw(t, a, 0), Value.raw(t, b, 0)), outcome(jit, call[0], Value.raw(t, a, 0), Value.raw(t, b, 0)),
                                call[0] + "(" + a + ", " + b + ")");
                        compared++;
                    }
                }
            }
        }
        assertTrue(compared > 20_000, "compared " + compared);
        assertAllCompiled(jitModule);
        // A few results checked by hand, so both tiers agreeing on something wrong would still fail.
        CompiledModule cm = load("(module (func (export \"d\") (param i32 i32) (result i32) (i32.div_s (local.get 0) (local.get 1)))"
                + "(func (export \"r\") (param i64) (result i64) (i64.rotl (local.get 0) (i64.const 4)))"
                + "(func (export \"a\") (param f64 f64) (result f64) (f64.add (local.get 0) (local.get 1))))", Tier.JIT);
        Instance h = instantiate(cm, new Imports());
        assertEquals(-3, MACHINE.call(h.function("d"), Value.i32(-7), Value.i32(2))[0].i32());
        assertEquals(0x23456789ABCDEF01L, MACHINE.call(h.function("r"), Value.i64(0x123456789ABCDEF0L))[0].i64());
        // NaN + 1: the left operand's NaN, quieted (NanRules), not whatever the JVM's add returns.
        assertEquals(0x7FFC000000000000L, MACHINE.call(h.function("a"), Value.f64Bits(0x7FF4000000000000L), Value.f64(1))[0].bits());
        assertAllCompiled(cm);
    }

    private static final String MEMORY_WAT = "(module (memory 1 3)"
            + "(func (export \"rw\") (param i32 i64) (result i64)"
            + "  (i64.store (local.get 0) (local.get 1)) (i32.store8 offset=9 (local.get 0) (i32.const 0x1ff))"
            + "  (i64.add (i64.add (i64.load (local.get 0)) (i64.load8_s offset=1 (local.get 0)))"
            + "    (i64.add (i64.extend_i32_u (i32.load16_u offset=2 (local.get 0))) (i64.load32_s offset=4 (local.get 0)))))"
            + "(func (export \"narrow\") (param i32) (result i32)"
            + "  (i32.add (i32.add (i32.load8_u (local.get 0)) (i32.load16_s (local.get 0))) (i32.load offset=16 (i32.add (local.get 0) (i32.const 8)))))"
            + "(func (export \"grow\") (param i32) (result i32) (local i32)"
            + "  (local.set 1 (memory.grow (local.get 0)))"
            + "  (i32.store (i32.const 70000) (i32.const 12345))"
            + "  (i32.add (i32.mul (local.get 1) (i32.const 1000)) (i32.add (memory.size) (i32.load (i32.const 70000))))))";

    @Test
    void memoryAccessesBoundsAndGrowthMatchTheInterpreter() {
        Instance interp = instance(MEMORY_WAT, Tier.INTERP), jit = instance(MEMORY_WAT, Tier.JIT);
        CompiledModule cm = jit.module;
        long[] addresses = {0, 1, 100, 65528, 65529, 65535, 65536, -1, -8, Integer.MAX_VALUE};
        for (long a : addresses) {
            for (long v : I64_EDGES) {
                assertEquals(outcome(interp, "rw", Value.i32((int) a), Value.i64(v)), outcome(jit, "rw", Value.i32((int) a), Value.i64(v)), "rw " + a + " " + v);
            }
            assertEquals(outcome(interp, "narrow", Value.i32((int) a)), outcome(jit, "narrow", Value.i32((int) a)), "narrow " + a);
        }
        // Growing inside compiled code: the store past the first page only works if the code sees the new array.
        String[] expected = {"trap MEMORY_OUT_OF_BOUNDS out of bounds memory access [func[2] grow]",
            "i32:" + Integer.toHexString(1 * 1000 + 2 + 12345) + " ", "i32:" + Integer.toHexString(-1 * 1000 + 2 + 12345) + " "};
        int[] deltas = {0, 1, 5};
        for (int i = 0; i < deltas.length; i++) {
            assertEquals(expected[i], outcome(interp, "grow", Value.i32(deltas[i])));
            assertEquals(expected[i], outcome(jit, "grow", Value.i32(deltas[i])));
        }
        assertAllCompiled(cm);
    }

    private static final String CALLS_WAT = "(module"
            + "(import \"env\" \"host\" (func $host (param i32) (result i32)))"
            + "(type $ii (func (param i32) (result i32)))"
            + "(table 4 funcref) (elem (i32.const 0) $double $triple $crash)"
            + "(global $calls (mut i32) (i32.const 0))"
            + "(func $double (type $ii) (i32.mul (local.get 0) (i32.const 2)))"
            + "(func $triple (type $ii) (call $host (i32.mul (local.get 0) (i32.const 3))))"
            + "(func $crash (type $ii) (if (i32.eqz (local.get 0)) (then unreachable)) (call $crash (i32.sub (local.get 0) (i32.const 1))))"
            + "(func (export \"indirect\") (param i32 i32) (result i32) (call_indirect (type $ii) (local.get 1) (local.get 0)))"
            + "(func (export \"wrongType\") (param i32) (result i32) (call_indirect (param i32) (result i64) (local.get 0) (local.get 0)) (i32.wrap_i64))"
            + "(func (export \"swap\") (param i32 i64) (result i64 i32) (local.get 1) (local.get 0))"
            + "(func $rec (export \"rec\") (param i32) (result i32)"
            + "  (global.set $calls (i32.add (global.get $calls) (i32.const 1)))"
            + "  (if (result i32) (local.get 0) (then (i32.add (call $rec (i32.sub (local.get 0) (i32.const 1))) (i32.const 1))) (else (i32.const 0))))"
            + "(func (export \"calls\") (result i32) (global.get $calls))"
            + "(func $fib (export \"fib\") (param i32) (result i32)"
            + "  (if (result i32) (i32.lt_s (local.get 0) (i32.const 2)) (then (local.get 0))"
            + "    (else (i32.add (call $fib (i32.sub (local.get 0) (i32.const 1))) (call $fib (i32.sub (local.get 0) (i32.const 2)))))))"
            + ")";

    private static Instance callsInstance(CompiledModule cm, AtomicInteger hostCalls) {
        return instantiate(cm, new Imports().function("env", "host", FunctionType.of(ValueType.I32).returning(ValueType.I32), f -> {
            hostCalls.incrementAndGet();
            f.i32(0, f.i32(0) + 1);
        }));
    }

    @Test
    void callsHostCallsIndirectCallsAndTrapBacktracesMatchTheInterpreter() {
        AtomicInteger hostCalls = new AtomicInteger();
        Instance interp = callsInstance(load(CALLS_WAT, Tier.INTERP), hostCalls);
        CompiledModule cm = load(CALLS_WAT, Tier.JIT);
        Instance jit = callsInstance(cm, hostCalls);
        for (int elem : new int[] {0, 1, 2, 3, 4, -1}) {
            for (int x : new int[] {0, 5, -3}) {
                assertEquals(outcome(interp, "indirect", Value.i32(elem), Value.i32(x)), outcome(jit, "indirect", Value.i32(elem), Value.i32(x)), elem + " " + x);
            }
        }
        assertEquals("i32:a ", outcome(jit, "indirect", Value.i32(0), Value.i32(5)));
        assertEquals("i32:a ", outcome(jit, "indirect", Value.i32(1), Value.i32(3)));
        assertEquals("trap UNREACHABLE unreachable [func[3] crash, func[4] indirect]", outcome(jit, "indirect", Value.i32(2), Value.i32(3)));
        assertEquals(outcome(interp, "wrongType", Value.i32(0)), outcome(jit, "wrongType", Value.i32(0)));
        assertTrue(outcome(jit, "wrongType", Value.i32(0)).startsWith("trap INDIRECT_CALL_TYPE_MISMATCH"));
        assertEquals("i64:fffffffffffffff7 i32:3 ", outcome(jit, "swap", Value.i32(3), Value.i64(-9)));
        assertEquals("i32:" + Integer.toHexString(832040) + " ", outcome(jit, "fib", Value.i32(30)));
        assertTrue(hostCalls.get() >= 4, "host calls " + hostCalls.get());
        assertEquals("i32:3 ", outcome(jit, "rec", Value.i32(3)));
        assertEquals("i32:4 ", outcome(jit, "calls"));
        assertAllCompiled(cm);
    }

    @Test
    void deepRecursionTrapsAtTheSameDepthInBothTiersWithoutAStackOverflow() {
        for (int depth : new int[] {1000, 50_000}) {
            List<String> outcomes = new ArrayList<>();
            for (Tier tier : new Tier[] {Tier.INTERP, Tier.JIT}) {
                Instance inst = callsInstance(load(CALLS_WAT, tier), new AtomicInteger());
                Machine m = MACHINE;
                int saved = m.maxCallDepth();
                m.maxCallDepth(depth);
                try {
                    assertEquals("i32:" + Integer.toHexString(depth - 10) + " ", outcome(inst, "rec", Value.i32(depth - 10)));
                    String trap = outcome(inst, "rec", Value.i32(depth + 10));
                    assertTrue(trap.startsWith("trap CALL_STACK_EXHAUSTED call stack exhausted (deeper than " + depth + " calls)"), trap);
                    outcomes.add(trap + " after " + MACHINE.call(inst.function("calls"))[0].i32() + " calls");
                    // The machine is usable afterwards, and the JIT tier's Java stack budget is whole again.
                    assertEquals("i32:5 ", outcome(inst, "rec", Value.i32(5)));
                    assertEquals(JitRuntime.JAVA_STACK_WORDS, m.jitStackLeft);
                } finally {
                    m.maxCallDepth(saved);
                }
            }
            assertEquals(outcomes.get(0), outcomes.get(1));
        }
    }

    /** Calls between compiled functions of one module: direct, through each call site's link to the callee's entry. */
    private static final String DIRECT_WAT = "(module (memory 1 4)"
            + "(type $ii (func (param i32) (result i32)))"
            + "(table 3 funcref) (elem (i32.const 0) $c $d)"
            + "(func $d (param i32 i64 f64) (result i32)"
            + "  (if (i32.eqz (local.get 0)) (then unreachable))"
            + "  (i32.add (local.get 0) (i32.add (i32.wrap_i64 (local.get 1)) (i32.trunc_f64_s (local.get 2)))))"
            + "(func $c (type $ii) (call $d (local.get 0) (i64.const 100) (f64.const 1.5)))"
            + "(func $b (type $ii) (i32.mul (call $c (local.get 0)) (i32.const 2)))"
            + "(func $grow (result i32) (memory.grow (i32.const 1)))"
            + "(func (export \"chain\") (param i32) (result i32)"
            + "  (drop (call $grow)) (i32.store (i32.const 70000) (i32.const 7))"
            + "  (i32.add (call $b (local.get 0)) (i32.load (i32.const 70000))))"
            + "(func $pair (param i32 i64) (result i64 i32) (local.get 1) (local.get 0))"
            + "(func (export \"pairs\") (param i32 i64) (result i64) (call $pair (local.get 0) (local.get 1)) (i64.extend_i32_s) (i64.sub))"
            + "(func $six (param i32 i32 i32 i32 i32 i32) (result i32)"
            + "  (i32.add (i32.add (i32.add (local.get 0) (i32.mul (local.get 1) (i32.const 10))) (i32.mul (local.get 2) (i32.const 100)))"
            + "    (i32.add (i32.mul (local.get 3) (i32.const 1000)) (i32.add (i32.mul (local.get 4) (i32.const 10000)) (i32.mul (local.get 5) (i32.const 100000))))))"
            + "(func $seven (param i32 i32 i32 i32 i32 i32 i32) (result i32)"
            + "  (i32.add (call $six (local.get 0) (local.get 1) (local.get 2) (local.get 3) (local.get 4) (local.get 5)) (i32.mul (local.get 6) (i32.const 1000000))))"
            + "(func (export \"wide\") (param i32) (result i32) (call $seven (local.get 0) (i32.const 2) (i32.const 3) (i32.const 4) (i32.const 5) (i32.const 6) (i32.const 7)))"
            + "(func (export \"dyn\") (param i32 i32) (result i32) (call_indirect (type $ii) (local.get 1) (local.get 0)))"
            + "(func $even (export \"even\") (param i32) (result i32)"
            + "  (if (result i32) (i32.eqz (local.get 0)) (then (i32.const 1)) (else (call $odd (i32.sub (local.get 0) (i32.const 1))))))"
            + "(func $odd (param i32) (result i32)"
            + "  (if (result i32) (i32.eqz (local.get 0)) (then (i32.const 0)) (else (call $even (i32.sub (local.get 0) (i32.const 1))))))"
            + ")";

    @Test
    void directCallsPassArgumentsAndResultsAndTrapsCarryTheWholeBacktrace() {
        Instance interp = instance(DIRECT_WAT, Tier.INTERP), jit = instance(DIRECT_WAT, Tier.JIT);
        CompiledModule cm = jit.module;
        for (Instance inst : new Instance[] {interp, jit}) {
            // (5 + 100 + 1) * 2, plus the 7 stored past the first page, which the callee $grow added.
            assertEquals("i32:" + Integer.toHexString(219) + " ", outcome(inst, "chain", Value.i32(5)));
            assertEquals("trap UNREACHABLE unreachable [func[0] d, func[1] c, func[2] b, func[4] chain]", outcome(inst, "chain", Value.i32(0)));
            assertEquals("i64:7 ", outcome(inst, "pairs", Value.i32(3), Value.i64(10)));
            assertEquals("i32:" + Integer.toHexString(7654321) + " ", outcome(inst, "wide", Value.i32(1)));
        }
        // The call sites were linked to their callees' compiled code: the calls above did not go through the runtime.
        for (String caller : new String[] {"chain", "pairs", "b", "c", "seven"}) {
            JitCode code = cm.function(cm.findFunction(caller)).jit;
            assertTrue(code.callees.length > 0, caller);
            for (JitCallTarget callee : code.callees) assertTrue(callee instanceof JitCode, caller + " calls " + callee);
        }
    }

    @Test
    void callIndirectChecksTheTargetBeforeCallingItsCompiledCode() {
        Instance interp = instance(DIRECT_WAT, Tier.INTERP), jit = instance(DIRECT_WAT, Tier.JIT);
        // Compiled targets first, so that the checks below run with compiled code to call.
        assertEquals("i32:" + Integer.toHexString(219) + " ", outcome(jit, "chain", Value.i32(5)));
        String[][] cases = {
            {"0", "i32:" + Integer.toHexString(106) + " "},
            {"1", "trap INDIRECT_CALL_TYPE_MISMATCH"},
            {"2", "trap UNINITIALIZED_ELEMENT"},
            {"3", "trap UNDEFINED_ELEMENT"},
            {"-1", "trap UNDEFINED_ELEMENT"},
        };
        for (String[] c : cases) {
            Value elem = Value.i32(Integer.parseInt(c[0])), arg = Value.i32(5);
            String got = outcome(jit, "dyn", elem, arg);
            assertEquals(outcome(interp, "dyn", elem, arg), got, "element " + c[0]);
            assertTrue(got.startsWith(c[1]), got);
            if (got.startsWith("trap")) assertTrue(got.endsWith("[func[10] dyn]"), got);
        }
        // A trap in the compiled target: its frames, then the caller's.
        assertEquals("trap UNREACHABLE unreachable [func[0] d, func[1] c, func[10] dyn]", outcome(jit, "dyn", Value.i32(0), Value.i32(0)));
    }

    @Test
    void directCallsTrapAtExactlyTheMaximumDepth() {
        // 100: reached inside compiled code (its Java stack budget holds a few hundred frames of these functions);
        // deeper, the budget runs out first and the interpreter takes the rest of the recursion.
        for (int depth : new int[] {100, 1000, 50_000}) {
            List<String> outcomes = new ArrayList<>();
            for (Tier tier : new Tier[] {Tier.INTERP, Tier.JIT}) {
                Instance inst = instantiate(load(DIRECT_WAT, tier), new Imports());
                int saved = MACHINE.maxCallDepth();
                MACHINE.maxCallDepth(depth);
                try {
                    // Links the sites of $even and $odd to each other first.
                    assertEquals("i32:1 ", outcome(inst, "even", Value.i32(10)));
                    // even(n) is n + 1 frames: the outermost, then n nested calls, which maxCallDepth allows.
                    assertEquals("i32:1 ", outcome(inst, "even", Value.i32(depth)), tier + " " + depth);
                    assertEquals("i32:0 ", outcome(inst, "even", Value.i32(depth - 1)), tier + " " + depth);
                    String trap = outcome(inst, "even", Value.i32(depth + 1));
                    assertTrue(trap.startsWith("trap CALL_STACK_EXHAUSTED call stack exhausted (deeper than " + depth + " calls)"), trap);
                    outcomes.add(trap);
                    assertEquals(0, MACHINE.depth);
                    assertEquals(JitRuntime.JAVA_STACK_WORDS, MACHINE.jitStackLeft);
                    assertEquals("i32:0 ", outcome(inst, "even", Value.i32(7)));
                } finally {
                    MACHINE.maxCallDepth(saved);
                }
            }
            assertEquals(outcomes.get(0), outcomes.get(1));
        }
    }

    @Test
    @org.junit.jupiter.api.Timeout(120)
    void anotherThreadInterruptsACompiledRecursion() throws Exception {
        CompiledModule cm = load(CALLS_WAT, Tier.JIT);
        Instance inst = callsInstance(cm, new AtomicInteger());
        assertEquals("i32:37 ", outcome(inst, "fib", Value.i32(10)));
        Thread interrupter = interruptLater(300);
        // fib(60) would take years: only the interrupt, checked at calls (fib has no loop), ends it.
        Trap t = assertThrows(Trap.class, () -> MACHINE.call(inst.function("fib"), Value.i32(60)));
        interrupter.join();
        assertEquals(Trap.Kind.INTERRUPTED, t.kind());
        assertEquals("deadline", t.getMessage());
        // Every frame of the recursion, from where the interrupt was seen: fib only, at most 61 of them.
        assertEquals(List.of("func[9] fib"), t.backtrace());
        var frames = java.util.regex.Pattern.compile("func\\[9\\] fib  \\(x(\\d+) recursive calls\\)").matcher(t.describe());
        assertTrue(frames.find(), t.describe());
        int depth = Integer.parseInt(frames.group(1));
        assertTrue(depth > 1 && depth <= 61, t.describe());
        assertEquals(0, MACHINE.depth);
        assertEquals(JitRuntime.JAVA_STACK_WORDS, MACHINE.jitStackLeft);
        assertEquals("i32:37 ", outcome(inst, "fib", Value.i32(10)));
        assertTrue(cm.function(cm.findFunction("fib")).isJitCompiled());
    }

    @Test
    void aModuleSetToTheInterpreterStopsEnteringCompiledCodeEvenThroughLinkedCalls() {
        String wat = "(module (import \"env\" \"compiled\" (func $compiled (result i32))) (import \"env\" \"toInterp\" (func $toInterp))"
                + "(func $leaf (result i32) (call $compiled))"
                + "(func (export \"main\") (result i32) (local i32)"
                + "  (local.set 0 (i32.mul (call $leaf) (i32.const 10))) (call $toInterp) (i32.add (local.get 0) (call $leaf))))";
        CompiledModule cm = load(wat, Tier.JIT);
        // Whether $leaf (function 2) runs as compiled code: its hidden class's code (exec) is on the Java stack.
        StackWalker walker = StackWalker.getInstance(StackWalker.Option.SHOW_HIDDEN_FRAMES);
        Imports imports = new Imports()
                .function("env", "compiled", FunctionType.of().returning(ValueType.I32),
                        f -> f.i32(0, walker.walk(s -> s.anyMatch(fr -> fr.getClassName().startsWith("dev.termcade.vm.Jit$func2/") && fr.getMethodName().equals("exec"))) ? 1 : 0))
                .function("env", "toInterp", FunctionType.of(), f -> cm.tier(Tier.INTERP));
        Instance inst = instantiate(cm, imports);
        // The first call of $leaf compiled it and linked main's site; after the switch that link is not taken.
        assertEquals(10, MACHINE.call(inst.function("main"))[0].i32());
        assertTrue(cm.function(2).isJitCompiled());
        assertEquals(0, MACHINE.call(inst.function("main"))[0].i32());
    }

    /** A started thread that interrupts {@link #MACHINE} with reason "deadline" after {@code millis}. */
    private static Thread interruptLater(long millis) {
        Thread interrupter = new Thread(() -> {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                return;
            }
            MACHINE.interrupt("deadline");
        });
        interrupter.start();
        return interrupter;
    }

    private static final String LOOP_WAT = "(module (global $g (mut i64) (i64.const 0))"
            + "(func (export \"spin\") (loop $l (global.set $g (i64.add (global.get $g) (i64.const 1))) (br $l)))"
            + "(func (export \"sum\") (param i32) (result i64) (local i64)"
            + "  (block $done (loop $l (br_if $done (i32.eqz (local.get 0)))"
            + "    (local.set 1 (i64.add (local.get 1) (i64.extend_i32_u (local.get 0))))"
            + "    (if (i32.eq (local.get 0) (i32.const -5)) (then unreachable))"
            + "    (local.set 0 (i32.sub (local.get 0) (i32.const 1))) (br $l)))"
            + "  (local.get 1)))";

    @Test
    void anotherThreadInterruptsACompiledLoop() throws Exception {
        CompiledModule cm = load(LOOP_WAT, Tier.JIT);
        Instance inst = instantiate(cm, new Imports());
        Thread interrupter = interruptLater(200);
        Trap t = assertThrows(Trap.class, () -> MACHINE.call(inst.function("spin")));
        interrupter.join();
        assertEquals(Trap.Kind.INTERRUPTED, t.kind());
        assertEquals("deadline", t.getMessage());
        assertEquals(List.of("func[0] spin"), t.backtrace());
        assertTrue(cm.function(0).isJitCompiled());
        assertEquals(5050L, MACHINE.call(inst.function("sum"), Value.i32(100))[0].i64());
    }

    @Test
    void fuelRunsOutAtTheSameInstructionInBothTiers() {
        for (long fuel : new long[] {0, 1, 5, 17, 1000, 12_345}) {
            List<String> outcomes = new ArrayList<>();
            for (Tier tier : new Tier[] {Tier.INTERP, Tier.JIT}) {
                CompiledModule cm = load(LOOP_WAT, tier);
                Instance inst = instantiate(cm, new Imports());
                Machine m = MACHINE;
                m.fuel(fuel);
                try {
                    String r = outcome(inst, "sum", Value.i32(300));
                    outcomes.add(r + " fuel left " + m.fuelLeft());
                } finally {
                    m.fuel(-1);
                }
                if (tier == Tier.JIT) assertNotNull(cm.function(1).jitMetered, "the metered variant was compiled");
            }
            assertEquals(outcomes.get(0), outcomes.get(1), "fuel " + fuel);
        }
        // Enough fuel: both finish, with the same amount left.
        List<String> finished = new ArrayList<>();
        for (Tier tier : new Tier[] {Tier.INTERP, Tier.JIT}) {
            Instance inst = instantiate(load(LOOP_WAT, tier), new Imports());
            Machine m = MACHINE;
            m.fuel(1_000_000);
            try {
                finished.add(outcome(inst, "sum", Value.i32(300)) + m.fuelLeft());
            } finally {
                m.fuel(-1);
            }
        }
        assertEquals(finished.get(0), finished.get(1));
        assertTrue(finished.get(0).startsWith("i64:" + Long.toHexString(45150) + " "), finished.get(0));
    }

    @Test
    void aLoopStartedInTheInterpreterContinuesInCompiledCode() {
        CompiledModule cm = load(LOOP_WAT, Tier.AUTO);
        Instance inst = instantiate(cm, new Imports());
        WasmFunction sum = inst.function("sum");
        assertNull(cm.function(1).compileForJit());
        Machine m = new Machine();
        long before = JitStats.osrEntries();
        // Interpreted from the start: the loop header's countdown runs out, and the rest runs compiled.
        cm.function(1).heat = 100;
        m.stack[0] = 100_000;
        Interpreter.run(m, sum, 0);
        assertEquals(5_000_050_000L, m.stack[0]);
        assertTrue(JitStats.osrEntries() > before, "no OSR entry");
        // A trap after OSR: one frame for the function, as the interpreter alone would report.
        m.stack[0] = -1;
        cm.function(1).heat = 0;
        Trap t = assertThrows(Trap.class, () -> Interpreter.run(m, sum, 0));
        assertEquals(Trap.Kind.UNREACHABLE, t.kind());
        assertEquals(List.of("func[1] sum"), t.backtrace());
    }

    @Test
    void compiledClassesAreUnloadedWithTheirModule() throws Exception {
        List<WeakReference<Class<?>>> classes = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            CompiledModule cm = load(CALLS_WAT, Tier.JIT);
            Instance inst = callsInstance(cm, new AtomicInteger());
            MACHINE.call(inst.function("fib"), Value.i32(10));
            JitCode code = Objects.requireNonNull(cm.function(cm.findFunction("fib")).jit);
            assertTrue(code.getClass().isHidden());
            classes.add(new WeakReference<>(code.getClass()));
            // Compiled code linked to other compiled code of its module (direct call sites) goes with it too.
            CompiledModule linked = load(DIRECT_WAT, Tier.JIT);
            Instance li = instantiate(linked, new Imports());
            assertEquals(219, MACHINE.call(li.function("chain"), Value.i32(5))[0].i32());
            JitCode chain = Objects.requireNonNull(linked.function(linked.findFunction("chain")).jit);
            assertTrue(chain.callees.length > 0 && chain.callees[0] instanceof JitCode);
            classes.add(new WeakReference<>(chain.getClass()));
            classes.add(new WeakReference<>(chain.callees[0].getClass()));
        }
        for (int i = 0; i < 20 && classes.stream().anyMatch(r -> r.get() != null); i++) {
            System.gc();
            Thread.sleep(50);
        }
        assertTrue(classes.stream().allMatch(r -> r.get() == null), "hidden classes still loaded after their modules were dropped");
    }

    @Test
    void tiersParseFromTheirNames() {
        assertEquals(Tier.JIT, Tier.parse("JIT"));
        assertEquals(Tier.INTERP, Tier.parse(" interp"));
        assertEquals(Tier.AUTO, Tier.parse("auto"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Tier.parse("fast"));
        assertEquals("unknown tier 'fast' (expected interp, jit or auto)", e.getMessage());
    }

    /** Found by the fuzzer: a host function that writes no result returned the slot's stale value, which differed between the tiers. */
    @Test
    void aResultTheHostDoesNotWriteReadsAsZeroInBothTiers() {
        String wat = "(module (import \"env\" \"h\" (func $h (result i32)))"
                + "(func $k (result i32) (i32.const 66))"
                + "(func (export \"seed\") (result i32) (call $k))"
                + "(func (export \"f\") (result i32) (call $h)))";
        for (Tier tier : new Tier[] {Tier.INTERP, Tier.JIT}) {
            Instance inst = instantiate(load(wat, tier), new Imports().function("env", "h", FunctionType.of().returning(ValueType.I32), frame -> { }));
            assertEquals(66, MACHINE.call(inst.function("seed"))[0].i32(), tier.toString());
            assertEquals(0, MACHINE.call(inst.function("f"))[0].i32(), tier.toString());
        }
    }
}
