package dev.termcade.vm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The embedding API's promises: typed externs and values, explicit machines, memory without its array. */
class EmbeddingApiTest {
    private static final CompiledModule HELLO = CompiledModule.load(Path.of("src/test/resources/embedding/hello.wat"));
    private final Machine machine = new Machine();

    private static Instance hello(HostFunction log) {
        return Instance.builder(HELLO).withImports(new Imports().function("env", "log", FunctionType.of(ValueType.I32, ValueType.I32), log)).build();
    }

    @Test
    void aMachineRunsOneCallAtATime() throws Exception {
        CountDownLatch inHost = new CountDownLatch(1), release = new CountDownLatch(1);
        Instance inst = hello(f -> {
            inHost.countDown();
            release.await();
        });
        ExecutorService other = Executors.newSingleThreadExecutor();
        try {
            Future<?> greeting = other.submit(() -> machine.call(inst.function("greet")));
            assertTrue(inHost.await(10, TimeUnit.SECONDS));
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> machine.callRaw(inst.function("fib"), 5));
            assertTrue(e.getMessage().contains("running a call on thread") && e.getMessage().contains("its own Machine"), e.getMessage());
            release.countDown();
            greeting.get(10, TimeUnit.SECONDS);
            assertEquals(5, machine.callRaw(inst.function("fib"), 5), "free again once the other thread's call returned");
        } finally {
            release.countDown();
            other.shutdownNow();
        }
    }

    @Test
    void aHostFunctionCallsBackOnItsOwnMachine() {
        Instance[] self = new Instance[1];
        long[] fibFromHost = new long[1];
        self[0] = hello(f -> fibFromHost[0] = f.machine().callRaw(self[0].function("fib"), 10));
        machine.call(self[0].function("greet"));
        assertEquals(55, fibFromHost[0]);
        assertEquals(3, machine.callRaw(self[0].function("fib"), 4), "the outer call released the machine");
    }

    @Test
    void exportsAreTypedExterns() {
        Instance inst = hello(f -> { });
        assertTrue(inst.export("memory") instanceof Memory);
        assertTrue(inst.export("table") instanceof Table);
        assertTrue(inst.export("calls") instanceof GlobalVar);
        assertTrue(inst.export("add") instanceof WasmFunction);
        assertEquals(null, inst.export("nothing"));
        FunctionType add = inst.function("add").type();
        assertEquals(List.of(ValueType.I32, ValueType.I32), add.params());
        assertEquals(List.of(ValueType.I32), add.results());
        assertEquals(FunctionType.of(ValueType.I32, ValueType.I32).returning(ValueType.I32), add);
        assertEquals(ValueType.FUNCREF, ((Table) inst.export("table")).elemType());
        GlobalVar calls = inst.global("calls");
        assertEquals(ValueType.I32, calls.valueType());
        assertTrue(calls.isMutable());
    }

    @Test
    void callsAreCheckedAgainstTheSignature() {
        Instance inst = hello(f -> { });
        IllegalArgumentException wrongType = assertThrows(IllegalArgumentException.class,
                () -> machine.call(inst.function("add"), Value.i32(1), Value.i64(2)));
        assertEquals("argument 2 of add must be i32, got i64: 2", wrongType.getMessage());
        assertThrows(IllegalArgumentException.class, () -> machine.callRaw(inst.function("add"), 1));
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class, () -> machine.call(inst.function("nothing")));
        assertTrue(missing.getMessage().contains("no function"), missing.getMessage());
    }

    @Test
    void hostGlobalsLinkByTypeAndMutability() {
        CompiledModule wantsConst = CompiledModule.load(dev.termcade.wasm.text.Wat.toBinary("(module (import \"env\" \"g\" (global i32)))".getBytes()), "g");
        LinkException e = assertThrows(LinkException.class, () -> Instance.builder(wantsConst)
                .withImports(new Imports().add("env", "g", new GlobalVar(Value.i32(1), true))).build());
        assertTrue(e.getMessage().contains("expects global i32, host provides mut i32"), e.getMessage());
        Instance.builder(wantsConst).withImports(new Imports().add("env", "g", new GlobalVar(Value.i32(1), false))).build();
    }

    @Test
    void aFallbackSeesWhatTheModuleAsksForAndMayStandIn() {
        List<String> asked = new ArrayList<>(), calls = new ArrayList<>();
        Instance inst = Instance.builder(HELLO).withImports(new Imports().fallback(imp -> {
            asked.add(imp + " " + imp.functionType().params());
            return imp.standIn(calls::add);
        })).build();
        machine.call(inst.function("greet"));
        assertEquals(List.of("env.log (function (i32 i32) -> ()) [i32, i32]"), asked);
        assertEquals(List.of("env.log(256, 5)"), calls, "the stand-in reports its call");
    }

    @Test
    void referencesHoldWhatTheirTypeAllows() {
        assertThrows(IllegalArgumentException.class, () -> Value.ref(ValueType.FUNCREF, "not a function"));
        assertThrows(IllegalArgumentException.class, () -> Value.ref(ValueType.I32, null));
        assertEquals("x", Value.ref(ValueType.EXTERNREF, "x").ref());
        Table functions = new Table(ValueType.FUNCREF, 1, -1);
        assertThrows(IllegalArgumentException.class, () -> functions.set(0, "not a function"));
        assertThrows(IllegalArgumentException.class, () -> new Table(ValueType.F64, 1, -1));
    }

    @Test
    void memoryIsCopiedInAndOutWithBoundsChecks() {
        Memory m = new Memory(1, 1);
        m.write(65530, new byte[]{9, 1, 2, 3, 9}, 1, 3);
        byte[] out = new byte[5];
        m.read(65529, out, 1, 4);
        assertArrayEquals(new byte[]{0, 0, 1, 2, 3}, out);
        Trap t = assertThrows(Trap.class, () -> m.write(65534, new byte[]{7, 7, 7}, 0, 3));
        assertEquals(Trap.Kind.MEMORY_OUT_OF_BOUNDS, t.kind());
        assertEquals(0, m.readByte(65534), "a write that does not fit writes nothing");
        m.fill(10, 3, (byte) 0x7F);
        assertEquals(0x7F7F7F00, m.readInt(9));
        assertThrows(Trap.class, () -> m.fill(65535, 2, (byte) 1));
    }

    @Test
    void theRawCallPathAllocatesNothing() {
        Instance inst = hello(f -> { });
        WasmFunction fib = inst.function("fib");
        byte[] buffer = new byte[5];
        for (int i = 0; i < 20_000; i++) machine.callRaw(fib, 10); // compiled before measuring
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().getId();
        long before = threads.getThreadAllocatedBytes(id);
        long total = 0;
        for (int i = 0; i < 10_000; i++) {
            total += machine.callRaw(fib, 10);
            inst.memory().read(256, buffer, 0, buffer.length);
        }
        long allocated = threads.getThreadAllocatedBytes(id) - before;
        assertEquals(10_000L * 55, total);
        // A single Value or long[] per call would be 160 KB over these calls.
        assertTrue(allocated < 4096, "allocated " + allocated + " bytes in 10,000 calls");
    }
}
