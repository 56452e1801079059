package dev.termcade.ssh;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.channel.ChannelShell;
import org.apache.sshd.client.keyverifier.AcceptAllServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;

/** A game server on a loopback port 0 and MINA's SSH client, for the integration tests. */
final class SshFixture implements AutoCloseable {
    static final Path ROOT = Path.of(System.getProperty("termcade.root", "."));
    static final Path CARTS = ROOT.resolve("carts");
    /** A WASM-4 test cart: each player's gamepad moves their own bar (src/test/resources/wasm/gamepads.wat). */
    static final Path GAMEPADS = ROOT.resolve("src/test/resources/wasm/gamepads.wasm");

    final GameServer server;
    final SshClient client;
    private final List<String> log = new ArrayList<>();

    /** A server with rocket and snake, a host key in {@code dir}, changed by {@code tweak} before it starts. */
    SshFixture(Path dir, Consumer<GameServer.Config> tweak) throws Exception {
        GameServer.Config c = new GameServer.Config();
        c.port = 0;
        c.carts = List.of(CARTS.resolve("rocket.wasm"), CARTS.resolve("snake.wasm"), GAMEPADS);
        c.hostKey = dir.resolve("host_key");
        c.dataDir = dir.resolve("data");
        c.maxSessions = 4;
        tweak.accept(c);
        server = new GameServer(c, line -> {
            synchronized (log) {
                log.add(line);
            }
        });
        server.start();
        client = SshClient.setUpDefaultClient();
        client.setServerKeyVerifier(AcceptAllServerKeyVerifier.INSTANCE);
        client.start();
    }

    List<String> log() {
        synchronized (log) {
            return new ArrayList<>(log);
        }
    }

    boolean logHas(String part) { return log().stream().anyMatch(l -> l.contains(part)); }

    /** Connects and logs in as {@code user} (any password is accepted unless the server restricts it). */
    ClientSession login(String user) throws Exception {
        ClientSession s = client.connect(user, "127.0.0.1", server.port()).verify(Duration.ofSeconds(10)).getSession();
        s.addPasswordIdentity("anything");
        s.auth().verify(Duration.ofSeconds(10));
        return s;
    }

    /** Collects what the server sends. */
    static final class Screen extends OutputStream {
        private final ByteArrayOutputStream buf = new ByteArrayOutputStream();

        @Override public synchronized void write(int b) { buf.write(b); }
        @Override public synchronized void write(byte[] b, int off, int len) { buf.write(b, off, len); }
        synchronized String text() { return buf.toString(StandardCharsets.UTF_8); }
        synchronized int size() { return buf.size(); }
    }

    /** An interactive shell channel: what the player types and sees. */
    static final class Player {
        final ClientSession session;
        final ChannelShell shell;
        final PipedOutputStream keys;
        final Screen screen = new Screen();

        Player(ClientSession s, int cols, int rows) throws Exception {
            session = s;
            shell = s.createShellChannel();
            shell.setPtyType("xterm-256color");
            shell.setPtyColumns(cols);
            shell.setPtyLines(rows);
            keys = new PipedOutputStream();
            shell.setIn(new PipedInputStream(keys));
            shell.setOut(screen);
            shell.setErr(screen);
            shell.open().verify(Duration.ofSeconds(10));
        }

        void type(String s) throws Exception {
            keys.write(s.getBytes(StandardCharsets.UTF_8));
            keys.flush();
        }

        void awaitText(String what, Predicate<String> p) throws InterruptedException {
            try {
                await(what, () -> p.test(screen.text()));
            } catch (AssertionError e) {
                String t = screen.text();
                throw new AssertionError(e.getMessage() + "; the screen ends with: " + t.substring(Math.max(0, t.length() - 600)).replace("\u001b", "\\e"));
            }
        }

        /** Disconnects, as a player closing their terminal does. */
        void disconnect() throws java.io.IOException { session.close(); }

        void awaitClosed() throws InterruptedException { await("the channel to close", shell::isClosed); }
    }

    Player play(String user, int cols, int rows) throws Exception { return new Player(login(user), cols, rows); }

    static void await(String what, BooleanSupplier cond) throws InterruptedException {
        long end = System.nanoTime() + 15_000_000_000L;
        while (!cond.getAsBoolean()) {
            if (System.nanoTime() > end) throw new AssertionError("timed out waiting for " + what);
            Thread.sleep(20);
        }
    }

    @Override public void close() throws Exception {
        client.stop();
        server.close();
    }

    /** A hash of a picture's pixels and size: equal frames, equal hashes (FNV-1a over the pixels). */
    static long hash(dev.termcade.console.Framebuffer fb) {
        long h = 1469598103934665603L;
        for (int y = 0; y < fb.height(); y++) for (int x = 0; x < fb.width(); x++) h = (h ^ fb.get(x, y)) * 1099511628211L;
        return h * 31 + fb.width() * 1000L + fb.height();
    }

    /** Presses a key a few times, like a terminal's repeats while it is held. */
    static void hold(Player p, String key, int times) throws Exception {
        for (int i = 0; i < times; i++) {
            p.type(key);
            Thread.sleep(30);
        }
    }
}
