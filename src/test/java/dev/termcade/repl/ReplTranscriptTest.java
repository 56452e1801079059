package dev.termcade.repl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden transcripts in {@code src/test/resources/repl/*.txt}, written by hand: {@code > LINE} is typed, the lines
 * after it are what the REPL must print (stdout and stderr, interleaved as a terminal shows them), and the last line
 * {@code exit N} is the exit code piped mode gives; lines starting with {@code #} are notes. Each transcript is compared whole. {@code $ROOT} stands for the
 * project directory, and load and call timings (which vary) are written as {@code N ms}.
 */
class ReplTranscriptTest {
    static final Path DIR = ReplTest.ROOT.resolve("src/test/resources/repl");

    static Stream<Path> transcripts() throws Exception {
        return Files.list(DIR).filter(p -> p.toString().endsWith(".txt")).sorted();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transcripts")
    void transcript(Path file) throws Exception {
        String expected = Files.readString(file, StandardCharsets.UTF_8);
        String root = ReplTest.ROOT.toAbsolutePath().normalize().toString();
        StringWriter screen = new StringWriter();
        PrintWriter both = new PrintWriter(screen, true);
        Repl repl = new Repl(both, both, false);
        for (String line : expected.split("\n")) {
            if (line.startsWith("#")) screen.append(line).append('\n'); // a note for the reader
            if (!line.startsWith("> ")) continue;
            screen.append(line).append('\n');
            repl.execute(line.substring(2).replace("$ROOT", root));
            if (repl.quitRequested()) break;
        }
        screen.append("exit ").append(repl.anyFailed() ? "1" : "0").append('\n');
        String actual = screen.toString().replace(root, "$ROOT").replaceAll("\\d+\\.\\d+ ms", "N ms");
        Path seen = ReplTest.ROOT.resolve("target/transcripts").resolve(file.getFileName());
        Files.createDirectories(seen.getParent());
        Files.writeString(seen, actual, StandardCharsets.UTF_8); // to diff against the golden file when they differ
        assertEquals(expected, actual, file.getFileName().toString());
    }

    @org.junit.jupiter.api.Test
    void helpFitsEightyColumnsAndListsEveryCommandOnce() throws Exception {
        ReplTest.Run r = ReplTest.run("help\n");
        String[] lines = r.out().split("\n");
        for (String line : lines) org.junit.jupiter.api.Assertions.assertTrue(line.length() <= 80, line.length() + " columns: " + line);
        java.util.Set<String> listed = new java.util.TreeSet<>();
        for (String line : lines) if (line.startsWith("  ") && !line.startsWith("   ")) listed.add(line.strip().split("\\s+")[0]);
        listed.remove("EXPORT(ARGS...)");
        listed.remove("(func");
        org.junit.jupiter.api.Assertions.assertEquals(new java.util.TreeSet<>(List.of("call", "dis", "exports", "fuel", "global", "globals", "help",
                "info", "ir", "load", "mem", "mem.find", "mem.read", "mem.save", "mem.write", "modules", "play", "quit", "reset", "tier", "time", "trace",
                "use")), listed);
        org.junit.jupiter.api.Assertions.assertEquals(listed.size() + 2, lines.length, "one line per command and two of notes: " + r.out());
    }
}
