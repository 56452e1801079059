package dev.termcade.vm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The README's "Embedding the engine" example, compiled and run: the code between the {@code README:begin} and
 * {@code README:end} markers is the README's code block, character for character (the second test checks).
 */
class EmbeddingExampleTest {
    private static final Path SOURCE = Path.of("src/test/java/dev/termcade/vm/EmbeddingExampleTest.java");
    private static final Path README = Path.of("README.md");

    /** The example: loads {@code file}, links a host function, calls, reads memory, interrupts; prints to {@code out}. */
    static void example(Path file, PrintStream out) {
        // README:begin
        // Load a module: decoded, validated and translated once; any number of instances share it.
        CompiledModule module = CompiledModule.load(file); // a .wasm binary or .wat text

        // Host functions: env.log(ptr, len) reads the text from the calling instance's memory.
        Imports imports = new Imports()
                .function("env", "log", FunctionType.of(ValueType.I32, ValueType.I32),
                        frame -> out.println("log: " + frame.memory().readString(frame.i32(0), frame.i32(1), StandardCharsets.UTF_8)));

        // A machine runs wasm: its register stack, call depth, fuel and interrupt flag. One per thread.
        Machine machine = new Machine();
        Instance instance = Instance.builder(module)
                .withImports(imports)
                .withLimits(ResourceLimits.CARTRIDGE) // 256 MiB of memory at most
                .withMachine(machine)                 // runs the start function, if any
                .build();

        // Call with typed values, checked against the signature...
        Value[] sum = machine.call(instance.function("add"), Value.i32(40), Value.i32(2));
        out.println("add(40, 2) = " + sum[0].i32());
        // ...or, every frame, with raw bits: nothing is allocated.
        WasmFunction fib = instance.function("fib");
        out.println("fib(20) = " + (int) machine.callRaw(fib, 20));
        machine.call(instance.function("greet"));

        // Memory is read into (and written from) arrays of your own: reuse one per frame.
        byte[] buffer = new byte[5];
        instance.memory().read(256, buffer, 0, buffer.length);
        out.println("memory at 256: " + new String(buffer, StandardCharsets.US_ASCII));

        // An export is one of four kinds of Extern.
        for (Map.Entry<String, Extern> export : instance.exports().entrySet()) {
            Extern e = export.getValue();
            String what = e instanceof WasmFunction f ? "function " + f.type()
                    : e instanceof Memory m ? "memory of " + m.pages() + " page(s)"
                    : e instanceof Table t ? "table of " + t.size() + " " + t.elemType()
                    : "global " + ((GlobalVar) e).get();
            out.println(export.getKey() + ": " + what);
        }

        // Any other thread may interrupt the machine: the running call ends in a trap.
        ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor();
        watchdog.schedule(() -> machine.interrupt("spin took too long"), 50, TimeUnit.MILLISECONDS);
        try {
            machine.call(instance.function("spin"));
        } catch (Trap trap) {
            out.println(trap.kind() + ": " + trap.getMessage());
        } finally {
            watchdog.shutdown();
        }
        // README:end
    }

    @Test
    void theExampleRunsAsTheReadmeSays() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        example(Path.of("src/test/resources/embedding/hello.wat"), new PrintStream(bytes, true, StandardCharsets.UTF_8));
        // Worked out from hello.wat: 40 + 2; fib(20) = 6765; greet logs the five bytes at 256; "add" ran once.
        assertEquals(List.of(
                "add(40, 2) = 42",
                "fib(20) = 6765",
                "log: hello",
                "memory at 256: hello",
                "memory: memory of 1 page(s)",
                "table: table of 2 funcref",
                "calls: global i32: 1",
                "add: function (i32 i32) -> (i32)",
                "fib: function (i32) -> (i32)",
                "greet: function () -> ()",
                "spin: function () -> ()",
                "INTERRUPTED: spin took too long"), bytes.toString(StandardCharsets.UTF_8).lines().toList());
    }

    @Test
    void theReadmeShowsTheExampleAsItIs() throws IOException {
        List<String> source = Files.readAllLines(SOURCE);
        int begin = source.indexOf("        // README:begin"), end = source.indexOf("        // README:end");
        String example = String.join("\n", source.subList(begin + 1, end).stream().map(l -> l.isEmpty() ? l : l.substring(8)).toList());
        String readme = Files.readString(README);
        int section = readme.indexOf("\n## Embedding the engine\n");
        int open = readme.indexOf("```java\n", section) + "```java\n".length();
        String block = readme.substring(open, readme.indexOf("\n```", open));
        assertEquals(example, block, "README.md's example differs from EmbeddingExampleTest's: copy the region between the markers");
    }
}
