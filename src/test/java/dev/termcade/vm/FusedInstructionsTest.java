package dev.termcade.vm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.termcade.wasm.text.Wat;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Superinstructions chosen from the measured instruction pairs ({@code bench --pairs}): the translator must emit
 * them for the pattern they replace, and both tiers must compute what the unfused wasm means (checked against the
 * same computation written in Java, so two tiers agreeing on a wrong answer still fail).
 */
class FusedInstructionsTest {
    private static final Machine MACHINE = new Machine();

    /** FNV-1a over the first {@code n} bytes of memory, which {@code fill} sets to {@code i * 37 + 11}. */
    private static final String FNV_WAT = "(module (memory 1)"
            + "(func (export \"fill\") (param $n i32) (local $i i32)"
            + "  (block $done (loop $next"
            + "    (br_if $done (i32.ge_u (local.get $i) (local.get $n)))"
            + "    (i32.store8 (local.get $i) (i32.add (i32.mul (local.get $i) (i32.const 37)) (i32.const 11)))"
            + "    (local.set $i (i32.add (local.get $i) (i32.const 1)))"
            + "    (br $next))))"
            + "(func (export \"fnv\") (param $n i32) (param $h i64) (result i64) (local $i i32)"
            + "  (block $done (loop $next"
            + "    (br_if $done (i32.ge_u (local.get $i) (local.get $n)))"
            + "    (local.set $h (i64.mul (i64.xor (local.get $h) (i64.load8_u (local.get $i))) (i64.const 0x100000001b3)))"
            + "    (local.set $i (i32.add (local.get $i) (i32.const 1)))"
            + "    (br $next)))"
            + "  (local.get $h))"
            + "(func (export \"xm\") (param i64 i64) (result i64)"
            + "  (i64.mul (i64.xor (local.get 0) (local.get 1)) (i64.const -7723592293110705685))))";

    private static CompiledModule load(String wat, Tier tier) {
        return CompiledModule.load(Wat.toBinary(wat.getBytes(StandardCharsets.UTF_8)), "test").tier(tier);
    }

    @Test
    void xorThenMultiplyByAConstantIsOneInstruction() {
        // Locals r0..r1, r2 the zero slot, r3 the first value-stack slot.
        assertEquals(String.join("\n",
                "func[2] xm (i64 i64) -> (i64)  ; locals r0..r1, r2 = 0, frame 6 slots",
                "    0: i64_xor_mul_l    r3, r0, r1, -7723592293110705685 (0x94d049bb133111eb)",
                "    6: return_1         r3",
                ""), load(FNV_WAT, Tier.INTERP).disassemble(2));
        String loop = load(FNV_WAT, Tier.INTERP).disassemble(1);
        assertTrue(loop.contains("i64_xor_mul_l    r1, r1, ") && !loop.contains("i64_xor ") && !loop.contains("i64_mul_l"), loop);
    }

    @Test
    void xorMultiplyComputesTheSameOnBothTiers() {
        long fnv = 0xcbf29ce484222325L;
        for (int i = 0; i < 1000; i++) fnv = (fnv ^ ((i * 37 + 11) & 0xFF)) * 0x100000001b3L;
        long[] edges = {0, 1, -1, Long.MIN_VALUE, Long.MAX_VALUE, 0x123456789ABCDEF0L};
        for (Tier tier : new Tier[] {Tier.INTERP, Tier.JIT}) {
            CompiledModule cm = load(FNV_WAT, tier);
            Instance inst = Instance.builder(cm).withMachine(MACHINE).build();
            MACHINE.call(inst.function("fill"), Value.i32(1000));
            assertEquals(fnv, MACHINE.call(inst.function("fnv"), Value.i32(1000), Value.i64(0xcbf29ce484222325L))[0].i64(), tier.label());
            for (long a : edges) {
                for (long b : edges) {
                    assertEquals((a ^ b) * -7723592293110705685L, MACHINE.call(inst.function("xm"), Value.i64(a), Value.i64(b))[0].i64(), tier + " " + a + " " + b);
                }
            }
            if (tier == Tier.JIT) for (int f = 0; f < 3; f++) assertTrue(cm.function(f).isJitCompiled(), "func " + f + " compiled");
        }
    }

    private static final String ZERO_WAT = "(module (memory 1)"
            + "(func (export \"clear\") (param i32) (i64.store (local.get 0) (i64.const 0)))"
            + "(func (export \"nonzero\") (param i64) (result i32) (i64.ne (local.get 0) (i64.const 0)))"
            + "(func (export \"peek\") (param i32) (result i64) (i64.load (local.get 0))))";

    @Test
    void zeroConstantsAreReadFromTheZeroSlot() {
        CompiledModule cm = load(ZERO_WAT, Tier.INTERP);
        // r1 is the zero slot of a function with one local: no const32 instruction writes the 0 first.
        assertEquals(String.join("\n",
                "func[0] clear (i32) -> ()  ; locals r0..r0, r1 = 0, frame 5 slots",
                "    0: store64          r0, r1, offset=0",
                "    4: return",
                ""), cm.disassemble(0));
        assertEquals(String.join("\n",
                "func[1] nonzero (i64) -> (i32)  ; locals r0..r0, r1 = 0, frame 5 slots",
                "    0: i64_ne           r2, r0, r1",
                "    4: return_1         r2",
                ""), cm.disassemble(1));
        for (Tier tier : new Tier[] {Tier.INTERP, Tier.JIT}) {
            Instance inst = Instance.builder(load(ZERO_WAT, tier)).withMachine(MACHINE).build();
            inst.memory().bytes[16] = 5;
            inst.memory().bytes[23] = -1;
            MACHINE.call(inst.function("clear"), Value.i32(16));
            assertEquals(0, MACHINE.call(inst.function("peek"), Value.i32(16))[0].i64(), tier.label());
            assertEquals(0, MACHINE.call(inst.function("nonzero"), Value.i64(0))[0].i32(), tier.label());
            assertEquals(1, MACHINE.call(inst.function("nonzero"), Value.i64(Long.MIN_VALUE))[0].i32(), tier.label());
        }
    }

    private static final String[] I64_COMPARES = {"eq", "ne", "lt_s", "lt_u", "gt_s", "gt_u", "le_s", "le_u", "ge_s", "ge_u"};

    /** What i64 compare {@code name} says of a and b, computed in Java. */
    private static boolean i64Compare(String name, long a, long b) {
        int c = name.endsWith("_u") ? Long.compareUnsigned(a, b) : Long.compare(a, b);
        switch (name.substring(0, 2)) {
            case "eq": return c == 0;
            case "ne": return c != 0;
            case "lt": return c < 0;
            case "gt": return c > 0;
            case "le": return c <= 0;
            default: return c >= 0;
        }
    }

    @Test
    void i64ComparesFeedingABranchBecomeOneInstructionAndBranchTheSameOnBothTiers() {
        StringBuilder wat = new StringBuilder("(module");
        for (String c : I64_COMPARES) {
            // br_if jumps when the compare holds (the compare itself); if runs its then-arm when it holds (the negation).
            wat.append("(func (export \"br_").append(c).append("\") (param i64 i64) (result i32)")
                    .append(" (block $yes (br_if $yes (i64.").append(c).append(" (local.get 0) (local.get 1))) (return (i32.const 0))) (i32.const 1))")
                    .append("(func (export \"if_").append(c).append("\") (param i64 i64) (result i32)")
                    .append(" (if (result i32) (i64.").append(c).append(" (local.get 0) (local.get 1)) (then (i32.const 1)) (else (i32.const 0))))");
        }
        wat.append(")");
        CompiledModule interp = load(wat.toString(), Tier.INTERP);
        // Functions alternate br_X, if_X: br_if jumps on the compare, if jumps past its then-arm on the negation.
        assertTrue(interp.disassemble(0).contains("br_i64_eq        r0, r1, @"), interp.disassemble(0));
        assertTrue(interp.disassemble(1).contains("br_i64_ne        r0, r1, @"), interp.disassemble(1));
        assertTrue(interp.disassemble(7).contains("br_i64_ge_u      r0, r1, @"), interp.disassemble(7));
        long[] edges = {0, 1, -1, 7, -7, Long.MIN_VALUE, Long.MAX_VALUE, 0xFFFFFFFFL, 0x123456789ABCDEF0L};
        for (Tier tier : new Tier[] {Tier.INTERP, Tier.JIT}) {
            Instance inst = Instance.builder(load(wat.toString(), tier)).withMachine(MACHINE).build();
            for (String c : I64_COMPARES) {
                for (long a : edges) {
                    for (long b : edges) {
                        int expected = i64Compare(c, a, b) ? 1 : 0;
                        assertEquals(expected, MACHINE.call(inst.function("br_" + c), Value.i64(a), Value.i64(b))[0].i32(), tier + " br_if " + c + " " + a + " " + b);
                        assertEquals(expected, MACHINE.call(inst.function("if_" + c), Value.i64(a), Value.i64(b))[0].i32(), tier + " if " + c + " " + a + " " + b);
                    }
                }
            }
        }
    }

    private static final String CALL_WAT = "(module"
            + "(func $sub (param i32 i32) (result i32) (i32.sub (local.get 0) (local.get 1)))"
            + "(func (export \"rsub\") (param i32 i32) (result i32) (call $sub (local.get 1) (local.get 0))))";

    @Test
    void twoArgumentMovesInARowAreOneInstructionKeepingTheirOrder() {
        // Locals r0..r1, r2 the zero slot, r3 and r4 the callee's arguments.
        assertEquals(String.join("\n",
                "func[1] rsub (i32 i32) -> (i32)  ; locals r0..r1, r2 = 0, frame 6 slots",
                "    0: mov2             r3, r1, r4, r0",
                "    5: call             func[0], r3",
                "    8: return_1         r3",
                ""), load(CALL_WAT, Tier.INTERP).disassemble(1));
        for (Tier tier : new Tier[] {Tier.INTERP, Tier.JIT}) {
            Instance inst = Instance.builder(load(CALL_WAT, tier)).withMachine(MACHINE).build();
            assertEquals(-7, MACHINE.call(inst.function("rsub"), Value.i32(10), Value.i32(3))[0].i32(), tier.label());
            assertEquals(Integer.MIN_VALUE, MACHINE.call(inst.function("rsub"), Value.i32(1), Value.i32(Integer.MIN_VALUE + 1))[0].i32(), tier.label());
        }
    }

    /**
     * Loops whose constants have no immediate form: {@code mark} stores 1 at every step-th byte below 4096 (an i64
     * counter compared with a constant, as the sieve does); {@code mix} recurses inside its loop (the callee's frame
     * starts above the caller's constant slots), with i64 and f32 constants that need a slot each.
     */
    private static final String CONSTANTS_WAT = "(module (memory 1)"
            + "(func (export \"mark\") (param $at i64) (param $step i64) (result i32) (local $n i32)"
            + "  (block $done (loop $next"
            + "    (br_if $done (i64.ge_u (local.get $at) (i64.const 4096)))"
            + "    (i32.store8 (i32.wrap_i64 (local.get $at)) (i32.const 1))"
            + "    (local.set $at (i64.add (local.get $at) (local.get $step)))"
            + "    (local.set $n (i32.add (local.get $n) (i32.const 1)))"
            + "    (br $next)))"
            + "  (local.get $n))"
            + "(func $mix (export \"mix\") (param $d i32) (result i64) (local $i i32) (local $acc i64)"
            + "  (loop $again"
            + "    (if (i32.gt_s (local.get $d) (i32.const 0))"
            + "      (then (local.set $acc (i64.add (local.get $acc) (call $mix (i32.sub (local.get $d) (i32.const 1)))))))"
            + "    (local.set $acc (i64.rem_u (i64.add (local.get $acc) (i64.const 0x100000001)) (i64.const 1000000007)))"
            + "    (local.set $i (i32.add (local.get $i) (i32.const 1)))"
            + "    (br_if $again (i32.lt_u (local.get $i) (i32.const 3))))"
            + "  (local.get $acc))"
            + "(func (export \"scale\") (param $x f32) (param $n i32) (result f32)"
            + "  (loop $again"
            + "    (local.set $x (f32.mul (local.get $x) (f32.const -1.5)))"
            + "    (br_if $again (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))"
            + "  (local.get $x)))";

    /** {@code mix} written in Java. */
    private static long mix(int d) {
        long acc = 0;
        for (int i = 0; i < 3; i++) {
            if (d > 0) acc += mix(d - 1);
            acc = Long.remainderUnsigned(acc + 0x100000001L, 1000000007L);
        }
        return acc;
    }

    /**
     * Found by the differential check against V8 (binaryen seed 39): a function with constant slots returning several
     * values wrote result 2 into a value-stack slot, because the return's result slots were renumbered with the stack.
     */
    @Test
    void severalResultsReturnToTheirSlotsWhenConstantSlotsMoveTheStack() {
        String wat = "(module (func (export \"three\") (param $x i64) (result i32 i64 i64)"
                + "  (loop $l"
                + "    (local.set $x (i64.add (local.get $x) (i64.const 1)))"
                + "    (br_if $l (i64.lt_u (local.get $x) (i64.const 100))))"
                + "  (i32.const -122) (i64.const -5065) (local.get $x)))";
        assertTrue(load(wat, Tier.INTERP).disassemble(0).contains("r2 = 100,"), load(wat, Tier.INTERP).disassemble(0));
        for (Tier tier : new Tier[] {Tier.INTERP, Tier.JIT}) {
            Instance inst = Instance.builder(load(wat, tier)).withMachine(MACHINE).build();
            for (long x : new long[] {0, 99, 500}) {
                Value[] r = MACHINE.call(inst.function("three"), Value.i64(x));
                assertEquals(-122, r[0].i32(), tier.label());
                assertEquals(-5065, r[1].i64(), tier.label());
                assertEquals(Math.max(x + 1, 100), r[2].i64(), tier.label() + " x=" + x);
            }
        }
    }

    @Test
    void constantsInLoopsAreReadFromSlotsWrittenOncePerCall() {
        CompiledModule cm = load(CONSTANTS_WAT, Tier.INTERP);
        String mark = cm.disassemble(0);
        // Locals r0..r2, r3 the zero slot, then the constant slots r4 = 4096 and r5 = 1: no const32 in the loop.
        assertTrue(mark.startsWith("func[0] mark (i64 i64) -> (i32)  ; locals r0..r2, r3 = 0, r4 = 4096, r5 = 1, frame "), mark);
        assertTrue(mark.contains("br_i64_ge_u      r0, r4, @") && mark.contains("store8           r0, r5, offset=0") && !mark.contains("const"), mark);
        assertTrue(cm.disassemble(1).contains("r4 = 4294967297, r5 = 1000000007,"), cm.disassemble(1));
        for (Tier tier : new Tier[] {Tier.INTERP, Tier.JIT}) {
            for (boolean metered : new boolean[] {false, true}) {
                String what = tier.label() + (metered ? " metered" : "");
                Instance inst = Instance.builder(load(CONSTANTS_WAT, tier)).withMachine(MACHINE).build();
                MACHINE.countInstructions(metered);
                try {
                    assertEquals((4096 - 3 + 6) / 7, MACHINE.call(inst.function("mark"), Value.i64(3), Value.i64(7))[0].i32(), what);
                    for (int a = 0; a < 4200; a++) assertEquals(a < 4096 && a % 7 == 3 ? 1 : 0, inst.memory().bytes[a], what + " byte " + a);
                    assertEquals(0, MACHINE.call(inst.function("mark"), Value.i64(-1), Value.i64(1))[0].i32(), what + " from 2^64-1");
                    for (int d = 0; d < 6; d++) assertEquals(mix(d), MACHINE.call(inst.function("mix"), Value.i32(d))[0].i64(), what + " mix " + d);
                    assertEquals(-3.375f, MACHINE.call(inst.function("scale"), Value.f32(1), Value.i32(3))[0].f32(), what);
                    assertEquals(Float.NEGATIVE_INFINITY, MACHINE.call(inst.function("scale"), Value.f32(Float.MAX_VALUE), Value.i32(1))[0].f32(), what);
                } finally {
                    MACHINE.countInstructions(false);
                }
            }
        }
    }

    /** While loops: the test at the top, the branch back at the bottom ({@code spin} ends only when x is 1). */
    private static final String WHILE_WAT = "(module"
            + "(func (export \"sum\") (param $n i32) (result i32) (local $i i32) (local $s i32)"
            + "  (block $done (loop $next"
            + "    (br_if $done (i32.ge_s (local.get $i) (local.get $n)))"
            + "    (local.set $s (i32.add (local.get $s) (local.get $i)))"
            + "    (local.set $i (i32.add (local.get $i) (i32.const 1)))"
            + "    (br $next)))"
            + "  (local.get $s))"
            + "(func (export \"spin\") (param $x i32) (result i32)"
            + "  (block $done (loop $next (br_if $done (i32.eq (local.get $x) (i32.const 1))) (br $next)))"
            + "  (local.get $x))"
            // A header of three instructions ending in a conditional branch: strlen.
            + "(memory 1) (data (i32.const 16) \"hello\\00\\01\\01\\00\\01\\02\\00\\01\\03\")"
            + "(func (export \"strlen\") (param $p i32) (result i32) (local $n i32)"
            + "  (block $done (loop $next"
            + "    (br_if $done (i32.eqz (i32.load8_u (i32.add (local.get $p) (local.get $n)))))"
            + "    (local.set $n (i32.add (local.get $n) (i32.const 1)))"
            + "    (br $next)))"
            + "  (local.get $n))"
            // An interpreter: fetch and br_table dispatch at the top, each opcode's case branching back (0 doubles,
            // 1 adds one, 2 subtracts one, anything else halts), after code that must not run again.
            + "(func (export \"run\") (param $pc i32) (result i32) (local $acc i32)"
            + "  (local.set $acc (i32.const 100))"
            + "  (loop $fetch"
            + "    (block $halt (block $dec (block $inc (block $dbl"
            + "      (br_table $dbl $inc $dec $halt (i32.load8_u (local.get $pc))))"
            + "      (local.set $acc (i32.shl (local.get $acc) (i32.const 1)))"
            + "      (local.set $pc (i32.add (local.get $pc) (i32.const 1)))"
            + "      (br $fetch))"
            + "      (local.set $acc (i32.add (local.get $acc) (i32.const 1)))"
            + "      (local.set $pc (i32.add (local.get $pc) (i32.const 1)))"
            + "      (br $fetch))"
            + "      (local.set $acc (i32.sub (local.get $acc) (i32.const 1)))"
            + "      (local.set $pc (i32.add (local.get $pc) (i32.const 1)))"
            + "      (br $fetch)))"
            + "  (local.get $acc)))";

    /** The bytecode interpreter {@code run} written in Java, over the module's memory. */
    private static int runProgram(byte[] memory, int pc) {
        int acc = 100;
        for (;; pc++) {
            switch (memory[pc]) {
                case 0: acc <<= 1; break;
                case 1: acc++; break;
                case 2: acc--; break;
                default: return acc;
            }
        }
    }

    @Test
    void aBranchBackToALoopRunsTheLoopsHeaderInPlace() {
        CompiledModule cm = load(WHILE_WAT, Tier.INTERP);
        // One taken branch an iteration instead of br @0 and the test there (sum: TranslatorTest); spin's body is
        // empty, so the negated test branches to itself.
        assertEquals(String.join("\n",
                "func[1] spin (i32) -> (i32)  ; locals r0..r0, r1 = 0, frame 5 slots",
                "    0: br_i32_eq_i      r0, 1, @10",
                "    4: br_i32_ne_i      r0, 1, @4",
                "    8: br               @10",
                "   10: return_1         r0",
                "   12: return            ; after OSR",
                ""), cm.disassemble(1));
        // strlen's three-instruction test is run again where the loop goes back; run's fetch and br_table dispatch
        // is not (every case would become an entry of every other: loops HotSpot compiles poorly in the JIT tier).
        String strlen = cm.disassemble(2), run = cm.disassemble(3);
        assertEquals(2, strlen.split("i32_load8_u").length - 1, strlen);
        assertTrue(strlen.contains("br_ifnot") && strlen.contains("br_if ") && !strlen.contains("br               @0"), strlen);
        assertEquals(1, run.split("br_table").length - 1, run);
        assertEquals(3, run.split("br               @").length - 1, run);
        for (Tier tier : new Tier[] {Tier.INTERP, Tier.JIT}) {
            Instance inst = Instance.builder(load(WHILE_WAT, tier)).withMachine(MACHINE).build();
            for (int n : new int[] {Integer.MIN_VALUE, -5, 0, 1, 2, 10, 1000}) {
                int expected = 0;
                for (int i = 0; i < n; i++) expected += i;
                assertEquals(expected, MACHINE.call(inst.function("sum"), Value.i32(n))[0].i32(), tier.label() + " sum " + n);
            }
            assertEquals(1, MACHINE.call(inst.function("spin"), Value.i32(1))[0].i32(), tier.label());
            byte[] memory = inst.memory().bytes;
            for (int p = 0; p < 30; p++) {
                int length = 0;
                while (memory[p + length] != 0) length++;
                assertEquals(length, MACHINE.call(inst.function("strlen"), Value.i32(p))[0].i32(), tier.label() + " strlen at " + p);
                assertEquals(runProgram(memory, p), MACHINE.call(inst.function("run"), Value.i32(p))[0].i32(), tier.label() + " run at " + p);
            }
            // The rotated loop branches back to itself: that branch still polls for interrupts.
            Watchdog.Timer timer = Watchdog.timer(MACHINE, "stopped: ");
            try {
                Trap t = assertThrows(Trap.class, () -> timer.within("spin", 50, () -> MACHINE.call(inst.function("spin"), Value.i32(2))));
                assertEquals(Trap.Kind.INTERRUPTED, t.kind(), tier.label());
            } finally {
                timer.close();
                MACHINE.clearInterrupt();
            }
        }
    }
}
