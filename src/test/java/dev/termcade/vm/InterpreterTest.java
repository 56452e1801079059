package dev.termcade.vm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.termcade.wasm.FuncType;
import dev.termcade.wasm.ValType;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class InterpreterTest {
    private static final CompiledModule BASICS = CompiledModule.load(TestModules.bytes("basics"), "basics");

    private static Instance instance() {
        AtomicReference<Instance> self = new AtomicReference<>();
        Imports imports = new Imports().function("env", "callback", FuncType.of(ValType.I32).returning(ValType.I32), f -> {
            int x = f.i32(0);
            // Re-enter the instance from the host: bump() changes a global and returns it.
            int bumped = self.get() == null ? 0 : self.get().invoke("bump")[0].i32();
            f.i32(0, x * 10 + bumped);
        });
        Instance inst = BASICS.instantiate(imports);
        self.set(inst);
        return inst;
    }

    @Test
    void computesRecursiveAndLoopingFunctions() {
        Instance inst = instance();
        assertEquals(2432902008176640000L, inst.invoke("fac", Value.i64(20))[0].i64());
        assertEquals(4950, inst.invoke("sum", Value.i32(100))[0].i32());
        assertEquals(0, inst.invoke("sum", Value.i32(-5))[0].i32());
    }

    @Test
    void returnsMultipleValues() {
        Value[] r = instance().invoke("swap", Value.i32(3), Value.i64(-9));
        assertEquals(Value.i64(-9), r[0]);
        assertEquals(Value.i32(3), r[1]);
    }

    @Test
    void trapsCarryKindAndNamedBacktrace() {
        Instance inst = instance();
        Trap t = assertThrows(Trap.class, () -> inst.invoke("div", Value.i32(1), Value.i32(0)));
        assertEquals(Trap.Kind.INTEGER_DIVIDE_BY_ZERO, t.kind());
        Trap u = assertThrows(Trap.class, () -> inst.invoke("crash"));
        assertEquals(Trap.Kind.UNREACHABLE, u.kind());
        assertEquals(java.util.List.of("func[12] inner", "func[11] crash"), u.backtrace());
        assertTrue(u.describe().contains("0: func[12] inner"), u.describe());
    }

    @Test
    void deepRecursionTrapsAndTheMachineStaysUsable() {
        Instance inst = instance();
        Trap t = assertThrows(Trap.class, () -> inst.invoke("rec", Value.i32(1)));
        assertEquals(Trap.Kind.CALL_STACK_EXHAUSTED, t.kind());
        assertEquals(1, t.backtrace().size(), "recursion is folded into one line");
        assertEquals(15, inst.invoke("sum", Value.i32(6))[0].i32());
    }

    @Test
    void hostFunctionsMayReenterTheInstance() {
        Instance inst = instance();
        // callback(4) = 4 * 10 + bump() = 40 + 8; call_host adds 1.
        assertEquals(49, inst.invoke("call_host", Value.i32(4))[0].i32());
        assertEquals(8, inst.global("counter").get().i32());
    }

    @Test
    void memoryReadsDataSegmentsAndGrowsUpToItsMaximum() {
        Instance inst = instance();
        assertEquals("Hello, Termcade!", inst.memory().readString(16, 16));
        assertEquals(0x6c6c6548, inst.invoke("load", Value.i32(16))[0].i32());
        assertEquals(1, inst.invoke("grow", Value.i32(2))[0].i32());
        assertEquals(3, inst.memory().pages());
        assertEquals(-1, inst.invoke("grow", Value.i32(2))[0].i32(), "declared maximum is 4 pages");
        Trap oob = assertThrows(Trap.class, () -> inst.invoke("load", Value.i32(3 * 65536 - 2)));
        assertEquals(Trap.Kind.MEMORY_OUT_OF_BOUNDS, oob.kind());
        assertThrows(Trap.class, () -> inst.invoke("load", Value.i32(-1)));
    }

    @Test
    void hostCapOnMemoryMakesGrowFailInsteadOfExhaustingTheHeap() {
        Instance inst = BASICS.instantiate(new Imports().function("env", "callback", FuncType.of(ValType.I32).returning(ValType.I32), f -> { }),
                new ResourceLimits(2, 100));
        assertEquals(1, inst.invoke("grow", Value.i32(1))[0].i32());
        assertEquals(-1, inst.invoke("grow", Value.i32(1))[0].i32());
    }

    @Test
    void anInterruptStopsARunawayLoop() throws Exception {
        Instance inst = instance();
        Machine m = Machine.current();
        Thread stopper = new Thread(() -> {
            try {
                Thread.sleep(100);
            } catch (InterruptedException ignored) {
                return;
            }
            m.interrupt("stop!");
        });
        stopper.start();
        Trap t = assertThrows(Trap.class, () -> inst.invoke("spin"));
        stopper.join();
        assertEquals(Trap.Kind.INTERRUPTED, t.kind());
        assertEquals("stop!", t.getMessage());
        assertEquals(10, inst.invoke("sum", Value.i32(5))[0].i32());
    }

    @Test
    void instancesOfOneModuleShareCodeButNotState() {
        Instance a = instance();
        Instance b = instance();
        a.invoke("bump");
        a.invoke("bump");
        assertEquals(9, a.global("counter").get().i32());
        assertEquals(7, b.global("counter").get().i32());
        assertNotSame(a.memory(), b.memory());
        assertArrayEquals(a.module().function(2).code, b.module().function(2).code);
    }

    @Test
    void hostExceptionsBecomeTraps() {
        Instance inst = BASICS.instantiate(new Imports().function("env", "callback", FuncType.of(ValType.I32).returning(ValType.I32), f -> {
            throw new IllegalStateException("draw failed");
        }));
        Trap t = assertThrows(Trap.class, () -> inst.invoke("call_host", Value.i32(1)));
        assertEquals(Trap.Kind.HOST_ERROR, t.kind());
        assertTrue(t.getMessage().contains("env.callback") && t.getMessage().contains("draw failed"), t.getMessage());
        assertEquals("func[8] call_host", t.backtrace().get(0));
    }

    @Test
    void missingImportIsALinkErrorNamingIt() {
        LinkException e = assertThrows(LinkException.class, () -> BASICS.instantiate(new Imports()));
        assertTrue(e.getMessage().contains("env.callback"), e.getMessage());
    }
}
