package dev.termcade.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.termcade.wasm.SafeText;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.sshd.client.channel.ChannelShell;
import org.apache.sshd.client.channel.ClientChannel;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.common.util.buffer.ByteArrayBuffer;
import org.apache.sshd.core.CoreModuleProperties;
import org.junit.jupiter.api.Test;

/** Hostile and careless clients, and the files that belong to the server's owner. */
class HardeningTest extends ServerTestBase {
    private static final Pattern CURSOR_MOVE = Pattern.compile("\u001b\\[(\\d+);(\\d+)H");

    /** The largest row and column the server moved the cursor to. */
    private static int[] furthestCursor(String text) {
        int[] max = {0, 0};
        Matcher m = CURSOR_MOVE.matcher(text);
        while (m.find()) {
            max[0] = Math.max(max[0], Integer.parseInt(m.group(1)));
            max[1] = Math.max(max[1], Integer.parseInt(m.group(2)));
        }
        return max;
    }

    @Test
    void theTerminalIsCappedAt500x200OnTheRequestAndOnWindowChanges() throws Exception {
        ssh = new SshFixture(tmp, c -> { });
        SshFixture.Player p = ssh.play("rocket", 1000, 1000);
        p.awaitText("the status line on row 200", t -> t.contains("\u001b[200;1H") && t.contains("ROCKET"));
        int[] furthest = furthestCursor(p.screen.text());
        assertEquals(200, furthest[0], "rows capped");
        assertTrue(furthest[1] <= 500, "columns capped: " + furthest[1]);
        int before = p.screen.size();
        p.shell.sendWindowChange(100_000, 5000);
        SshFixture.await("frames after the window change", () -> p.screen.size() > before + 10_000);
        Thread.sleep(300);
        furthest = furthestCursor(p.screen.text().substring(before));
        // The capped size equals the one before, so the frames since may be deltas that never reach row 200:
        // what must hold is that no output goes past the cap (an uncapped resize would redraw far below it).
        assertTrue(furthest[0] > 0 && furthest[0] <= 200, "rows still capped after a window change: " + furthest[0]);
        assertTrue(furthest[1] <= 500, "columns still capped: " + furthest[1]);
        assertEquals(500, GameShell.clamp("501", 80, GameShell.MAX_COLUMNS));
        assertEquals(80, GameShell.clamp("-3", 80, GameShell.MAX_COLUMNS));
        assertEquals(80, GameShell.clamp("99999999999", 80, GameShell.MAX_COLUMNS));
    }

    @Test
    void aHostileUserNameCannotForgeALogLineOrReachATerminal() throws Exception {
        ssh = new SshFixture(tmp, c -> { });
        String evil = "evil\u001b[2J\n15:00:00 FAKE LOG LINE\u009b31m\u202e";
        try (ClientSession s = ssh.login(evil)) {
            SshFixture.Player p = new SshFixture.Player(s, 80, 24);
            p.awaitText("the menu", t -> t.contains("choose a cartridge"));
            p.type("q");
            p.awaitClosed();
            assertFalse(p.screen.text().contains("\n15:00:00 FAKE"), "the name is not echoed raw");
            assertFalse(p.screen.text().contains("\u009b"), "no C1 CSI reaches the terminal");
            assertTrue(p.screen.text().contains("no cart called evil\\x1b[2J\\x0a15:00:00"), "the menu names it, escaped");
        }
        SshFixture.await("the disconnect line", () -> ssh.logHas("disconnect"));
        for (String line : ssh.log()) {
            assertTrue(SafeText.isSafe(line), "log line with a control character: " + line);
            assertFalse(line.startsWith("15:00:00"), line);
        }
        assertTrue(ssh.logHas("user=evil\\x1b[2J\\x0a15:00:00 FAKE LOG LINE\\x9b31m\\u202e"), ssh.log().toString());
    }

    @Test
    void ed25519KeysAreAcceptedAndAnUnreadableLineIsSkippedWithItsNumber() throws Exception {
        KeyPair ed = KeyUtils.generateKeyPair(KeyPairProvider.SSH_ED25519, 256);
        KeyPair ec = KeyUtils.generateKeyPair(KeyPairProvider.ECDSA_SHA2_NISTP256, 256);
        KeyPair stranger = KeyUtils.generateKeyPair(KeyPairProvider.SSH_ED25519, 256);
        KeyPair limited = KeyUtils.generateKeyPair(KeyPairProvider.SSH_ED25519, 256);
        KeyPair restricted = KeyUtils.generateKeyPair(KeyPairProvider.SSH_ED25519, 256);
        Path keys = tmp.resolve("authorized_keys");
        Files.writeString(keys, "# players\n"
                + "ssh-ed25519 AAAAnot-base64!! broken\n"
                + PublicKeyEntry.toString(ed.getPublic()) + " alice@laptop\n"
                + "\n"
                + PublicKeyEntry.toString(ec.getPublic()) + " bob\n"
                + "from=\"10.9.9.9\" " + PublicKeyEntry.toString(limited.getPublic()) + " only from one host\n"
                + "no-port-forwarding,no-agent-forwarding " + PublicKeyEntry.toString(restricted.getPublic()) + " carol\n");
        ssh = new SshFixture(tmp, c -> c.authorizedKeys = keys);
        assertTrue(ssh.logHas("authorized_keys line 2: skipped"), ssh.log().toString());
        assertTrue(loginWithKey(ed), "ed25519 key from the file");
        assertTrue(loginWithKey(ec), "ECDSA key from the file");
        assertFalse(loginWithKey(stranger), "a key not in the file");
        assertTrue(ssh.logHas("authorized_keys line 6: skipped, the option from is not supported here"), ssh.log().toString());
        assertFalse(loginWithKey(limited), "a key limited to another host does not play without its limit");
        assertTrue(loginWithKey(restricted), "options that only take away forwarding are harmless");
    }

    @Test
    void theAuthorizedKeysFileIsReadAgainWhenItChanges() throws Exception {
        KeyPair ann = KeyUtils.generateKeyPair(KeyPairProvider.SSH_ED25519, 256);
        KeyPair bob = KeyUtils.generateKeyPair(KeyPairProvider.SSH_ED25519, 256);
        Path keys = tmp.resolve("authorized_keys");
        Files.writeString(keys, PublicKeyEntry.toString(ann.getPublic()) + " ann\n");
        ssh = new SshFixture(tmp, c -> c.authorizedKeys = keys);
        assertTrue(loginWithKey(ann));
        assertFalse(loginWithKey(bob));

        // An editor's save: a new file moved over the old one (its time set apart, whatever the clock's resolution).
        Path edited = tmp.resolve("authorized_keys.new");
        Files.writeString(edited, PublicKeyEntry.toString(bob.getPublic()) + " bob\n");
        Files.setLastModifiedTime(edited, java.nio.file.attribute.FileTime.fromMillis(Files.getLastModifiedTime(keys).toMillis() + 5000));
        Files.move(edited, keys, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertTrue(loginWithKey(bob), "a key added to the file plays without a restart");
        assertFalse(loginWithKey(ann), "a key removed from the file no longer does");
        assertTrue(ssh.logHas("authorized_keys: reloaded"), ssh.log().toString());

        Files.writeString(keys, "# nobody for now\n");
        Files.setLastModifiedTime(keys, java.nio.file.attribute.FileTime.fromMillis(Files.getLastModifiedTime(keys).toMillis() + 10000));
        assertFalse(loginWithKey(bob), "a file without usable keys lets nobody in");
        assertTrue(ssh.logHas("no usable keys in the authorized keys file; nobody may log in by key until it is fixed"), ssh.log().toString());
    }

    private boolean loginWithKey(KeyPair key) throws Exception {
        try (ClientSession s = ssh.client.connect("rocket", "127.0.0.1", ssh.server.port()).verify(Duration.ofSeconds(10)).getSession()) {
            s.addPublicKeyIdentity(key);
            return s.auth().await(Duration.ofSeconds(10)) && s.isAuthenticated();
        }
    }

    @Test
    void aHostKeyPathHoldingSomethingElseIsNeverOverwritten() throws Exception {
        Path notes = tmp.resolve("p.txt");
        Files.writeString(notes, "notes I care about\n");
        GameServer.Config c = new GameServer.Config();
        c.port = 0;
        c.carts = List.of(SshFixture.CARTS.resolve("rocket.wasm"));
        c.hostKey = notes;
        IOException e = assertThrows(IOException.class, () -> new GameServer(c, line -> { }));
        assertTrue(e.getMessage().contains("p.txt: not a host key") && e.getMessage().contains("left untouched"), e.getMessage());
        assertEquals("notes I care about\n", Files.readString(notes));

        c.hostKey = tmp.resolve("keys/new_host_key");
        new GameServer(c, line -> { }).close();
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(c.hostKey)));
        byte[] key = Files.readAllBytes(c.hostKey);
        java.security.PublicKey first = Access.hostKey(c.hostKey).loadKeys(null).iterator().next().getPublic();
        java.security.PublicKey again = Access.hostKey(c.hostKey).loadKeys(null).iterator().next().getPublic();
        assertTrue(KeyUtils.compareKeys(first, again), "the same key at every start");
        assertTrue(java.util.Arrays.equals(key, Files.readAllBytes(c.hostKey)), "the key file is reused, not rewritten");
    }

    @Test
    void aPasswordFileMustBePrivateAndPasswordsMustMatch() throws Exception {
        Path file = tmp.resolve("passwords");
        Files.writeString(file, "alice:wonder land\n# comment\nbob:builder\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        GameServer.Config c = new GameServer.Config();
        c.port = 0;
        c.carts = List.of(SshFixture.CARTS.resolve("rocket.wasm"));
        c.hostKey = tmp.resolve("host_key");
        c.passwordFile = file;
        IOException e = assertThrows(IOException.class, () -> new GameServer(c, line -> { }));
        assertTrue(e.getMessage().contains("readable by group or others") && e.getMessage().contains("chmod 600"), e.getMessage());

        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        ssh = new SshFixture(tmp, x -> x.passwordFile = file);
        assertTrue(loginWithPassword("alice", "wonder land"));
        assertTrue(loginWithPassword("bob", "builder"));
        assertFalse(loginWithPassword("alice", "builder"), "another user's password");
        assertFalse(loginWithPassword("alice", "wonder lan"), "a prefix");
        assertFalse(loginWithPassword("carol", "builder"), "an unknown user");
    }

    private boolean loginWithPassword(String user, String password) throws Exception {
        try (ClientSession s = ssh.client.connect(user, "127.0.0.1", ssh.server.port()).verify(Duration.ofSeconds(10)).getSession()) {
            s.addPasswordIdentity(password);
            return s.auth().await(Duration.ofSeconds(10)) && s.isAuthenticated();
        }
    }

    @Test
    void anIdleMenuAndAConnectionWithoutAGameLoseTheirSeats() throws Exception {
        // 3 s: long enough that both connections are surely still counted when the menu shows on a busy machine.
        ssh = new SshFixture(tmp, c -> c.idleTimeoutSeconds = 3);
        ClientSession noGame = ssh.login("rocket"); // like ssh -N: logged in, never opens a channel
        SshFixture.Player menu = ssh.play("play", 80, 24);
        menu.awaitText("the menu", t -> t.contains("choose a cartridge"));
        assertEquals(2, ssh.server.activeSessions());
        menu.awaitClosed();
        assertTrue(menu.screen.text().contains("no key pressed for 3 s"), menu.screen.text());
        SshFixture.await("the -N connection to close", noGame::isClosed);
        SshFixture.await("both seats to free", () -> ssh.server.activeSessions() == 0);
    }

    @Test
    void connectionsWithoutAGameCountAgainstTheSeats() throws Exception {
        ssh = new SshFixture(tmp, c -> c.maxSessions = 2);
        try (ClientSession a = ssh.login("rocket"); ClientSession b = ssh.login("rocket")) {
            assertEquals(2, ssh.server.activeSessions());
            SshFixture.Player third = ssh.play("rocket", 80, 24);
            third.awaitText("the refusal", t -> t.contains("seats are taken"));
            third.awaitClosed();
        }
    }

    @Test
    void oneAddressMayHoldOnlyItsShareOfConnections() throws Exception {
        ssh = new SshFixture(tmp, c -> c.maxPerAddress = 2);
        try (ClientSession a = ssh.login("rocket"); ClientSession b = ssh.login("rocket")) {
            assertThrows(Exception.class, () -> ssh.login("rocket").close());
            assertTrue(ssh.logHas("more than 2 connections from /127.0.0.1"), ssh.log().toString());
        }
        SshFixture.await("seats free", () -> ssh.server.activeSessions() == 0);
        ssh.login("rocket").close(); // the address may come back once its connections ended
    }

    @Test
    void aClientThatNeverReadsNeitherStallsItsGameNorKeepsItsSeat() throws Exception {
        ssh = new SshFixture(tmp, c -> c.idleTimeoutSeconds = 3);
        ClientSession s = ssh.login("rocket");
        CoreModuleProperties.WINDOW_SIZE.set(s, 16 * 1024L); // a small window fills within a second of frames
        ChannelShell shell = s.createShellChannel();
        shell.setPtyColumns(200);
        shell.setPtyLines(60);
        shell.setStreaming(ClientChannel.Streaming.Async); // output is only consumed when read: we never read it
        shell.open().verify(Duration.ofSeconds(10));
        SshFixture.await("the game to start", () -> !ssh.server.framesPerSession().isEmpty());
        long stalledAt = 0;
        long framesAtStall = 0;
        long start = System.nanoTime();
        while (!shell.isClosed() && System.nanoTime() - start < 15_000_000_000L) {
            // keep pressing keys, so only the output stall can end the game
            shell.getAsyncIn().writeBuffer(new ByteArrayBuffer(" ".getBytes(StandardCharsets.US_ASCII))).verify(Duration.ofSeconds(5));
            GameShell g = ssh.server.shells().isEmpty() ? null : ssh.server.shells().get(0);
            if (g != null && stalledAt == 0 && g.outputStalledSinceNs() != 0 && System.nanoTime() - g.outputStalledSinceNs() > 500_000_000L) {
                stalledAt = System.nanoTime();
                framesAtStall = g.frames();
            }
            if (stalledAt != 0 && System.nanoTime() - stalledAt > 1_000_000_000L && g != null) {
                long perSecond = g.frames() - framesAtStall;
                assertTrue(perSecond >= 20, "the game keeps its pace while its client is stalled: " + perSecond + " frames in 1 s");
                stalledAt = -1; // checked once
            }
            Thread.sleep(100);
        }
        assertTrue(stalledAt == -1, "the client's window filled up and the game went on");
        assertTrue(shell.isClosed(), "the connection was cut");
        assertTrue(ssh.logHas("not reading for 3 s"), ssh.log().toString());
        SshFixture.await("the seat to free", () -> ssh.server.activeSessions() == 0);
        s.close();
    }

    @Test
    void stoppingTheServerSaysGoodbyeAndRestoresTheTerminal() throws Exception {
        ssh = new SshFixture(tmp, c -> { });
        SshFixture.Player p = ssh.play("rocket", 80, 24);
        p.awaitText("the game", t -> t.contains("ROCKET"));
        ssh.server.close();
        p.awaitClosed();
        String text = p.screen.text();
        assertTrue(text.endsWith(GameShell.RESTORE_TERMINAL + "Termcade: the server is shutting down, goodbye\r\n"), text.substring(Math.max(0, text.length() - 200)));
        assertTrue(ssh.logHas("stopping: telling 1 players goodbye"), ssh.log().toString());
        assertTrue(ssh.logHas("stopped"), ssh.log().toString());
    }

    @Test
    void aDisconnectFreesThePlayersThreadEvenWhileTheCartIsStuckInALoop() throws Exception {
        Path runaway = SshFixture.ROOT.resolve("src/test/resources/wasm/runaway_cart.wasm");
        ssh = new SshFixture(tmp, c -> {
            c.carts = List.of(runaway);
            c.frameBudgetMs = 600_000; // the watchdog would take ten minutes: only the disconnect can free the thread
        });
        SshFixture.Player p = ssh.play("runaway_cart", 80, 24);
        SshFixture.await("the game to start", () -> !ssh.server.shells().isEmpty() && ssh.server.shells().get(0).thread() != null);
        Thread player = ssh.server.shells().get(0).thread();
        Thread.sleep(500); // the fourth frame spins for ever
        assertTrue(player.isAlive());
        p.disconnect();
        SshFixture.await("the player's thread to end", () -> !player.isAlive());
        SshFixture.await("the seat to free", () -> ssh.server.activeSessions() == 0);
    }

    @Test
    void aClientThatNeverLogsInIsClosedAfterTheAuthTimeout() throws Exception {
        ssh = new SshFixture(tmp, c -> c.authTimeoutSeconds = 1);
        try (java.net.Socket raw = new java.net.Socket("127.0.0.1", ssh.server.port())) {
            raw.setSoTimeout(10_000);
            var in = raw.getInputStream();
            long start = System.nanoTime();
            while (in.read() >= 0) { } // the server's identification line, then nothing until it closes
            assertTrue(System.nanoTime() - start < 8_000_000_000L, "closed by the auth timeout");
        }
        SshFixture.await("the seat to free", () -> ssh.server.activeSessions() == 0);
    }

    @Test
    void theLogGetsAStatusLineAtTheInterval() throws Exception {
        ssh = new SshFixture(tmp, c -> c.statusIntervalSeconds = 1);
        SshFixture.Player p = ssh.play("rocket", 80, 24);
        p.awaitText("the game", t -> t.contains("ROCKET"));
        SshFixture.await("a status line with the player", () -> ssh.log().stream().anyMatch(l -> l.startsWith("status: 1 players, 0 rooms, 1 connections, ")
                && l.contains(" fps per player, CPU ") && l.contains(" bytes/s")));
    }

    @Test
    void eachPlayerWithAKeyHasTheirOwnSavePerCart() throws Exception {
        Path cart = SshFixture.ROOT.resolve("src/test/resources/wasm/savecounter.wasm");
        ssh = new SshFixture(tmp, c -> c.carts = List.of(cart));
        KeyPair ann = KeyUtils.generateKeyPair(KeyPairProvider.SSH_ED25519, 256);
        KeyPair bob = KeyUtils.generateKeyPair(KeyPairProvider.SSH_ED25519, 256);
        Path saves = tmp.resolve("data/saves/savecounter");
        Path annSave = saves.resolve(GameServer.fileNameOf(KeyUtils.getFingerPrint(ann.getPublic())) + ".disk");
        Path bobSave = saves.resolve(GameServer.fileNameOf(KeyUtils.getFingerPrint(bob.getPublic())) + ".disk");
        playOnceWithKey(ann);
        playOnceWithKey(ann);
        playOnceWithKey(bob);
        SshFixture.await("the saves", () -> Files.exists(annSave) && Files.exists(bobSave));
        assertEquals(2, java.nio.ByteBuffer.wrap(Files.readAllBytes(annSave)).order(java.nio.ByteOrder.LITTLE_ENDIAN).getInt(), "ann started two games");
        assertEquals(1, java.nio.ByteBuffer.wrap(Files.readAllBytes(bobSave)).order(java.nio.ByteOrder.LITTLE_ENDIAN).getInt(), "bob one");
        SshFixture.Player anonymous = ssh.play("savecounter", 80, 24); // password login: no key, no save
        anonymous.awaitText("the game", t -> t.contains("SAVECOUNTER"));
        anonymous.disconnect();
        try (var files = Files.list(saves)) {
            assertEquals(2, files.count(), "no save for a player without a key");
        }
    }

    private void playOnceWithKey(KeyPair key) throws Exception {
        ClientSession s = ssh.client.connect("savecounter", "127.0.0.1", ssh.server.port()).verify(Duration.ofSeconds(10)).getSession();
        s.addPublicKeyIdentity(key);
        s.auth().verify(Duration.ofSeconds(10));
        SshFixture.Player p = new SshFixture.Player(s, 80, 24);
        p.awaitText("the game", t -> t.contains("SAVECOUNTER"));
        p.type("q");
        p.awaitClosed();
        s.close();
    }
}
