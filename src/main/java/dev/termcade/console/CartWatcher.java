package dev.termcade.console;

import dev.termcade.vm.CompiledModule;
import dev.termcade.wasm.SafeText;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Instant;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Watches a cart for {@code play --watch}, as WASM-4's {@code w4 watch} does: when the cart file changes it is
 * loaded (decoded, validated, translated) on the watcher's own thread and handed over; when a source beside it
 * changes and the directory has a {@code build.sh} (as {@code new} writes), the script runs first, and a failed build
 * is reported by its first error line. The game thread only instantiates what it is handed, between frames.
 *
 * <p>Uses the platform's {@link WatchService} (inotify on Linux), so an idle watcher costs nothing.
 */
public final class CartWatcher implements AutoCloseable {
    /** Editors and compilers write a file in several steps: act once the directory has been quiet this long. */
    static final long SETTLE_MS = 60;
    /** A build that takes longer is stopped (a script waiting on input, a runaway compiler). */
    static final long BUILD_TIMEOUT_S = 120;
    /** The build script {@code new} writes beside a cart's sources. */
    public static final String BUILD_SCRIPT = "build.sh";

    /** What a change led to; handed to the listener on the watcher's thread. */
    public sealed interface Outcome permits Building, Loaded, Failed {}

    /** A source changed and the build script runs. */
    public record Building(String changed) implements Outcome {}

    /** The cart changed and loaded; {@code changedAtNs} is when the first change of the batch was seen (nanoTime). */
    public record Loaded(CompiledModule module, long changedAtNs) implements Outcome {}

    /** The build or the load failed: one line saying why. */
    public record Failed(String line) implements Outcome {}

    private final Path cart, dir, buildScript;
    private final Consumer<Outcome> listener;
    private final WatchService service;
    private final Thread thread;

    /** Starts watching {@code cart} (and, with a build script beside it, its sources). */
    public CartWatcher(Path cart, Consumer<Outcome> listener) throws IOException {
        this.cart = cart.toAbsolutePath().normalize();
        this.dir = this.cart.getParent();
        this.buildScript = buildScriptOf(this.cart);
        this.listener = listener;
        this.service = dir.getFileSystem().newWatchService();
        dir.register(service, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY);
        this.thread = new Thread(this::watch, "cart watcher");
        thread.setDaemon(true);
        thread.start();
    }

    /** Whether sources are rebuilt (a build script sits beside the cart). */
    public boolean builds() { return buildScript != null; }

    private void watch() {
        try {
            while (true) {
                WatchKey key = service.take();
                long firstSeenNs = System.nanoTime();
                Set<Path> changed = new HashSet<>();
                // Collect the whole burst: one save is often a create, several modifies and a rename.
                while (key != null) {
                    addChanges(key, changed);
                    key = service.poll(SETTLE_MS, TimeUnit.MILLISECONDS);
                }
                react(changed, firstSeenNs);
            }
        } catch (InterruptedException | ClosedWatchServiceException e) {
            // closed: the game is over
        }
    }

    /** One settled batch of changes: rebuild if a source changed, reload if the cart did (or a build wrote it). */
    private void react(Set<Path> changed, long firstSeenNs) throws InterruptedException {
        Path source = buildScript == null ? null : changed.stream().filter(this::isSource).sorted().findFirst().orElse(null);
        if (source != null) {
            listener.accept(new Building(source.getFileName().toString()));
            // A save while the build ran gets one more build; only one, so a script that writes a file looking like
            // a source (a log beside the cart) cannot rebuild forever.
            for (int round = 0; round < 2; round++) {
                Instant started = Instant.now();
                String failure = build(buildScript);
                if (failure != null) {
                    listener.accept(new Failed(failure));
                    return;
                }
                load(firstSeenNs);
                if (!sourceChangedSince(started, eventsOfTheBuild())) return;
                firstSeenNs = System.nanoTime();
            }
        } else if (changed.contains(cart) && Files.isRegularFile(cart)) {
            load(firstSeenNs);
        }
    }

    /** What changed while the build ran: mostly its own writes (the cart, objects), not a new change to react to. */
    private Set<Path> eventsOfTheBuild() throws InterruptedException {
        Set<Path> changed = new HashSet<>();
        WatchKey key;
        while ((key = service.poll(SETTLE_MS, TimeUnit.MILLISECONDS)) != null) addChanges(key, changed);
        return changed;
    }

    /** Adds the files {@code key}'s events name to {@code into}, and re-arms the key. */
    private void addChanges(WatchKey key, Set<Path> into) {
        for (WatchEvent<?> e : key.pollEvents()) {
            if (e.context() instanceof Path p) into.add(dir.resolve(p));
        }
        key.reset();
    }

    /** Whether one of {@code changed} is a source written at or after {@code instant} (saved during the build). */
    private boolean sourceChangedSince(Instant instant, Set<Path> changed) {
        for (Path p : changed) {
            try {
                if (isSource(p) && Files.getLastModifiedTime(p).toInstant().compareTo(instant) >= 0) return true;
            } catch (IOException gone) {
                // deleted since: nothing to build from
            }
        }
        return false;
    }

    /** A file the build reads: not the cart, not a build product, not an editor's backup, swap or probe file. */
    boolean isSource(Path p) {
        String name = p.getFileName().toString().toLowerCase(Locale.ROOT);
        if (p.equals(cart) || Files.isDirectory(p) || name.startsWith(".") || name.startsWith("#")) return false;
        if (name.endsWith("~") || name.endsWith(".swp") || name.endsWith(".swx") || name.endsWith(".tmp")) return false;
        if (name.endsWith(".wasm") || name.endsWith(".o") || name.endsWith(".d") || name.endsWith(".log") || name.endsWith(".png")
                || name.endsWith(".disk")) return false;
        return !name.chars().allMatch(Character::isDigit); // vim's write test file "4913"
    }

    /**
     * Before watching, as {@code w4 watch} does: builds {@code cart} when a build script sits beside it, so that it is
     * fresh (or exists at all, just after {@code new}). Null when it built or there is nothing to build, else the first
     * error line.
     */
    public static String buildFirst(Path cart) throws InterruptedException {
        Path script = buildScriptOf(cart.toAbsolutePath().normalize());
        return script != null ? build(script) : null;
    }

    /**
     * The build script that makes {@code cart}: a {@code build.sh} beside it and a source of the same name
     * ({@code ball.c} for {@code ball.wasm}), as {@code new} lays a cart out; null if there is none. A directory of
     * many carts with one script for all (this repository's {@code carts/}, whose sources sit in subdirectories) is
     * not rebuilt on every save.
     */
    static Path buildScriptOf(Path cart) {
        Path script = cart.resolveSibling(BUILD_SCRIPT);
        if (!Files.isRegularFile(script)) return null;
        String base = cart.getFileName().toString().replaceFirst("\\.[^.]*$", "");
        try (var siblings = Files.list(cart.getParent())) {
            boolean hasSource = siblings.anyMatch(p -> !p.equals(cart) && Files.isRegularFile(p)
                    && p.getFileName().toString().startsWith(base + "."));
            return hasSource ? script : null;
        } catch (IOException e) {
            return null;
        }
    }

    /** Runs the build script in its directory; null when it succeeded, else its first error line. */
    private static String build(Path buildScript) throws InterruptedException {
        Path log = null;
        try {
            log = Files.createTempFile("termcade-build", ".log");
            // Never to the terminal: the game owns it. The output is read back only to report a failure.
            Process p = new ProcessBuilder("sh", buildScript.toString()).directory(buildScript.getParent().toFile())
                    .redirectErrorStream(true).redirectOutput(log.toFile()).redirectInput(ProcessBuilder.Redirect.PIPE).start();
            p.getOutputStream().close();
            if (!p.waitFor(BUILD_TIMEOUT_S, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return "build.sh did not finish within " + BUILD_TIMEOUT_S + " s";
            }
            if (p.exitValue() == 0) return null;
            return "build failed: " + firstErrorLine(Files.readString(log, StandardCharsets.UTF_8), p.exitValue());
        } catch (IOException e) {
            return "cannot run " + buildScript + ": " + e.getMessage();
        } finally {
            if (log != null) {
                try {
                    Files.deleteIfExists(log);
                } catch (IOException ignored) {
                    // a temp file left behind is harmless
                }
            }
        }
    }

    /** The line a compiler names the first error in (clang, rustc: "error"), else the first line, else the exit code. */
    static String firstErrorLine(String output, int exitCode) {
        String first = null;
        for (String line : output.split("\\R")) {
            String t = line.strip();
            if (t.isEmpty()) continue;
            if (first == null) first = t;
            if (t.toLowerCase(Locale.ROOT).contains("error")) return SafeText.line(t);
        }
        return first != null ? SafeText.line(first) : "build.sh exited with status " + exitCode;
    }

    private void load(long changedAtNs) {
        try {
            listener.accept(new Loaded(CompiledModule.load(cart), changedAtNs));
        } catch (RuntimeException e) { // WasmException mostly; anything else must not end the watching either
            listener.accept(new Failed(SafeText.line(e.getMessage() != null ? e.getMessage() : e.toString())));
        }
    }

    @Override public void close() {
        try {
            service.close();
        } catch (IOException ignored) {
            // nothing left to release
        }
        thread.interrupt();
    }
}
