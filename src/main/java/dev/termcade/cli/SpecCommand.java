package dev.termcade.cli;

import dev.termcade.spec.SpecRunner;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "spec", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = {"Run the WebAssembly spec test suite (wast2json output): one line per script and a summary."})
final class SpecCommand implements Callable<Integer> {
    @CommandLine.Mixin
    TierOption tier;

    @Parameters(index = "0", paramLabel = "DIR", description = "Directory searched for *.json scripts, e.g. ../shared/wasm-spec/json")
    Path dir;

    @Option(names = {"-v", "--verbose"}, description = "Print each failing command.")
    boolean verbose;

    @Override public Integer call() throws Exception {
        if (!Files.isDirectory(dir)) throw new Main.UserError(dir + ": not a directory");
        if (SpecRunner.scripts(dir).isEmpty()) throw new Main.UserError(dir + ": no spec scripts (*.json) in it");
        PrintStream out = System.out;
        int failed = SpecRunner.runAll(dir, out, verbose);
        out.flush();
        return failed == 0 ? Main.OK : Main.FAILED;
    }
}
