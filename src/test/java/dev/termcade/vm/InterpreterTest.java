package dev.termcade.vm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class InterpreterTest {
    private final Machine machine = new Machine();
    private static final CompiledModule BASICS = CompiledModule.load(TestModules.bytes("basics"), "basics");

    private static Instance instance() {
        AtomicReference<Instance> self = new AtomicReference<>();
        Imports imports = new Imports().function("env", "callback", FunctionType.of(ValueType.I32).returning(ValueType.I32), f -> {
            int x = f.i32(0);
            // Re-enter the instance from the host: bump() changes a global and returns it.
            int bumped = self.get() == null ? 0 : f.machine().call(self.get().function("bump"))[0].i32();
            f.i32(0, x * 10 + bumped);
        });
        Instance inst = Instance.builder(BASICS).withImports(imports).build();
        self.set(inst);
        return inst;
    }

    @Test
    void computesRecursiveAndLoopingFunctions() {
        Instance inst = instance();
        assertEquals(2432902008176640000L, machine.call(inst.function("fac"), Value.i64(20))[0].i64());
        assertEquals(4950, machine.call(inst.function("sum"), Value.i32(100))[0].i32());
        assertEquals(0, machine.call(inst.function("sum"), Value.i32(-5))[0].i32());
    }

    @Test
    void returnsMultipleValues() {
        Value[] r = machine.call(instance().function("swap"), Value.i32(3), Value.i64(-9));
        assertEquals(Value.i64(-9), r[0]);
        assertEquals(Value.i32(3), r[1]);
    }

    @Test
    void trapsCarryKindAndNamedBacktrace() {
        Instance inst = instance();
        Trap t = assertThrows(Trap.class, () -> machine.call(inst.function("div"), Value.i32(1), Value.i32(0)));
        assertEquals(Trap.Kind.INTEGER_DIVIDE_BY_ZERO, t.kind());
        Trap u = assertThrows(Trap.class, () -> machine.call(inst.function("crash")));
        assertEquals(Trap.Kind.UNREACHABLE, u.kind());
        assertEquals(java.util.List.of("func[12] inner", "func[11] crash"), u.backtrace());
        assertTrue(u.describe().contains("0: func[12] inner"), u.describe());
    }

    @Test
    void deepRecursionTrapsAndTheMachineStaysUsable() {
        Instance inst = instance();
        Trap t = assertThrows(Trap.class, () -> machine.call(inst.function("rec"), Value.i32(1)));
        assertEquals(Trap.Kind.CALL_STACK_EXHAUSTED, t.kind());
        assertEquals(1, t.backtrace().size(), "recursion is folded into one line");
        assertEquals(15, machine.call(inst.function("sum"), Value.i32(6))[0].i32());
    }

    @Test
    void hostFunctionsMayReenterTheInstance() {
        Instance inst = instance();
        // callback(4) = 4 * 10 + bump() = 40 + 8; call_host adds 1.
        assertEquals(49, machine.call(inst.function("call_host"), Value.i32(4))[0].i32());
        assertEquals(8, inst.global("counter").get().i32());
    }

    @Test
    void memoryReadsDataSegmentsAndGrowsUpToItsMaximum() {
        Instance inst = instance();
        assertEquals("Hello, Termcade!", inst.memory().readString(16, 16));
        assertEquals(0x6c6c6548, machine.call(inst.function("load"), Value.i32(16))[0].i32());
        assertEquals(1, machine.call(inst.function("grow"), Value.i32(2))[0].i32());
        assertEquals(3, inst.memory().pages());
        assertEquals(-1, machine.call(inst.function("grow"), Value.i32(2))[0].i32(), "declared maximum is 4 pages");
        Trap oob = assertThrows(Trap.class, () -> machine.call(inst.function("load"), Value.i32(3 * 65536 - 2)));
        assertEquals(Trap.Kind.MEMORY_OUT_OF_BOUNDS, oob.kind());
        assertThrows(Trap.class, () -> machine.call(inst.function("load"), Value.i32(-1)));
    }

    @Test
    void hostCapOnMemoryMakesGrowFailInsteadOfExhaustingTheHeap() {
        Instance inst = Instance.builder(BASICS).withImports(new Imports().function("env", "callback", FunctionType.of(ValueType.I32).returning(ValueType.I32), f -> { })).withLimits(new ResourceLimits(2, 100)).build();
        assertEquals(1, machine.call(inst.function("grow"), Value.i32(1))[0].i32());
        assertEquals(-1, machine.call(inst.function("grow"), Value.i32(1))[0].i32());
    }

    @Test
    void anInterruptStopsARunawayLoop() throws Exception {
        Instance inst = instance();
        Machine m = machine;
        Thread stopper = new Thread(() -> {
            try {
                Thread.sleep(100);
            } catch (InterruptedException ignored) {
                return;
            }
            m.interrupt("stop!");
        });
        stopper.start();
        Trap t = assertThrows(Trap.class, () -> machine.call(inst.function("spin")));
        stopper.join();
        assertEquals(Trap.Kind.INTERRUPTED, t.kind());
        assertEquals("stop!", t.getMessage());
        assertEquals(10, machine.call(inst.function("sum"), Value.i32(5))[0].i32());
    }

    @Test
    void instancesOfOneModuleShareCodeButNotState() {
        Instance a = instance();
        Instance b = instance();
        machine.call(a.function("bump"));
        machine.call(a.function("bump"));
        assertEquals(9, a.global("counter").get().i32());
        assertEquals(7, b.global("counter").get().i32());
        assertNotSame(a.memory(), b.memory());
        assertArrayEquals(a.module().function(2).code, b.module().function(2).code);
    }

    @Test
    void hostExceptionsBecomeTraps() {
        Instance inst = Instance.builder(BASICS).withImports(new Imports().function("env", "callback", FunctionType.of(ValueType.I32).returning(ValueType.I32), f -> {
            throw new IllegalStateException("draw failed");
        })).build();
        Trap t = assertThrows(Trap.class, () -> machine.call(inst.function("call_host"), Value.i32(1)));
        assertEquals(Trap.Kind.HOST_ERROR, t.kind());
        assertTrue(t.getMessage().contains("env.callback") && t.getMessage().contains("draw failed"), t.getMessage());
        assertEquals("func[8] call_host", t.backtrace().get(0));
    }

    @Test
    void missingImportIsALinkErrorNamingIt() {
        LinkException e = assertThrows(LinkException.class, () -> Instance.builder(BASICS).build());
        assertTrue(e.getMessage().contains("env.callback"), e.getMessage());
    }
}
