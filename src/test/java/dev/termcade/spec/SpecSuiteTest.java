package dev.termcade.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.termcade.vm.Tier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The official spec suite, one dynamic test per script, on each engine tier: the interpreter alone, and every function
 * compiled to JVM bytecode on its first call. CI sets -Dwasm.spec.required=true so a missing suite fails.
 */
class SpecSuiteTest {
    static Path specDir() {
        return Path.of(System.getProperty("wasm.spec.dir", "../shared/wasm-spec/json"));
    }

    @TestFactory
    Stream<DynamicContainer> specScripts() throws Exception {
        Path dir = specDir();
        if (!Files.isDirectory(dir)) {
            if (Boolean.getBoolean("wasm.spec.required")) fail("spec suite not found at " + dir.toAbsolutePath());
            Assumptions.abort("spec suite not found at " + dir.toAbsolutePath() + " (set -Dwasm.spec.dir)");
        }
        List<Path> scripts = SpecRunner.scripts(dir);
        assertTrue(scripts.size() > 90, "expected the whole suite, found " + scripts.size() + " scripts");
        return Stream.of(Tier.INTERP, Tier.JIT).map(tier -> DynamicContainer.dynamicContainer(tier.label(), scripts.stream()
                .map(p -> DynamicTest.dynamicTest(p.getFileName().toString(), () -> {
                    SpecRunner.Result r = runOn(tier, p);
                    assertTrue(r.passed() > 0, r.file() + " ran no command");
                    assertEquals(0, r.failed(), () -> tier.label() + ": " + r.line() + "\n" + String.join("\n", r.failures().subList(0, Math.min(20, r.failures().size()))));
                }))));
    }

    private static SpecRunner.Result runOn(Tier tier, Path script) {
        Tier.setDefault(tier);
        try {
            return SpecRunner.run(script);
        } finally {
            Tier.setDefault(null);
        }
    }
}
