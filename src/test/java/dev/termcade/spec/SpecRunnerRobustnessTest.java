package dev.termcade.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Corrupted spec scripts: each is one failed script with its reason, and the run goes on to the next. */
class SpecRunnerRobustnessTest {
    /** A module exporting add(i32, i32) -> i32. */
    private static final byte[] ADD = {0, 'a', 's', 'm', 1, 0, 0, 0, 1, 7, 1, 0x60, 2, 0x7F, 0x7F, 1, 0x7F, 3, 2, 1, 0,
            7, 7, 1, 3, 'a', 'd', 'd', 0, 0, 10, 9, 1, 7, 0, 0x20, 0, 0x20, 1, 0x6A, 0x0B};

    private static final String GOOD = "{\"source_filename\": \"good.wast\", \"commands\": ["
            + "{\"type\": \"module\", \"line\": 1, \"filename\": \"add.wasm\"},"
            + "{\"type\": \"assert_return\", \"line\": 2, \"action\": {\"type\": \"invoke\", \"field\": \"add\", \"args\": "
            + "[{\"type\": \"i32\", \"value\": \"2\"}, {\"type\": \"i32\", \"value\": \"3\"}]}, \"expected\": [{\"type\": \"i32\", \"value\": \"5\"}]}]}";

    /** Each variant: a name and the script's text. */
    private static Map<String, String> corruptions() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("empty", "");
        m.put("not_json", "this is not json");
        m.put("truncated", GOOD.substring(0, GOOD.length() / 2));
        m.put("array_root", "[1, 2, 3]");
        m.put("no_commands", "{\"source_filename\": \"x.wast\"}");
        m.put("commands_string", "{\"commands\": \"module\"}");
        m.put("command_not_object", "{\"commands\": [42]}");
        m.put("missing_line", GOOD.replace("\"line\": 2, ", ""));
        m.put("line_is_text", GOOD.replace("\"line\": 2", "\"line\": \"two\""));
        m.put("line_is_object", GOOD.replace("\"line\": 2", "\"line\": {}"));
        m.put("missing_type", GOOD.replace("\"type\": \"assert_return\", ", ""));
        m.put("type_is_number", GOOD.replace("\"type\": \"assert_return\"", "\"type\": 7"));
        m.put("missing_filename", GOOD.replace(", \"filename\": \"add.wasm\"", ""));
        m.put("filename_missing_file", GOOD.replace("add.wasm", "nope.wasm"));
        m.put("missing_action", GOOD.replace("\"action\": {\"type\": \"invoke\", \"field\": \"add\", \"args\": "
                + "[{\"type\": \"i32\", \"value\": \"2\"}, {\"type\": \"i32\", \"value\": \"3\"}]}, ", ""));
        m.put("args_not_array", GOOD.replace("\"args\": [{\"type\": \"i32\", \"value\": \"2\"}, {\"type\": \"i32\", \"value\": \"3\"}]", "\"args\": 5"));
        m.put("value_not_number", GOOD.replace("\"value\": \"2\"", "\"value\": \"two\""));
        m.put("value_is_object", GOOD.replace("\"value\": \"2\"", "\"value\": {}"));
        m.put("value_type_unknown", GOOD.replace("{\"type\": \"i32\", \"value\": \"2\"}", "{\"type\": \"q128\", \"value\": \"2\"}"));
        m.put("expected_not_array", GOOD.replace("\"expected\": [{\"type\": \"i32\", \"value\": \"5\"}]", "\"expected\": null"));
        m.put("expected_missing_value", GOOD.replace("\"expected\": [{\"type\": \"i32\", \"value\": \"5\"}]", "\"expected\": [{\"type\": \"i32\"}]"));
        m.put("deep_nesting", "{\"commands\": " + "[".repeat(100_000) + "]".repeat(100_000) + "}");
        m.put("deep_objects", "{\"commands\": [" + "{\"a\":".repeat(50_000) + "1" + "}".repeat(50_000) + "]}");
        m.put("simd_broken", "{\"commands\": [{\"type\": }");
        m.put("simd_no_commands", "{}");
        m.put("simd_deep", "[".repeat(100_000));
        return m;
    }

    @Test
    void everyCorruptedScriptFailsWithItsReasonAndTheRunGoesOn(@TempDir Path dir) throws Exception {
        Files.write(dir.resolve("add.wasm"), ADD);
        Files.writeString(dir.resolve("zz_good.json"), GOOD);
        Map<String, String> bad = corruptions();
        for (Map.Entry<String, String> e : bad.entrySet()) Files.writeString(dir.resolve(e.getKey() + ".json"), e.getValue());
        for (String name : bad.keySet()) {
            SpecRunner.Result r = SpecRunner.run(dir.resolve(name + ".json"));
            assertTrue(r.failed() >= 1, name + ": " + r.line());
            assertTrue(!r.failures().isEmpty() && r.failures().stream().allMatch(f -> f.length() > name.length() + 5), name + " says why: " + r.failures());
        }
        SpecRunner.Result good = SpecRunner.run(dir.resolve("zz_good.json"));
        assertEquals(2, good.passed(), good.line());
        assertEquals(0, good.failed(), good.failures().toString());

        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int failed = SpecRunner.runAll(dir, new PrintStream(bytes, true, StandardCharsets.UTF_8), true);
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(out.contains("zz_good: 2 passed, 0 failed"), "the good script after the broken ones still runs: " + out);
        assertTrue(failed >= bad.size(), out);
        assertEquals(bad.size() + 1 + 1, out.lines().filter(l -> !l.startsWith("  ")).count(), "a line per script and the summary: " + out);
    }
}
