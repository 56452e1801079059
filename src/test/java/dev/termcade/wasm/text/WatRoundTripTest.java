package dev.termcade.wasm.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.termcade.spec.SpecRunner;
import dev.termcade.wasm.ConstExpr;
import dev.termcade.wasm.DataSegment;
import dev.termcade.wasm.ElementSegment;
import dev.termcade.wasm.FunctionBody;
import dev.termcade.wasm.Module;
import dev.termcade.wasm.WatPrinter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The printer's text reads back to the same module: every valid module of the spec suite is printed, parsed by
 * our parser (and by {@code wat2wasm} when it is installed), and the result compared with the original, function
 * by function (signature index, locals, instruction bytes) and section by section.
 */
class WatRoundTripTest {
    private static List<Path> validSpecModules() throws IOException {
        Path json = WatSpecTest.jsonDir();
        Assumptions.assumeTrue(Files.isDirectory(json), "spec suite not found at " + json.toAbsolutePath());
        List<Path> modules = new ArrayList<>();
        for (Path script : SpecRunner.scripts(json)) {
            JsonObject root = JsonParser.parseString(Files.readString(script)).getAsJsonObject();
            for (JsonElement e : root.getAsJsonArray("commands")) {
                JsonObject c = e.getAsJsonObject();
                if (c.get("type").getAsString().equals("module")) modules.add(script.resolveSibling(c.get("filename").getAsString()));
            }
        }
        return modules;
    }

    @Test
    void everySpecModuleRoundTripsThroughOurParser() throws IOException {
        List<Path> modules = validSpecModules();
        List<String> problems = new ArrayList<>();
        int identicalCode = 0;
        for (Path file : modules) {
            Module original = Module.decode(Files.readAllBytes(file));
            String text = new WatPrinter(original).module();
            try {
                Module back = Module.decode(Wat.toBinary(text.getBytes(StandardCharsets.UTF_8)));
                String difference = difference(original, back);
                if (difference != null) problems.add(file.getFileName() + ": " + difference);
                else identicalCode++;
            } catch (RuntimeException e) {
                problems.add(file.getFileName() + ": " + e.getMessage());
            }
        }
        System.out.println("round trip through our parser: " + identicalCode + " of " + modules.size() + " spec modules identical");
        assertTrue(modules.size() > 1000, "expected the whole suite, found " + modules.size() + " modules");
        assertEquals(List.of(), problems.stream().limit(10).collect(Collectors.toList()), problems.size() + " modules differ");
    }

    @Test
    void everySpecModuleRoundTripsThroughWat2wasm() throws Exception {
        Assumptions.assumeTrue(onPath("wat2wasm"), "wat2wasm (Debian package wabt) is not installed");
        List<Path> modules = validSpecModules();
        Path dir = Files.createTempDirectory("roundtrip");
        List<String> problems = new ArrayList<>();
        int identicalCode = 0, skipped = 0;
        try {
            for (Path file : modules) {
                Module original = Module.decode(Files.readAllBytes(file));
                // wabt 1.0.32 predates global.get in element items (elem.wast has one): nothing to print instead.
                if (original.elements().stream().anyMatch(e -> Arrays.stream(e.items()).anyMatch(x -> x.kind() == ConstExpr.Kind.GLOBAL_GET))) {
                    skipped++;
                    continue;
                }
                Path wat = dir.resolve("m.wat");
                Path wasm = dir.resolve("m.wasm");
                Files.writeString(wat, new WatPrinter(original).module());
                Files.deleteIfExists(wasm);
                Process p = new ProcessBuilder("wat2wasm", wat.toString(), "-o", wasm.toString()).redirectErrorStream(true).start();
                String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                    problems.add(file.getFileName() + ": wat2wasm refused it: " + output.lines().findFirst().orElse(""));
                    continue;
                }
                String difference = difference(original, Module.decode(Files.readAllBytes(wasm)));
                if (difference != null) problems.add(file.getFileName() + ": " + difference);
                else identicalCode++;
            }
        } finally {
            Files.deleteIfExists(dir.resolve("m.wat"));
            Files.deleteIfExists(dir.resolve("m.wasm"));
            Files.delete(dir);
        }
        System.out.println("round trip through wat2wasm: " + identicalCode + " of " + modules.size() + " spec modules identical, " + skipped + " beyond wabt 1.0.32");
        assertEquals(List.of(), problems.stream().limit(10).collect(Collectors.toList()), problems.size() + " modules differ");
    }

    private static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) if (Files.isExecutable(Path.of(dir, tool))) return true;
        return false;
    }

    /** Where two modules differ (null if nowhere): signatures, imports, exports, globals, segments, and code. */
    static String difference(Module a, Module b) {
        if (!a.types().equals(b.types())) return "types " + a.types() + " became " + b.types();
        if (!a.imports().equals(b.imports())) return "imports differ";
        if (!a.exports().equals(b.exports())) return "exports differ";
        if (!a.tables().equals(b.tables()) || !a.memories().equals(b.memories())) return "tables or memories differ";
        if (!a.globals().equals(b.globals())) return "globals " + a.globals() + " became " + b.globals();
        if (a.startFunction() != b.startFunction()) return "start function differs";
        if (a.data().size() != b.data().size()) return "data segment count differs";
        for (int i = 0; i < a.data().size(); i++) {
            DataSegment x = a.data().get(i), y = b.data().get(i);
            if (x.mode() != y.mode() || x.memory() != y.memory() || !java.util.Objects.equals(x.offset(), y.offset()) || !Arrays.equals(x.bytes(), y.bytes())) {
                return "data segment " + i + " differs";
            }
        }
        if (a.elements().size() != b.elements().size()) return "element segment count differs";
        for (int i = 0; i < a.elements().size(); i++) {
            ElementSegment x = a.elements().get(i), y = b.elements().get(i);
            if (x.mode() != y.mode() || x.table() != y.table() || x.elemType() != y.elemType()
                    || !java.util.Objects.equals(x.offset(), y.offset()) || !Arrays.equals(x.items(), y.items())) {
                return "element segment " + i + " differs";
            }
        }
        if (a.bodies().size() != b.bodies().size()) return "function count differs";
        for (int f = 0; f < a.functionTypes().size(); f++) {
            if (a.functionTypeIndex(f) != b.functionTypeIndex(f)) return "function " + f + " changed its type index";
        }
        for (int i = 0; i < a.bodies().size(); i++) {
            FunctionBody x = a.bodies().get(i), y = b.bodies().get(i);
            if (!Arrays.equals(x.locals(), y.locals())) return "locals of function " + (a.importedFunctionCount() + i) + " differ";
            int f = a.importedFunctionCount() + i;
            // Byte for byte, or the same instructions where the original used longer LEB128 encodings than needed.
            if (!Arrays.equals(a.bytes(), x.codeStart(), x.codeEnd(), b.bytes(), y.codeStart(), y.codeEnd())
                    && !new WatPrinter(a).function(f).equals(new WatPrinter(b).function(f))) {
                return "code of function " + f + " differs";
            }
        }
        return null;
    }
}
