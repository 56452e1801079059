package dev.termcade.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.termcade.wasm.SafeText;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** SSH user names as addresses, and as file names for saves. */
class AddressTest {
    static final Set<String> CARTS = Set.of("pong", "rocket");

    @Test
    void userNamesNameTheMenuACartARoomOrAWatch() {
        assertEquals(Address.menu(null), Address.parse("play", CARTS));
        assertEquals(Address.menu(null), Address.parse("", CARTS));
        assertEquals(new Address(Address.Kind.SOLO, "pong", null, null), Address.parse("pong", CARTS));
        assertEquals(new Address(Address.Kind.ROOM, "pong", "friday", null), Address.parse("pong+friday", CARTS));
        assertEquals(new Address(Address.Kind.ROOM, "pong", "friday", null), Address.parse("pong+friday+ann", CARTS));
        assertEquals(new Address(Address.Kind.WATCH, null, "friday", null), Address.parse("watch+friday", CARTS));
        assertEquals("ann", Address.nameOf("pong+friday+ann"));
        assertNull(Address.nameOf("pong+friday"));
        assertNull(Address.nameOf("pong"));
    }

    @Test
    void anythingElseGetsTheMenuWithOneSafeLine() {
        String[] bad = {"tetris", "tetris+friday", "pong+", "pong+a b", "pong+" + "x".repeat(25), "pong+friday+", "pong+friday+a/b",
            "pong+\u001b[2J", "\u009b31m", "pong+fri\u202eday", "watch+", "pong+friday+ann+more"};
        for (String user : bad) {
            Address a = Address.parse(user, CARTS);
            assertEquals(Address.Kind.MENU, a.kind(), user);
            assertTrue(a.problem() != null && SafeText.isSafe(a.problem()), user + " -> " + a.problem());
        }
        assertEquals("There is no cart called tetris here; choose one below.", Address.parse("tetris", CARTS).problem());
    }

    @Test
    void userNamesBecomePlainFileNames() {
        assertEquals("alice", GameServer.fileNameOf("alice"));
        assertEquals("a.b-c_d", GameServer.fileNameOf("a.b-c_d"));
        assertEquals("%2E.%2Fetc%2Fpasswd", GameServer.fileNameOf("../etc/passwd"));
        assertEquals("evil%1B%5B2J%0A", GameServer.fileNameOf("evil\u001b[2J\n"));
        assertEquals("%C3%A9", GameServer.fileNameOf("\u00e9"));
        assertEquals("%", GameServer.fileNameOf(""));
        assertTrue(GameServer.fileNameOf("x".repeat(10_000)).length() <= 124);
    }
}
