package dev.termcade.vm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Deadlines over everything that runs wasm: instantiation with a start section as much as an export call. */
class WatchdogTest {
    private final Machine machine = new Machine();
    private static final byte[] NONE = {};
    private static final byte[] LOOP = WasmBuilder.code(0x03, 0x40, 0x0C, 0x00, 0x0B);

    @Test
    void aStartSectionThatLoopsEndsAtTheDeadline() {
        WasmBuilder b = new WasmBuilder();
        b.start(b.func(NONE, NONE, LOOP));
        CompiledModule cm = CompiledModule.load(b.build());
        Watchdog.Timer timer = Watchdog.timer(machine, "stopped: ");
        try {
            Trap t = assertThrows(Trap.class, () -> timer.within("the start section", 50, () -> Instance.builder(cm).withMachine(machine).build()));
            assertEquals(Trap.Kind.INTERRUPTED, t.kind());
            assertEquals("stopped: the start section within 50 ms", t.getMessage());
        } finally {
            timer.close();
        }
    }

    @Test
    void anInterruptLeftFromAnEarlierDeadlineDoesNotStopTheNextCall() {
        WasmBuilder b = new WasmBuilder();
        b.export("one", b.func(NONE, new byte[]{WasmBuilder.I32}, WasmBuilder.code(0x41, 1)));
        Instance inst = Instance.builder(CompiledModule.load(b.build())).build();
        Watchdog.Timer timer = Watchdog.timer(machine, "stopped: ");
        try {
            // as if the watchdog fired just as the previous call returned
            machine.interrupt("late");
            assertEquals(1, timer.within("one", 1000, () -> machine.call(inst.function("one"))[0].i32()));
        } finally {
            timer.close();
            machine.clearInterrupt();
        }
    }

    @Test
    void aHugeBudgetMeansNoDeadline() {
        // countdown(n): loops n times (milliseconds for 5 million), long enough for the watchdog to look
        WasmBuilder b = new WasmBuilder();
        byte[] i32 = {WasmBuilder.I32};
        b.export("countdown", b.func(i32, i32, WasmBuilder.code(0x03, 0x40, 0x20, 0x00, 0x41, 0x01, 0x6B, 0x22, 0x00, 0x0D, 0x00, 0x0B, 0x20, 0x00)));
        Instance inst = Instance.builder(CompiledModule.load(b.build())).build();
        Watchdog.Timer timer = Watchdog.timer(machine, "stopped: ");
        try {
            for (long budget : new long[]{Long.MAX_VALUE, Long.MAX_VALUE / 1000, 10_000_000_000_000L}) {
                assertEquals(0, timer.within("countdown", budget, () -> machine.call(inst.function("countdown"), Value.i32(5_000_000))[0].i32()), "budget " + budget);
            }
        } finally {
            timer.close();
        }
    }

    @Test
    void negativeBudgetsAreRefused() {
        Watchdog.Timer timer = Watchdog.timer(machine, "x");
        try {
            assertThrows(IllegalArgumentException.class, () -> timer.arm("y", -1));
        } finally {
            timer.close();
        }
    }
}
