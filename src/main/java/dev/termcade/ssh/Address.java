package dev.termcade.ssh;

import dev.termcade.wasm.SafeText;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Where an SSH user name asks to go: {@code play} (the menu), {@code pong} (pong alone), {@code pong+friday} (room
 * "friday" playing pong, created if needed), {@code watch+friday} (spectate room "friday"); a room address may end
 * with the name to show for the player in the room's status line, {@code pong+friday+alice}. A name that names no
 * cart or is not a valid room gets {@link #problem} (one line for the player) and the menu.
 */
record Address(Kind kind, String cart, String room, String problem) {
    enum Kind { MENU, SOLO, ROOM, WATCH }

    /** The user name that opens the menu; also the first part of {@code watch+ROOM}. */
    static final String MENU_USER = "play", WATCH = "watch";
    /** Room names: short, plain, and safe to show anywhere. */
    private static final Pattern ROOM_NAME = Pattern.compile("[A-Za-z0-9_-]{1,24}");

    static Address menu(String problem) { return new Address(Kind.MENU, null, null, problem); }

    /** The player's name from {@code CART+ROOM+NAME}, or null when the address has none. */
    static String nameOf(String user) {
        if (user == null) return null;
        int first = user.indexOf('+'), second = first < 0 ? -1 : user.indexOf('+', first + 1);
        if (second < 0) return null;
        String nick = user.substring(second + 1);
        return ROOM_NAME.matcher(nick).matches() ? nick : null;
    }

    static Address parse(String user, Set<String> carts) {
        if (user == null || user.isEmpty() || user.equals(MENU_USER)) return menu(null);
        int plus = user.indexOf('+');
        if (plus < 0) {
            if (carts.contains(user)) return new Address(Kind.SOLO, user, null, null);
            return menu("There is no cart called " + SafeText.of(user, 40) + " here; choose one below.");
        }
        String first = user.substring(0, plus), room = user.substring(plus + 1);
        int nickPlus = room.indexOf('+');
        if (nickPlus >= 0) {
            String nick = room.substring(nickPlus + 1);
            room = room.substring(0, nickPlus);
            if (!ROOM_NAME.matcher(nick).matches()) {
                return menu("A player name is 1 to 24 letters, digits, - or _ (not " + SafeText.of(nick, 40) + "); choose below.");
            }
        }
        if (!ROOM_NAME.matcher(room).matches()) {
            return menu("A room name is 1 to 24 letters, digits, - or _ (not " + SafeText.of(room, 40) + "); choose below.");
        }
        if (first.equals(WATCH)) return new Address(Kind.WATCH, null, room, null);
        if (carts.contains(first)) return new Address(Kind.ROOM, first, room, null);
        return menu("There is no cart called " + SafeText.of(first, 40) + " here; choose one below.");
    }
}
