package dev.termcade.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.termcade.console.Framebuffer;
import dev.termcade.console.Game;
import dev.termcade.console.RocketHeading;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.sshd.client.channel.ChannelShell;
import org.apache.sshd.client.channel.ClientChannel;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.core.CoreModuleProperties;
import org.junit.jupiter.api.Test;

/** Rooms of one-player carts (rocket), spectators who only watch, and the saves of WASM-4 rooms. */
class OnePlayerRoomsTest extends ServerTestBase {
    static final String LEFT = "\u001b[D";

    private Room onlyRoom() {
        List<Room> rooms = ssh.server.rooms().all();
        assertEquals(1, rooms.size(), "one room open");
        return rooms.get(0);
    }

    @Test
    void aRocketRoomHasOnePlayerWhoseKeysSteerAndSpectatorsWhoSeeTheSameFrame() throws Exception {
        ssh = new SshFixture(tmp, c -> { });
        SshFixture.Player pilot = ssh.play("rocket+moon+alice", 100, 40);
        pilot.awaitText("the seat", t -> t.contains("you are player 1") && t.contains("room moon: 1=alice"));
        SshFixture.Player watcher = ssh.play("rocket+moon+bob", 60, 20); // the one seat is taken: bob watches
        watcher.awaitText("spectating", t -> t.contains("watching"));
        assertEquals("room moon: 1=alice +1 watching", onlyRoom().describe());
        Game game = onlyRoom().awaitGame();
        assertEquals(100, game.picture().width(), "the room's picture: the first player's play area in half blocks, 100 columns");
        assertEquals(39 * 2, game.picture().height(), "and 39 rows above the status line");

        int heading = RocketHeading.offset(game.memory());
        SshFixture.hold(watcher, LEFT, 15);
        Thread.sleep(200);
        assertEquals(RocketHeading.START, RocketHeading.of(game, heading), "a spectator's keys do nothing");
        SshFixture.hold(pilot, LEFT, 8);
        SshFixture.await("the pilot's left key to turn the ship", () -> RocketHeading.of(game, heading) < RocketHeading.START - 0.1);

        // The game runs on: catch a moment when both viewers have copied the room's latest frame.
        Framebuffer truth = new Framebuffer(1, 1);
        SshFixture.await("both viewers to show the room's frame", () -> {
            game.copyPicture(truth);
            long expected = SshFixture.hash(truth);
            List<GameShell> shells = ssh.server.shells();
            return shells.size() == 2 && shells.stream().allMatch(s -> s.picture() != null && SshFixture.hash(s.picture()) == expected);
        });
        assertTrue(game.updates() > 10, "the room's thread steps the game");
        assertTrue(watcher.screen.size() > 2000 && pilot.screen.size() > 2000, "both terminals got frames");
    }

    @Test
    void aSpectatorWatchesWhileSomeonePlaysAndGoesWhenNobodyDoes() throws Exception {
        ssh = new SshFixture(tmp, c -> c.idleTimeoutSeconds = 1);
        SshFixture.Player pilot = ssh.play("rocket+moon", 80, 24);
        pilot.awaitText("the seat", t -> t.contains("you are player 1"));
        SshFixture.Player watcher = ssh.play("watch+moon", 80, 24);
        watcher.awaitText("spectating", t -> t.contains("watching"));
        // Three idle timeouts: the pilot keeps pressing keys, the spectator presses none and stays.
        for (int i = 0; i < 30; i++) {
            pilot.type("x");
            Thread.sleep(100);
        }
        assertFalse(watcher.shell.isClosed(), "a spectator of a played room is not idle");
        assertFalse(pilot.shell.isClosed());
        pilot.type("q");
        pilot.awaitClosed();
        watcher.awaitClosed();
        assertTrue(watcher.screen.text().contains("nobody has played the room for 1 s"), watcher.screen.text());
        SshFixture.await("the room to close", () -> ssh.server.rooms().count() == 0);
    }

    @Test
    void aSpectatorThatStopsReadingIsStillCutOff() throws Exception {
        ssh = new SshFixture(tmp, c -> c.idleTimeoutSeconds = 2);
        SshFixture.Player pilot = ssh.play("rocket+moon", 120, 40);
        pilot.awaitText("the seat", t -> t.contains("you are player 1"));
        ClientSession s = ssh.login("watch+moon");
        CoreModuleProperties.WINDOW_SIZE.set(s, 16 * 1024L); // a small window fills within a second of frames
        ChannelShell stalled = s.createShellChannel();
        stalled.setPtyColumns(120);
        stalled.setPtyLines(40);
        stalled.setStreaming(ClientChannel.Streaming.Async); // output is only consumed when read: never read here
        stalled.open().verify(Duration.ofSeconds(10));
        long start = System.nanoTime();
        while (!stalled.isClosed() && System.nanoTime() - start < 15_000_000_000L) {
            pilot.type("x"); // the room is played all along: only the stall can end the spectator
            Thread.sleep(100);
        }
        assertTrue(stalled.isClosed(), "the stalled spectator was cut off");
        assertTrue(ssh.logHas("not reading for 2 s"), ssh.log().toString());
        assertFalse(pilot.shell.isClosed(), "the pilot plays on");
        s.close();
    }

    @Test
    void aWasm4RoomKeepsItsOwnSaveByCartAndRoomName() throws Exception {
        Path cart = SshFixture.ROOT.resolve("src/test/resources/wasm/savecounter.wasm");
        ssh = new SshFixture(tmp, c -> c.carts = List.of(cart));
        playOnceInRoom("savecounter+den");
        playOnceInRoom("savecounter+den+alice");
        playOnceInRoom("savecounter+attic");
        Path saves = tmp.resolve("data/rooms/savecounter");
        assertEquals(2, counter(saves.resolve("den.disk")), "room den started two games");
        assertEquals(1, counter(saves.resolve("attic.disk")), "room attic one");
        try (var files = Files.list(saves)) {
            assertEquals(List.of("attic.disk", "den.disk"), files.map(p -> p.getFileName().toString()).sorted().toList(), "only the saves, no temporary files");
        }
        assertFalse(Files.exists(tmp.resolve("data/saves")), "a room's game is not saved as any one player's");
    }

    private void playOnceInRoom(String user) throws Exception {
        SshFixture.Player p = ssh.play(user, 80, 24);
        p.awaitText("the game", t -> t.contains("SAVECOUNTER"));
        p.type("q");
        p.awaitClosed();
        p.disconnect();
        SshFixture.await("the room to close", () -> ssh.server.rooms().count() == 0);
    }

    private static int counter(Path save) throws Exception {
        return ByteBuffer.wrap(Files.readAllBytes(save)).order(ByteOrder.LITTLE_ENDIAN).getInt();
    }
}
