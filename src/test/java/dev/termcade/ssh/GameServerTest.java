package dev.termcade.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.channel.ChannelShell;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.apache.sshd.client.keyverifier.AcceptAllServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real SSH client against the server on a loopback port. */
class GameServerTest {
    static final Path CARTS = Path.of(System.getProperty("termcade.root", ".")).resolve("carts");

    @TempDir
    Path tmp;
    GameServer server;
    SshClient client;
    final List<String> log = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        GameServer.Config c = new GameServer.Config();
        c.port = 0;
        c.carts = List.of(CARTS.resolve("rocket.wasm"), CARTS.resolve("snake.wasm"));
        c.hostKey = tmp.resolve("host_key");
        c.maxSessions = 2;
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

    @AfterEach
    void stop() throws Exception {
        client.stop();
        server.close();
    }

    /** Collects what the server sends. */
    static final class Screen extends OutputStream {
        private final ByteArrayOutputStream buf = new ByteArrayOutputStream();

        @Override public synchronized void write(int b) { buf.write(b); }
        @Override public synchronized void write(byte[] b, int off, int len) { buf.write(b, off, len); }
        synchronized String text() { return buf.toString(StandardCharsets.UTF_8); }
        synchronized int size() { return buf.size(); }
    }

    private ClientSession login(String user) throws Exception {
        ClientSession s = client.connect(user, "127.0.0.1", server.port()).verify(Duration.ofSeconds(10)).getSession();
        s.addPasswordIdentity("anything");
        s.auth().verify(Duration.ofSeconds(10));
        return s;
    }

    private static void await(String what, java.util.function.BooleanSupplier cond) throws InterruptedException {
        long end = System.nanoTime() + 10_000_000_000L;
        while (!cond.getAsBoolean()) {
            if (System.nanoTime() > end) throw new AssertionError("timed out waiting for " + what);
            Thread.sleep(20);
        }
    }

    private static void awaitText(Screen screen, String what, Predicate<String> p) throws InterruptedException {
        await(what, () -> p.test(screen.text()));
    }

    @Test
    void playerGetsAGameSendsKeysAndLeaves() throws Exception {
        try (ClientSession s = login("rocket")) {
            ChannelShell shell = s.createShellChannel();
            shell.setPtyType("xterm-256color");
            shell.setPtyColumns(100);
            shell.setPtyLines(30);
            PipedOutputStream keys = new PipedOutputStream();
            shell.setIn(new PipedInputStream(keys));
            Screen screen = new Screen();
            shell.setOut(screen);
            shell.setErr(screen);
            shell.open().verify(Duration.ofSeconds(10));
            awaitText(screen, "the rocket game's status line", t -> t.contains("ROCKET") && t.contains("Score: 0"));
            assertEquals(1, server.activeSessions());
            int before = screen.size();
            keys.write("\u001b[D \u001b[A".getBytes(StandardCharsets.US_ASCII)); // left, space, up
            keys.flush();
            await("changed frames after input", () -> screen.size() > before + 500);
            keys.write('q');
            keys.flush();
            shell.waitFor(List.of(ClientChannelEvent.CLOSED), Duration.ofSeconds(10));
            assertTrue(screen.text().contains("Termcade: bye"), "polite goodbye");
        }
        await("the session count back to zero", () -> server.activeSessions() == 0);
        synchronized (log) {
            assertTrue(log.stream().anyMatch(l -> l.contains("play /127.0.0.1") && l.contains("cart=rocket")), log.toString());
        }
    }

    @Test
    void withoutAPtyThePlayerGetsOneLineAndTheConnectionCloses() throws Exception {
        try (ClientSession s = login("play")) {
            ChannelShell shell = s.createShellChannel();
            shell.setUsePty(false);
            Screen screen = new Screen();
            shell.setOut(screen);
            shell.setErr(screen);
            shell.open().verify(Duration.ofSeconds(10));
            shell.waitFor(List.of(ClientChannelEvent.CLOSED), Duration.ofSeconds(10));
            assertTrue(screen.text().contains("needs an interactive terminal"), screen.text());
            ChannelExec exec = s.createExecChannel("cat /etc/passwd");
            Screen out = new Screen();
            exec.setOut(out);
            exec.setErr(out);
            exec.open().verify(Duration.ofSeconds(10));
            exec.waitFor(List.of(ClientChannelEvent.CLOSED), Duration.ofSeconds(10));
            assertTrue(out.text().contains("only plays games"), out.text());
            assertEquals(1, exec.getExitStatus());
        }
        assertEquals(0, server.activeSessions());
    }

    @Test
    void aFullServerRefusesPolitely() throws Exception {
        List<ClientSession> sessions = new ArrayList<>();
        List<Screen> screens = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                ClientSession s = login("snake");
                sessions.add(s);
                ChannelShell shell = s.createShellChannel();
                shell.setPtyColumns(60);
                shell.setPtyLines(20);
                shell.setIn(new PipedInputStream(new PipedOutputStream()));
                Screen screen = new Screen();
                screens.add(screen);
                shell.setOut(screen);
                shell.open().verify(Duration.ofSeconds(10));
                if (i < 2) awaitText(screen, "game " + i, t -> t.contains("SNAKE"));
            }
            awaitText(screens.get(2), "refusal", t -> t.contains("seats are taken"));
            assertEquals(2, server.activeSessions());
        } finally {
            for (ClientSession s : sessions) s.close();
        }
        await("all seats free", () -> server.activeSessions() == 0);
    }
}
