package dev.termcade.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.channel.ChannelShell;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.apache.sshd.client.session.ClientSession;
import org.junit.jupiter.api.Test;

/** A real SSH client against the server on a loopback port. */
class GameServerTest extends ServerTestBase {
    @Test
    void eachCartPractisesBeforeTheServerListensWithoutTouchingSaves() throws Exception {
        ssh = new SshFixture(tmp, c -> c.practiceMillis = 300);
        List<String> log = ssh.log();
        int serving = log.size() - 1;
        assertTrue(log.get(serving).startsWith("serving "), "listening comes last: " + log);
        for (String cart : List.of("rocket", "snake", "gamepads")) {
            assertTrue(log.subList(0, serving).stream().anyMatch(l -> l.startsWith("warmed up " + cart + ": ") && l.contains(" practice frames in ")),
                    cart + " practised first: " + log);
        }
        assertTrue(java.nio.file.Files.notExists(tmp.resolve("data")), "no save written by a practice");
    }

    @Test
    void playerGetsAGameSendsKeysAndLeaves() throws Exception {
        ssh = new SshFixture(tmp, c -> { });
        try (ClientSession s = ssh.login("rocket")) {
            SshFixture.Player p = new SshFixture.Player(s, 100, 30);
            p.awaitText("the rocket game's status line", t -> t.contains("ROCKET") && t.contains("Score: 0"));
            assertEquals(1, ssh.server.activeSessions());
            int before = p.screen.size();
            p.type("\u001b[D \u001b[A"); // left, space, up
            SshFixture.await("changed frames after input", () -> p.screen.size() > before + 500);
            p.type("q");
            p.shell.waitFor(List.of(ClientChannelEvent.CLOSED), Duration.ofSeconds(10));
            assertTrue(p.screen.text().contains("Termcade: bye"), "polite goodbye");
            assertTrue(p.screen.text().endsWith(GameShell.RESTORE_TERMINAL + "Termcade: bye\r\n"), "terminal restored before the goodbye");
        }
        SshFixture.await("the seat to free", () -> ssh.server.activeSessions() == 0);
        assertTrue(ssh.logHas("play /127.0.0.1") && ssh.logHas("cart=rocket"), ssh.log().toString());
    }

    @Test
    void withoutAPtyThePlayerGetsOneLineAndTheConnectionCloses() throws Exception {
        ssh = new SshFixture(tmp, c -> { });
        try (ClientSession s = ssh.login("play")) {
            ChannelShell shell = s.createShellChannel();
            shell.setUsePty(false);
            SshFixture.Screen screen = new SshFixture.Screen();
            shell.setOut(screen);
            shell.setErr(screen);
            shell.open().verify(Duration.ofSeconds(10));
            shell.waitFor(List.of(ClientChannelEvent.CLOSED), Duration.ofSeconds(10));
            assertTrue(screen.text().contains("needs an interactive terminal"), screen.text());
            ChannelExec exec = s.createExecChannel("cat /etc/passwd");
            SshFixture.Screen out = new SshFixture.Screen();
            exec.setOut(out);
            exec.setErr(out);
            exec.open().verify(Duration.ofSeconds(10));
            exec.waitFor(List.of(ClientChannelEvent.CLOSED), Duration.ofSeconds(10));
            assertTrue(out.text().contains("only plays games"), out.text());
            assertEquals(1, exec.getExitStatus());
        }
        SshFixture.await("the seat to free", () -> ssh.server.activeSessions() == 0);
    }

    @Test
    void aFullServerRefusesPolitely() throws Exception {
        ssh = new SshFixture(tmp, c -> c.maxSessions = 2);
        List<ClientSession> sessions = new ArrayList<>();
        try {
            List<SshFixture.Player> players = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                ClientSession s = ssh.login("snake");
                sessions.add(s);
                players.add(new SshFixture.Player(s, 60, 20));
                if (i < 2) players.get(i).awaitText("game " + i, t -> t.contains("SNAKE"));
            }
            players.get(2).awaitText("refusal", t -> t.contains("seats are taken"));
            assertEquals(2, ssh.server.activeSessions());
        } finally {
            for (ClientSession s : sessions) s.close();
        }
        SshFixture.await("all seats free", () -> ssh.server.activeSessions() == 0);
    }
}
