package dev.termcade.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.termcade.console.Game;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The OpenSSH client as players run it ({@code ssh -tt}), on a pseudo-terminal made by {@code script}: two players
 * share a room. Needs the {@code ssh} and {@code script} commands (openssh-client, bsdutils; .ci/run installs them).
 */
class RealSshClientTest extends ServerTestBase {
    /** One {@code ssh} process on its own pty: what it prints, and its keyboard. */
    static final class RealPlayer implements AutoCloseable {
        final Process process;
        final OutputStream keys;
        private final ByteArrayOutputStream seen = new ByteArrayOutputStream();

        RealPlayer(String user, int port) throws IOException {
            String ssh = "ssh -tt -p " + port + " -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR "
                    + "-o PreferredAuthentications=keyboard-interactive " + user + "@127.0.0.1";
            process = new ProcessBuilder("script", "-qefc", ssh, "/dev/null").redirectErrorStream(true).start();
            keys = process.getOutputStream();
            Thread reader = new Thread(() -> {
                byte[] buf = new byte[8192];
                try (InputStream in = process.getInputStream()) {
                    for (int n; (n = in.read(buf)) > 0; ) {
                        synchronized (seen) {
                            seen.write(buf, 0, n);
                        }
                    }
                } catch (IOException ignored) {
                    // the process ended
                }
            }, "ssh-output");
            reader.setDaemon(true);
            reader.start();
        }

        String text() {
            synchronized (seen) {
                return seen.toString(StandardCharsets.UTF_8);
            }
        }

        void type(String s) throws IOException {
            keys.write(s.getBytes(StandardCharsets.UTF_8));
            keys.flush();
        }

        void awaitText(String what, java.util.function.Predicate<String> p) throws InterruptedException {
            try {
                SshFixture.await(what, () -> p.test(text()));
            } catch (AssertionError e) {
                String t = text();
                throw new AssertionError(e.getMessage() + "; ssh printed: " + t.substring(Math.max(0, t.length() - 400)).replace("\u001b", "\\e"));
            }
        }

        @Override public void close() {
            process.destroy();
        }
    }

    @Test
    void twoOpenSshPlayersShareARoom() throws Exception {
        ssh = new SshFixture(tmp, c -> { });
        try (RealPlayer alice = new RealPlayer("gamepads+friday+alice", ssh.server.port());
             RealPlayer bob = new RealPlayer("gamepads+friday+bob", ssh.server.port())) {
            alice.awaitText("a seat", t -> t.contains("you are player"));
            bob.awaitText("a seat", t -> t.contains("you are player"));
            Room room = ssh.server.rooms().all().get(0);
            String seats = room.describe();
            assertTrue(seats.equals("room friday: 1=alice 2=bob 3=free 4=free") || seats.equals("room friday: 1=bob 2=alice 3=free 4=free"), seats);
            Game game = room.awaitGame();
            RealPlayer first = alice.text().contains("you are player 1") ? alice : bob;
            for (int i = 0; i < 6; i++) {
                first.type("\u001b[C"); // right arrow, as the terminal sends it
                Thread.sleep(40);
            }
            SshFixture.await("player 1's bar to move", () -> game.memory()[RoomsTest.BAR_X] > 10);
            assertEquals(10, game.memory()[RoomsTest.BAR_X + 1], "player 2 did not move");
            for (RealPlayer p : List.of(alice, bob)) {
                p.type("q");
                assertTrue(p.process.waitFor(15, TimeUnit.SECONDS), "ssh ends after q");
                p.awaitText("terminal restored, then the goodbye", t -> t.contains("\u001b[?1049lTermcade: bye"));
                assertEquals(0, p.process.exitValue(), p.text());
            }
        }
        SshFixture.await("the room to close", () -> ssh.server.rooms().count() == 0);
    }
}
