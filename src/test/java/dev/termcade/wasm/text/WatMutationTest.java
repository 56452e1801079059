package dev.termcade.wasm.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.termcade.vm.CompiledModule;
import dev.termcade.wasm.WasmException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Text that is almost right: the spec suite's sources with bytes deleted, repeated, swapped or replaced by the
 * characters that matter to the lexer. Whatever comes out, the parser and the engine after it answer with a
 * {@link WasmException} (one line, a position) or a module, never another exception or a hang.
 */
class WatMutationTest {
    private static final byte[] INTERESTING = "()\"\\;$_.-+0x9pe:= \n\u007f".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);

    @Test
    void mutatedSpecTextFailsCleanly() throws Exception {
        Path wast = WatSpecTest.jsonDir().resolveSibling("wast");
        Assumptions.assumeTrue(Files.isDirectory(wast), "spec suite not found at " + wast.toAbsolutePath());
        List<byte[]> seeds = new ArrayList<>();
        try (Stream<Path> s = Files.list(wast)) {
            for (Path p : s.filter(p -> p.toString().endsWith(".wast")).sorted().collect(Collectors.toList())) {
                byte[] all = Files.readAllBytes(p);
                // The script's first module, which is all a parser of modules is asked to read.
                int at = new String(all, java.nio.charset.StandardCharsets.ISO_8859_1).indexOf("(module");
                if (at >= 0) seeds.add(WatSpecTest.moduleAt(all, lineOf(all, at)));
            }
        }
        SplittableRandom random = new SplittableRandom(17);
        int rejected = 0, accepted = 0;
        List<String> escaped = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            byte[] text = mutate(seeds.get(random.nextInt(seeds.size())), random);
            try {
                CompiledModule.load(Wat.toBinary(text), "mutant");
                accepted++;
            } catch (WasmException e) {
                assertTrue(!e.getMessage().contains("\n"), e.getMessage());
                rejected++;
            } catch (RuntimeException | StackOverflowError e) {
                escaped.add(e + " on " + new String(text, java.nio.charset.StandardCharsets.ISO_8859_1).substring(0, Math.min(200, text.length)));
            }
        }
        System.out.println("mutated text: " + accepted + " accepted, " + rejected + " rejected cleanly, " + escaped.size() + " escaped");
        assertEquals(List.of(), escaped.stream().limit(5).collect(Collectors.toList()));
    }

    private static int lineOf(byte[] text, int offset) {
        int line = 1;
        for (int i = 0; i < offset; i++) if (text[i] == '\n') line++;
        return line;
    }

    private static byte[] mutate(byte[] seed, SplittableRandom random) {
        byte[] b = seed.clone();
        int edits = 1 + random.nextInt(4);
        for (int e = 0; e < edits && b.length > 2; e++) {
            int at = random.nextInt(b.length);
            switch (random.nextInt(4)) {
                case 0: b[at] = INTERESTING[random.nextInt(INTERESTING.length)]; break;
                case 1: { // delete a run
                    int n = Math.min(b.length - at, 1 + random.nextInt(8));
                    byte[] c = new byte[b.length - n];
                    System.arraycopy(b, 0, c, 0, at);
                    System.arraycopy(b, at + n, c, at, b.length - at - n);
                    b = c;
                    break;
                }
                case 2: { // repeat a run
                    int n = Math.min(b.length - at, 1 + random.nextInt(16));
                    byte[] c = new byte[b.length + n];
                    System.arraycopy(b, 0, c, 0, at + n);
                    System.arraycopy(b, at, c, at + n, b.length - at);
                    b = c;
                    break;
                }
                default: b[at] = (byte) random.nextInt(256);
            }
        }
        return b;
    }
}
