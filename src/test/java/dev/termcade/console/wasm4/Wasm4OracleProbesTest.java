package dev.termcade.console.wasm4;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.termcade.console.ConsoleOptions;
import dev.termcade.console.Headless;
import dev.termcade.vm.CompiledModule;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every probe cart runs in Termcade for its frames and its memory is compared with WASM-4's own runtime's
 * (the committed {@code .oracle.bin} dumps, made by {@code src/tools/wasm4-oracle}): game state byte for byte, and
 * the framebuffer too, except the probe that draws text (our glyphs are our own).
 */
class Wasm4OracleProbesTest {
    /** The probe whose final picture shows real glyphs. */
    private static final String TEXT_PROBE = "text";

    @TestFactory
    Stream<DynamicTest> everyProbeLeavesWasm4sMemory() {
        return Wasm4ProbeReference.all().stream().map(probe -> DynamicTest.dynamicTest(probe.name(), () -> {
            ConsoleOptions o = new ConsoleOptions();
            o.cartName = probe.name();
            o.frameBudgetMs = 60_000; // the reference has no budget; a busy test machine must not stop a long probe
            Headless.Script script = probe.input().isPresent() ? Headless.parseInput(probe.input().get()) : Headless.Script.EMPTY;
            Headless.Result r = Headless.run(CompiledModule.load(probe.wasm()), o, 80, 24, probe.frames(), 1.0 / 60, script);
            assertNull(r.crash(), () -> probe.name() + " stopped: " + r.crash());
            assertEquals(probe.frames(), r.frames());
            Wasm4ProbeReference.Report report = Wasm4ProbeReference.compare(probe.reference(), r.memory());
            assertTrue(report.gameStateIdentical(), () -> probe.name() + ": game state differs from WASM-4's\n" + report);
            if (!probe.name().equals(TEXT_PROBE)) {
                assertTrue(report.framebuffer().isEmpty(), () -> probe.name() + ": framebuffer differs from WASM-4's\n" + report);
            }
        }));
    }
}
