package dev.termcade.wasm.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import dev.termcade.spec.SpecRunner;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every module of the spec suite's {@code .wast} sources that wast2json turned into a {@code .wasm} file must
 * parse to exactly those bytes. The JSON gives each module's line; the module's text is cut out of the
 * {@code .wast} there. Text modules that are meant to be malformed are the spec runner's business.
 */
class WatSpecTest {
    static Path jsonDir() {
        return Path.of(System.getProperty("wasm.spec.dir", "../shared/wasm-spec/json"));
    }

    @TestFactory
    Stream<DynamicTest> everyModuleParsesToWabtsBytes() throws Exception {
        Path json = jsonDir();
        Path wast = json.resolveSibling("wast");
        if (!Files.isDirectory(json) || !Files.isDirectory(wast)) {
            if (Boolean.getBoolean("wasm.spec.required")) fail("spec suite not found at " + json.toAbsolutePath());
            Assumptions.abort("spec suite not found at " + json.toAbsolutePath() + " (set -Dwasm.spec.dir)");
        }
        List<Path> scripts = SpecRunner.scripts(json);
        assertTrue(scripts.size() > 140, "expected the whole suite, found " + scripts.size());
        return scripts.stream().map(script -> DynamicTest.dynamicTest(script.getFileName().toString(), () -> {
            String name = script.getFileName().toString().replace(".json", "");
            Path src = wast.resolve(name + ".wast");
            if (!Files.exists(src)) src = wast.resolve("simd").resolve(name + ".wast"); // the suite keeps SIMD sources apart
            byte[] source = Files.readAllBytes(src);
            JsonObject root = JsonParser.parseString(Files.readString(script)).getAsJsonObject();
            List<String> problems = new ArrayList<>();
            int compared = 0;
            for (JsonElement e : root.getAsJsonArray("commands")) {
                JsonObject c = e.getAsJsonObject();
                if (!c.has("filename") || !c.get("filename").getAsString().endsWith(".wasm")) continue;
                int line = c.get("line").getAsInt();
                byte[] text = moduleAt(source, line);
                byte[] expected = Files.readAllBytes(script.resolveSibling(c.get("filename").getAsString()));
                compared++;
                try {
                    byte[] got = Wat.toBinaryWithoutNames(text);
                    if (!Arrays.equals(expected, got)) {
                        problems.add(name + ".wast:" + line + ": bytes differ\n  wabt: " + HexFormat.of().formatHex(expected) + "\n  ours: " + HexFormat.of().formatHex(got));
                    }
                } catch (WatException ex) {
                    problems.add(name + ".wast:" + line + ": " + ex.getMessage());
                }
            }
            assertEquals(List.of(), problems.subList(0, Math.min(5, problems.size())), problems.size() + " of " + compared + " modules differ");
        }));
    }

    /** The text of the first {@code (module} form that starts on or after {@code line} (1-based). */
    static byte[] moduleAt(byte[] wast, int line) {
        int pos = 0;
        for (int l = 1; l < line; l++) {
            while (wast[pos] != '\n') pos++;
            pos++;
        }
        String all = new String(wast, StandardCharsets.ISO_8859_1);
        int start = all.indexOf("(module", pos);
        if (start < 0) return Arrays.copyOfRange(wast, pos, wast.length); // a script that is one inline module
        int depth = 0;
        for (int i = start; i < all.length(); i++) {
            char ch = all.charAt(i);
            if (ch == '"') {
                for (i++; all.charAt(i) != '"'; i++) if (all.charAt(i) == '\\') i++;
            } else if (ch == ';' && all.charAt(i + 1) == ';') {
                while (all.charAt(i) != '\n') i++;
            } else if (ch == '(' && all.charAt(i + 1) == ';') {
                int d = 0;
                for (; ; i++) {
                    if (all.startsWith("(;", i)) { d++; i++; }
                    else if (all.startsWith(";)", i)) { d--; i++; if (d == 0) break; }
                }
            } else if (ch == '(') {
                depth++;
            } else if (ch == ')') {
                if (--depth == 0) return Arrays.copyOfRange(wast, start, i + 1);
            }
        }
        throw new IllegalArgumentException("no module at line " + line);
    }
}
