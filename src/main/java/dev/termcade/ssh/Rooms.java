package dev.termcade.ssh;

import com.googlecode.lanterna.TerminalSize;
import dev.termcade.console.Cartridge;
import dev.termcade.console.ConsoleOptions;
import dev.termcade.console.wasm4.Wasm4;
import dev.termcade.vm.CompiledModule;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** The open rooms by name: joining creates a room, the last one to leave closes it. */
final class Rooms {
    /** A place in a room: a seat (0-based gamepad) or -1 for a spectator. */
    record Membership(Room room, int seat) {
        boolean spectating() { return seat < 0; }
    }

    /** The result of asking to join: a membership, or one line saying why not. */
    record Join(Membership membership, String problem) {}

    /** A line of the menu: an open room, its cart and its free seats. */
    record Listing(String room, String cart, int freeSeats, int seats) {}

    private final Map<String, Room> open = new LinkedHashMap<>();
    private final Consumer<String> log;

    Rooms(Consumer<String> log) { this.log = log; }

    /**
     * Joins room {@code name} as {@code user}: playing {@code cart} (creating the room if needed; spectating if it is
     * full), or only watching when {@code cart} is null.
     */
    synchronized Join join(String name, String cart, CompiledModule module, ConsoleOptions options, String user, TerminalSize terminal) {
        Room room = open.get(name);
        if (room == null) {
            if (cart == null) return new Join(null, "No room called " + name + " is open; choose below.");
            // The play area above the status line: what a terminal-sized picture covers for this player.
            room = new Room(name, cart, module, options, terminal.withRelativeRows(-1));
            open.put(name, room);
            room.start();
            log.accept("room " + name + " opened: " + cart);
        } else if (cart != null && !cart.equals(room.cartName)) {
            return new Join(null, "Room " + name + " plays " + room.cartName + ", not " + cart + "; choose below.");
        }
        if (cart == null) {
            room.addSpectator();
            return new Join(new Membership(room, -1), null);
        }
        int seat = room.takeSeat(user, seatsOf(module));
        if (seat < 0) room.addSpectator();
        return new Join(new Membership(room, seat), null);
    }

    /** Players a cart's room seats: a gamepad each on WASM-4, one player on the rocket and termcade ABIs. */
    static int seatsOf(CompiledModule module) {
        return Cartridge.Abi.detect(module.module()) == Cartridge.Abi.WASM4 ? Wasm4.PLAYERS : 1;
    }

    /** Leaves a room; the room closes when nobody is left. */
    synchronized void leave(Membership m) {
        m.room().leave(m.seat());
        if (m.room().people() == 0 && open.get(m.room().name) == m.room()) {
            open.remove(m.room().name);
            m.room().close();
            log.accept("room " + m.room().name + " closed");
        }
    }

    synchronized List<Listing> list() {
        List<Listing> out = new ArrayList<>();
        for (Room r : open.values()) out.add(new Listing(r.name, r.cartName, r.freeSeats(), r.seats()));
        return out;
    }

    synchronized int count() { return open.size(); }

    synchronized List<Room> all() { return new ArrayList<>(open.values()); }
}
