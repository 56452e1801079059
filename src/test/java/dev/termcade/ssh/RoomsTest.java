package dev.termcade.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.termcade.console.Framebuffer;
import dev.termcade.console.Game;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.sshd.client.channel.ChannelShell;
import org.apache.sshd.client.channel.ClientChannel;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.core.CoreModuleProperties;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Shared rooms with MINA's client: one WASM-4 instance, a gamepad per player, spectators, seats that free. */
class RoomsTest extends ServerTestBase {
    /** Where the test cart keeps player P's bar position (a byte column of the framebuffer), starting at 10. */
    static final int BAR_X = 0x19a0;
    static final int GAMEPAD1 = 0x16;
    static final String RIGHT = "\u001b[C", LEFT = "\u001b[D";

    @BeforeEach
    void start() throws Exception {
        ssh = new SshFixture(tmp, c -> {
            c.maxSessions = 8;
            c.maxPerAddress = 8;
        });
    }

    private Room onlyRoom() {
        List<Room> rooms = ssh.server.rooms().all();
        assertEquals(1, rooms.size(), "one room open");
        return rooms.get(0);
    }

    private Game game() throws Exception { return onlyRoom().awaitGame(); }

    @Test
    void playersInARoomDriveTheirOwnGamepadsAndEveryoneSeesTheSameFrame() throws Exception {
        SshFixture.Player one = ssh.play("gamepads+friday+alice", 100, 40);
        one.awaitText("seat 1", t -> t.contains("you are player 1") && t.contains("room friday: 1=alice 2=free"));
        SshFixture.Player two = ssh.play("gamepads+friday", 60, 30);
        two.awaitText("seat 2", t -> t.contains("you are player 2"));
        assertEquals("room friday: 1=alice 2=127.0.0.1 3=free 4=free", onlyRoom().describe(), "seats named by the address, else by where they connect from");
        SshFixture.Player watcher = ssh.play("watch+friday", 120, 50);
        watcher.awaitText("spectating", t -> t.contains("watching"));
        Game game = game();
        assertEquals(1, ssh.server.rooms().count());

        SshFixture.hold(one, RIGHT, 8);
        SshFixture.hold(two, LEFT, 8);
        SshFixture.await("player 1's bar to move right and player 2's left",
                () -> game.memory()[BAR_X] > 10 && game.memory()[BAR_X + 1] < 10);
        assertEquals(10, game.memory()[BAR_X + 2], "nobody drives gamepad 3");
        byte[] mem = game.memory();
        assertEquals(4, mem[0x20] & 4, "NETPLAY says netplay is active");

        // Once nobody presses anything the picture stands still: every viewer then shows exactly the game's frame.
        Framebuffer truth = new Framebuffer(1, 1);
        SshFixture.await("the picture to settle", () -> {
            game.copyPicture(truth);
            long before = SshFixture.hash(truth);
            try {
                Thread.sleep(900);
            } catch (InterruptedException e) {
                return false;
            }
            game.copyPicture(truth);
            return before == SshFixture.hash(truth) && game.memory()[GAMEPAD1] == 0 && game.memory()[GAMEPAD1 + 1] == 0;
        });
        Thread.sleep(200);
        List<GameShell> shells = ssh.server.shells();
        assertEquals(3, shells.size());
        for (GameShell s : shells) assertEquals(SshFixture.hash(truth), SshFixture.hash(s.picture()), "a viewer shows the room's frame");
        for (SshFixture.Player p : List.of(one, two, watcher)) assertTrue(p.screen.size() > 2000, "each terminal got frames");
    }

    @Test
    void aFullRoomSpectatesAndALeavingPlayerFreesTheSeatAndReleasesTheButtons() throws Exception {
        List<ClientSession> sessions = new ArrayList<>();
        List<SshFixture.Player> players = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            ClientSession s = ssh.login("gamepads+friday");
            sessions.add(s);
            SshFixture.Player p = new SshFixture.Player(s, 80, 30);
            int seat = i + 1;
            p.awaitText("seat " + seat, t -> t.contains("you are player " + seat));
            players.add(p);
        }
        SshFixture.Player fifth = ssh.play("gamepads+friday", 80, 30);
        fifth.awaitText("a full room: spectating", t -> t.contains("watching"));
        Game game = game();

        // Player 2 holds RIGHT and leaves while it is down: the gamepad is released at once, not when a repeat times out.
        SshFixture.Player two = players.get(1);
        SshFixture.hold(two, RIGHT, 3);
        SshFixture.await("gamepad 2 to show RIGHT", () -> (game.memory()[GAMEPAD1 + 1] & 32) != 0);
        two.type(RIGHT);
        sessions.get(1).close();
        SshFixture.await("gamepad 2 to be released", () -> game.memory()[GAMEPAD1 + 1] == 0);
        SshFixture.await("seat 2 to free", () -> onlyRoom().describe().contains("2=free"));
        assertTrue(onlyRoom().describe().contains("+1 watching"), onlyRoom().describe());

        SshFixture.Player newcomer = ssh.play("gamepads+friday", 80, 30);
        newcomer.awaitText("the freed seat", t -> t.contains("you are player 2"));
        SshFixture.hold(newcomer, LEFT, 4);
        SshFixture.await("the newcomer to drive gamepad 2", () -> game.memory()[BAR_X + 1] < 20);

        for (ClientSession s : sessions) s.close();
        fifth.disconnect();
        newcomer.disconnect();
        Thread roomThread = onlyRoom().thread();
        SshFixture.await("the room to close when the last person left", () -> ssh.server.rooms().count() == 0);
        SshFixture.await("the room's thread to end", () -> !roomThread.isAlive());
    }

    @Test
    void theRoomClosesWithItsThreadWhenTheLastPersonLeaves() throws Exception {
        SshFixture.Player one = ssh.play("gamepads+friday", 80, 30);
        one.awaitText("seat 1", t -> t.contains("you are player 1"));
        Thread roomThread = onlyRoom().thread();
        assertTrue(roomThread.isAlive());
        one.type("q");
        one.awaitClosed();
        SshFixture.await("the room to close", () -> ssh.server.rooms().count() == 0);
        SshFixture.await("the room's thread to end", () -> !roomThread.isAlive());
    }

    @Test
    void aStalledPlayerDoesNotSlowTheRoom() throws Exception {
        SshFixture.Player one = ssh.play("gamepads+friday", 80, 30);
        one.awaitText("seat 1", t -> t.contains("you are player 1"));
        ClientSession s = ssh.login("gamepads+friday");
        CoreModuleProperties.WINDOW_SIZE.set(s, 8 * 1024L);
        ChannelShell stalled = s.createShellChannel();
        stalled.setPtyColumns(200);
        stalled.setPtyLines(80);
        stalled.setStreaming(ClientChannel.Streaming.Async); // never read
        stalled.open().verify(Duration.ofSeconds(10));
        SshFixture.await("the stalled client's output to back up", () -> ssh.server.shells().stream().anyMatch(g -> g.outputStalledSinceNs() != 0
                && System.nanoTime() - g.outputStalledSinceNs() > 300_000_000L));
        Game game = game();
        GameShell reader = ssh.server.shells().stream().filter(g -> g.outputStalledSinceNs() == 0).findFirst().orElseThrow();
        long updates0 = game.updates(), frames0 = reader.frames(), t0 = System.nanoTime();
        Thread.sleep(2000);
        double secs = (System.nanoTime() - t0) / 1e9;
        double ups = (game.updates() - updates0) / secs, fps = (reader.frames() - frames0) / secs;
        assertTrue(ups > 55 && ups < 65, "the room keeps 60 updates/s: " + ups);
        assertTrue(fps > 25, "the reading player keeps its frame rate: " + fps);
        s.close();
    }

    @Test
    void anUnknownCartOrRoomGetsOneLineAndTheMenuNeverAnotherGame() throws Exception {
        SshFixture.Player p = ssh.play("nosuchcart", 100, 30);
        p.awaitText("the notice and the menu", t -> t.contains("There is no cart called nosuchcart here") && t.contains("choose a cartridge"));
        p.type("q");
        p.awaitClosed();
        SshFixture.Player w = ssh.play("watch+nobody", 100, 30);
        w.awaitText("the notice", t -> t.contains("No room called nobody is open") && t.contains("choose a cartridge"));
        w.type("q");
        SshFixture.Player host = ssh.play("snake+friday", 120, 30);
        host.awaitText("the room", t -> t.contains("you are player 1"));
        SshFixture.Player r = ssh.play("rocket+friday", 120, 30);
        r.awaitText("the notice", t -> t.contains("Room friday plays snake, not rocket") && t.contains("choose a cartridge"));
        r.type("q");
        host.type("q");
        host.awaitClosed();
        SshFixture.Player bad = ssh.play("gamepads+no/such\u001b[2Jroom", 120, 30);
        bad.awaitText("the notice", t -> t.contains("A room name is 1 to 24 letters"));
        assertFalse(bad.screen.text().contains("\u001b[2Jroom"), "the bad name is not echoed raw");
        bad.type("q");
        SshFixture.Player badName = ssh.play("gamepads+friday+no\u001b[2Jname", 120, 30);
        badName.awaitText("the notice", t -> t.contains("A player name is 1 to 24 letters"));
        badName.type("q");
        assertEquals(0, ssh.server.rooms().count());
    }

    @Test
    void theMenuListsOpenRoomsAndQReturnsToIt() throws Exception {
        SshFixture.Player one = ssh.play("gamepads+friday", 80, 30);
        one.awaitText("seat 1", t -> t.contains("you are player 1"));
        SshFixture.Player p = ssh.play("play", 100, 30);
        p.awaitText("the room in the menu", t -> t.contains("room friday: gamepads, 3 of 4 seats free"));
        p.type("4"); // rocket, snake, gamepads, then the room
        p.awaitText("seat 2 from the menu", t -> t.contains("you are player 2"));
        int before = p.screen.text().length();
        p.type("q");
        SshFixture.await("the menu again", () -> p.screen.text().substring(before).contains("choose a cartridge"));
        assertFalse(p.shell.isClosed(), "q from a game picked in the menu goes back to the menu");
        SshFixture.await("seat 2 to free", () -> onlyRoom().describe().contains("2=free"));
        p.type("q");
        p.awaitClosed();
        assertTrue(p.screen.text().endsWith("Termcade: bye\r\n"));
    }
}
