package dev.termcade.cli;

import dev.termcade.console.CellRenderer;
import dev.termcade.console.ConsoleOptions;
import dev.termcade.console.Headless;
import dev.termcade.console.RenderMode;
import dev.termcade.console.TerminalPlay;
import dev.termcade.vm.CompiledModule;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "play", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = {"Play a cartridge in the terminal (default: the rocket game).",
                "Keys: arrows or WASD, space (A), x (B), enter (start), p pause, q or Esc quit."})
final class PlayCommand implements Callable<Integer> {
    @Parameters(index = "0", arity = "0..1", paramLabel = "CART", description = "The cartridge (.wasm); default carts/rocket.wasm.")
    Path cart;

    @Option(names = "--fps", description = "Target frame rate (default ${DEFAULT-VALUE}).")
    int fps = 30;

    @Option(names = "--render", paramLabel = "MODE", description = "half, braille or ascii (default: detected from the terminal).")
    String render;

    @Option(names = "--colors", paramLabel = "DEPTH", description = "truecolor, 256 or none (default: detected).")
    String colors;

    @Option(names = "--budget", paramLabel = "MS", description = "Time a cart may take per call before it is stopped (default ${DEFAULT-VALUE}).")
    long budgetMs = 1000;

    @Option(names = "--world", paramLabel = "WxH", description = "World size passed to the rocket ABI's resize (default: from the terminal size).")
    String world;

    @Option(names = "--seed", description = "Seed of the termcade ABI's random source (default ${DEFAULT-VALUE}).")
    long seed = 1;

    @Option(names = "--headless", description = "Run without a terminal and print the final screen and timing.")
    boolean headless;

    @Option(names = "--frames", description = "Headless: frames to run (default ${DEFAULT-VALUE}).")
    int frames = 300;

    @Option(names = "--dt", description = "Headless: seconds per frame (default 1/60).")
    double dt = 1.0 / 60;

    @Option(names = "--size", paramLabel = "COLSxROWS", description = "Headless: terminal size (default ${DEFAULT-VALUE}).")
    String size = "120x40";

    @Option(names = "--input", paramLabel = "FILE", description = "Headless: key events, lines 'FRAME KEY down|up'.")
    Path input;

    @Spec
    CommandSpec spec;

    static Path defaultCart() {
        String home = System.getProperty("termcade.home", ".");
        return Path.of(home, "carts", "rocket.wasm");
    }

    static int[] dims(String s, String what, int maxA, int maxB) {
        String[] p = s.toLowerCase().split("x");
        try {
            if (p.length == 2) {
                int a = Integer.parseInt(p[0].trim()), b = Integer.parseInt(p[1].trim());
                if (a > 0 && b > 0 && a <= maxA && b <= maxB) return new int[]{a, b};
            }
        } catch (NumberFormatException ignored) {
            // fall through
        }
        throw new IllegalArgumentException(what + " must look like 120x40 (at most " + maxA + "x" + maxB + "), got '" + s + "'");
    }

    ConsoleOptions options(Path file) {
        ConsoleOptions o = new ConsoleOptions();
        if (fps < 1 || fps > 240) throw new IllegalArgumentException("--fps must be between 1 and 240");
        o.fps = fps;
        o.mode = render == null ? null : RenderMode.parse(render);
        if (colors != null) {
            switch (colors.toLowerCase()) {
                case "truecolor": case "24bit": o.colors = CellRenderer.ColorDepth.TRUECOLOR; break;
                case "256": o.colors = CellRenderer.ColorDepth.INDEXED_256; break;
                case "none": o.colors = CellRenderer.ColorDepth.NONE; break;
                default: throw new IllegalArgumentException("--colors must be truecolor, 256 or none");
            }
        }
        if (budgetMs < 1) throw new IllegalArgumentException("--budget must be at least 1 ms, got " + budgetMs);
        o.frameBudgetMs = budgetMs;
        if (world != null) {
            int[] w = dims(world, "--world", 10000, 10000);
            o.worldWidth = w[0];
            o.worldHeight = w[1];
        }
        o.seed = seed;
        String n = file.getFileName().toString();
        o.cartName = n.endsWith(".wasm") ? n.substring(0, n.length() - 5) : n;
        return o;
    }

    @Override public Integer call() throws Exception {
        Path file = cart == null ? defaultCart() : cart;
        ConsoleOptions o = options(file);
        CompiledModule module = CompiledModule.load(file);
        PrintWriter out = spec.commandLine().getOut();
        if (headless) {
            int[] d = dims(size, "--size", ConsoleOptions.MAX_COLUMNS, ConsoleOptions.MAX_ROWS);
            if (frames < 0) throw new IllegalArgumentException("--frames must not be negative");
            if (!(dt > 0 && dt <= 1)) throw new IllegalArgumentException("--dt must be in (0, 1] seconds");
            List<Headless.InputEvent> events = input == null ? List.of() : Headless.parseInput(input);
            Headless.Result r = Headless.run(module, o, d[0], d[1], frames, dt, events);
            for (String line : r.screen()) out.println(line);
            out.println(r.statsLine());
            out.flush();
            if (r.crash() != null) {
                spec.commandLine().getErr().println("error: the cart stopped: " + dev.termcade.wasm.SafeText.line(r.crash().getMessage()));
                return Main.FAILED;
            }
            return Main.OK;
        }
        return playInTerminal(module, o);
    }

    static int playInTerminal(CompiledModule module, ConsoleOptions o) throws Exception {
        if (!TerminalPlay.available()) {
            throw new Main.UserError("play needs an interactive terminal (use --headless to run without one)");
        }
        RuntimeException crash = TerminalPlay.play(module, o);
        if (crash != null) {
            System.err.println(crash instanceof dev.termcade.vm.Trap ? ((dev.termcade.vm.Trap) crash).describe() : "error: " + dev.termcade.wasm.SafeText.line(crash.getMessage()));
            return Main.FAILED;
        }
        return Main.OK;
    }
}
