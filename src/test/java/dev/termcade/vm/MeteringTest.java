package dev.termcade.vm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Fuel and instruction counting: per-basic-block FUEL ops in each function's metered code, run by the one loop.
 * The expected counts are worked out by hand from {@code basics.wat}; block, loop, else and end are not counted.
 */
class MeteringTest {
    private static final CompiledModule BASICS = CompiledModule.load(TestModules.bytes("basics"), "basics");
    private final Machine machine = new Machine();

    @AfterEach
    void stopMetering() {
        machine.countInstructions(false);
        machine.fuel(-1);
    }

    private static Instance instance() {
        return Instance.builder(BASICS).withImports(new Imports().function("env", "callback",
                FunctionType.of(ValueType.I32).returning(ValueType.I32), f -> { })).build();
    }

    private long counted(Instance inst, String fn, Value arg) {
        machine.countInstructions(true);
        long before = machine.instructionsExecuted();
        machine.call(inst.function(fn), arg);
        return machine.instructionsExecuted() - before;
    }

    @Test
    void countsExecutedWasmInstructionsBlockByBlock() {
        Instance inst = instance();
        // sum: the loop header (local.get, local.get, i32.ge_s, br_if) runs n + 1 times, the body (local.get,
        // local.get, i32.add, local.set, local.get, i32.const, i32.add, local.set, br) n times, the tail (local.get) once.
        assertEquals(5, counted(inst, "sum", Value.i32(0)));
        assertEquals(13 * 10 + 5, counted(inst, "sum", Value.i32(10)));
        // fac, across calls: (local.get, i64.eqz, if) then (i64.const) at n = 0, else (local.get, local.get,
        // i64.const, i64.sub, call, i64.mul): 9 per level plus 4.
        assertEquals(9 * 3 + 4, counted(inst, "fac", Value.i64(3)));
    }

    @Test
    void fuelRunsOutExactlyAtTheBlockThatNeedsMore() {
        Instance inst = instance();
        machine.fuel(135);
        assertEquals(45, machine.call(inst.function("sum"), Value.i32(10))[0].i32());
        assertEquals(0, machine.fuelLeft());
        machine.fuel(134);
        Trap t = assertThrows(Trap.class, () -> machine.call(inst.function("sum"), Value.i32(10)));
        assertEquals(Trap.Kind.OUT_OF_FUEL, t.kind());
        assertEquals(0, machine.fuelLeft());
        machine.fuel(-1);
        assertEquals(45, machine.call(inst.function("sum"), Value.i32(10))[0].i32(), "unmetered again after fuel is removed");
    }

    @Test
    void countingAndFuelAreIndependentAndTurningBothOffStopsMetering() {
        Instance inst = instance();
        machine.countInstructions(true);
        machine.call(inst.function("sum"), Value.i32(10));
        machine.countInstructions(false);
        assertEquals(false, machine.metered, "counting off, no fuel: calls run unmetered code again");
        assertEquals(Long.MAX_VALUE, machine.fuelLeft());
        machine.fuel(1000);
        machine.countInstructions(true);
        machine.fuel(-1);
        assertEquals(true, machine.metered, "removing the fuel limit keeps counting");
        assertEquals(135, counted(inst, "sum", Value.i32(10)));
    }

    @Test
    void runawayLoopsStopAndTheSameCodeRunsUnmeteredAfterwards() {
        Instance inst = instance();
        machine.fuel(1_000_000);
        assertEquals(Trap.Kind.OUT_OF_FUEL, assertThrows(Trap.class, () -> machine.call(inst.function("spin"))).kind());
        machine.fuel(-1);
        assertEquals(4950, machine.call(inst.function("sum"), Value.i32(100))[0].i32());
    }
}
