package dev.termcade.ssh;

import com.googlecode.lanterna.TextColor;
import com.googlecode.lanterna.graphics.TextGraphics;
import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.screen.Screen;
import dev.termcade.console.CartridgeException;
import dev.termcade.console.ConsoleOptions;
import dev.termcade.console.ConsoleSession;
import dev.termcade.console.StreamTerminal;
import dev.termcade.vm.Machine;
import dev.termcade.wasm.SafeText;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.sshd.common.io.IoInputStream;
import org.apache.sshd.common.io.IoOutputStream;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.Signal;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.AsyncCommand;

/**
 * One player's connection: a Lanterna terminal over the SSH channel and a console on its own thread. Output goes
 * through a {@link ClientOutput}, so the game never waits for a slow client (its frames are dropped instead).
 */
final class GameShell implements AsyncCommand {
    /** The largest terminal served (a pty request of 1000x1000 would otherwise cost hundreds of MB per session). */
    static final int MAX_COLUMNS = dev.termcade.console.ConsoleOptions.MAX_COLUMNS, MAX_ROWS = dev.termcade.console.ConsoleOptions.MAX_ROWS;
    /** Bytes that may pile up for a client while a send is in flight before it is cut off (a few full frames). */
    static final int MAX_PENDING_BYTES = 8 << 20;
    /**
     * Leaves the alternate screen, shows the cursor and resets colours: the terminal as the player had it, whatever
     * the game left (sent again after Lanterna's own restore, so even an interrupted frame cannot leave it broken).
     */
    static final String RESTORE_TERMINAL = "\u001b[0m\u001b[?25h\u001b[?1049l";

    private final GameServer server;
    private IoInputStream rawIn;
    private IoOutputStream rawOut;
    private ExitCallback exit;
    private ChannelSession channel;
    private ClientInput in;
    private ClientOutput out;
    private Connections.Connection connection;
    private Thread thread;
    /** The machine a cart played alone runs on (its thread is this connection's): stopping interrupts it. */
    private final Machine machine = new Machine();
    private volatile ConsoleSession session;
    private volatile String stopReason;
    /** The room this connection spectates, or null (playing, in the menu). */
    private volatile Room watching;
    /** The SSH user name as the client sent it: only for parsing and file names, never shown (see SafeText). */
    private String rawUser;

    GameShell(GameServer server) { this.server = server; }

    @Override public void setIoInputStream(IoInputStream in) { this.rawIn = in; }
    @Override public void setIoOutputStream(IoOutputStream out) { this.rawOut = out; }
    @Override public void setIoErrorStream(IoOutputStream err) { }
    @Override public void setInputStream(InputStream in) { }
    @Override public void setOutputStream(OutputStream out) { }
    @Override public void setErrorStream(OutputStream err) { }
    @Override public void setExitCallback(ExitCallback callback) { this.exit = callback; }

    private void say(String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    @Override public void start(ChannelSession channel, Environment env) throws IOException {
        this.channel = channel;
        connection = server.connections().of(channel.getSession());
        out = new ClientOutput(rawOut, MAX_PENDING_BYTES, () -> cutOff("output not draining"));
        in = new ClientInput(rawIn, connection != null ? connection::touch : () -> { });
        if (connection != null) connection.shell = this;
        Map<String, String> vars = env.getEnv();
        rawUser = channel.getSession().getUsername();
        String user = SafeText.of(rawUser, 64);
        String addr = connection != null ? connection.address : String.valueOf(channel.getSession().getIoSession().getRemoteAddress());
        if (!vars.containsKey(Environment.ENV_COLUMNS) || !vars.containsKey(Environment.ENV_LINES)) {
            finish(1, "Termcade needs an interactive terminal: connect with ssh -t (no pty was requested).");
            return;
        }
        if (connection == null || !connection.seated) {
            finish(1, "Sorry, all " + server.config().maxSessions + " seats are taken. Please try again in a minute.");
            server.log("refused " + addr + " user=" + user + ": server full");
            return;
        }
        int cols = clamp(vars.get(Environment.ENV_COLUMNS), 80, MAX_COLUMNS), rows = clamp(vars.get(Environment.ENV_LINES), 24, MAX_ROWS);
        StreamTerminal terminal = new StreamTerminal(in, out, cols, rows);
        env.addSignalListener((ch, signal) -> {
            Map<String, String> v = env.getEnv();
            terminal.resize(clamp(v.get(Environment.ENV_COLUMNS), cols, MAX_COLUMNS), clamp(v.get(Environment.ENV_LINES), rows, MAX_ROWS));
        }, Signal.WINCH);
        String term = vars.get(Environment.ENV_TERM);
        in.start();
        thread = new Thread(() -> play(terminal, user, term, addr), "termcade-player-" + addr);
        thread.setDaemon(true);
        thread.start();
    }

    /** A pty dimension from the client: a number within 1..max (larger values are capped), else the fallback. */
    static int clamp(String s, int fallback, int max) {
        try {
            int v = Integer.parseInt(s.trim());
            return v > 0 ? Math.min(v, max) : fallback;
        } catch (RuntimeException e) {
            return fallback;
        }
    }

    private void play(StreamTerminal terminal, String user, String term, String addr) {
        int code = 0;
        String message = "bye";
        ClientScreen screen = null;
        try {
            screen = new ClientScreen(terminal, out);
            screen.startScreen();
            Address address = Address.parse(rawUser, server.carts().keySet());
            boolean fromMenu = address.kind() == Address.Kind.MENU;
            String notice = address.problem();
            if (fromMenu && notice == null && server.carts().size() == 1 && server.rooms().count() == 0) {
                address = new Address(Address.Kind.SOLO, server.carts().keySet().iterator().next(), null, null);
                fromMenu = false;
            }
            while (stopReason == null) {
                if (address.kind() == Address.Kind.MENU) {
                    address = menu(screen, notice);
                    if (address == null) break;
                    fromMenu = true;
                }
                notice = null;
                String problem = address.kind() == Address.Kind.SOLO ? playAlone(screen, address.cart(), user, term, addr) : playInRoom(screen, address, user, term, addr);
                if (problem != null) notice = problem;
                else if (!fromMenu) break;
                address = Address.menu(null);
            }
            if (stopReason != null) message = stopReason;
        } catch (CartridgeException e) {
            message = stopReason != null ? stopReason : SafeText.of(e.getMessage());
            code = 1;
            server.log("error for " + addr + ": " + SafeText.of(e.getMessage()));
        } catch (IOException | RuntimeException e) {
            message = stopReason != null ? stopReason : "connection error";
            code = 1;
            if (stopReason == null) server.log("error for " + addr + ": " + SafeText.of(String.valueOf(e)));
        } finally {
            if (screen != null) {
                try {
                    screen.stopScreen();
                } catch (IOException | RuntimeException ignored) {
                    // the client is gone
                }
            }
            finish(code, RESTORE_TERMINAL + "Termcade: " + message);
        }
    }

    /** Plays {@code cart} with its own instance on this thread; returns a line for the menu if it could not start. */
    private String playAlone(Screen screen, String cart, String user, String term, String addr) throws IOException {
        server.log("play " + addr + " user=" + user + " cart=" + cart);
        ConsoleSession s;
        try {
            s = new ConsoleSession(screen, server.carts().get(cart), server.options(cart, term, channel.getSession().getAttribute(GameServer.LOGIN_KEY)), machine);
        } catch (CartridgeException e) {
            server.log("cart " + cart + " cannot start for " + addr + ": " + SafeText.of(e.getMessage()));
            return "The cart " + cart + " cannot start: " + SafeText.of(e.getMessage(), 120);
        }
        runViewer(s, cart, addr, user);
        return null;
    }

    /** Joins a room as a player or spectator and shows its game; returns a line for the menu if it could not. */
    private String playInRoom(Screen screen, Address address, String user, String term, String addr) throws IOException {
        String cart = address.cart();
        // The room's status line names each seat's holder: the name the address gave, else where they connect from.
        String name = Address.nameOf(rawUser);
        if (name == null) name = connection != null && connection.host != null ? connection.host.getHostAddress() : "guest";
        Rooms.Join join = server.rooms().join(address.room(), cart, cart == null ? null : server.carts().get(cart),
                server.roomOptions(cart, address.room(), term), name, screen.getTerminalSize());
        if (join.problem() != null) return join.problem();
        Rooms.Membership m = join.membership();
        try {
            Room room = m.room();
            server.log((m.spectating() ? "watch " : "join ") + addr + " user=" + user + " room=" + room.name + " cart=" + room.cartName
                    + (m.spectating() ? "" : " seat=" + (m.seat() + 1)));
            dev.termcade.console.Game game;
            try {
                game = room.awaitGame();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            } catch (CartridgeException e) {
                return "The cart " + room.cartName + " cannot start: " + SafeText.of(e.getMessage(), 120);
            }
            ConsoleOptions o = server.options(room.cartName, term, null);
            String role = m.spectating() ? "watching" : "you are player " + (m.seat() + 1);
            o.status = () -> role + " \u2502 " + room.describe();
            if (m.spectating()) watching = room;
            runViewer(new ConsoleSession(screen, game, o, m.seat()), room.cartName, addr, user);
        } finally {
            watching = null;
            server.rooms().leave(m);
        }
        return null;
    }

    private void runViewer(ConsoleSession s, String cart, String addr, String user) throws IOException {
        session = s;
        try {
            if (stopReason != null) s.stop();
            s.enableKeyEvents(out);
            s.run();
            RuntimeException crash = s.crash();
            if (crash != null && stopReason == null) server.log("cart " + cart + " stopped for " + addr + ": " + SafeText.of(crash.getMessage()));
            server.log("left " + addr + " user=" + user + " cart=" + cart + " after " + s.frames() + " frames");
        } finally {
            session = null;
            s.close();
        }
    }

    /**
     * Says the last line and ends the channel once it has reached the client. A client that never reads it is cut
     * off by the server's reaper after a grace period; no thread waits for it.
     */
    private void finish(int code, String lastLine) {
        try {
            say(lastLine);
        } catch (IOException ignored) {
            // the client is gone
        }
        server.leave(this);
        if (connection != null && connection.expiredNs == 0) connection.expiredNs = System.nanoTime();
        out.whenDrained(() -> exit.onExit(code, lastLine));
    }

    /** Closes the whole connection at once: the client is not reading what it is sent. */
    void cutOff(String why) {
        server.log("cut off " + (connection != null ? connection.address : "?") + ": " + why);
        channel.getSession().close(true);
    }

    /**
     * The menu: the served carts (to play alone) and the open rooms with their free seats; {@code notice} is shown on
     * top (why the player is here instead of in a game). Returns where to go, or null if the player quit.
     */
    private Address menu(ClientScreen screen, String notice) throws IOException {
        int sel = 0;
        List<Address> choices = List.of();
        List<Rooms.Listing> shownRooms = null;
        int drawn = -1;
        long lastListNs = 0;
        while (stopReason == null) {
            if (screen.doResizeIfNecessary() != null) drawn = -1;
            long now = System.nanoTime();
            if (now - lastListNs > 1_000_000_000L) { // rooms come and go: refresh the list every second
                lastListNs = now;
                List<Rooms.Listing> rooms = server.rooms().list();
                if (!rooms.equals(shownRooms)) {
                    shownRooms = rooms;
                    choices = new ArrayList<>();
                    for (String cart : server.carts().keySet()) choices.add(new Address(Address.Kind.SOLO, cart, null, null));
                    for (Rooms.Listing r : rooms) {
                        choices.add(r.freeSeats() > 0 ? new Address(Address.Kind.ROOM, r.cart(), r.room(), null) : new Address(Address.Kind.WATCH, null, r.room(), null));
                    }
                    sel = Math.min(sel, choices.size() - 1);
                    drawn = -1;
                }
            }
            if (drawn != sel) {
                long dropped = screen.droppedFrames();
                drawMenu(screen, notice, choices, shownRooms, sel);
                // A menu sent while the client was busy was dropped: draw it again next time round.
                drawn = screen.droppedFrames() == dropped ? sel : -1;
            }
            KeyStroke k = screen.pollInput();
            if (k == null) {
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return null;
                }
                continue;
            }
            Integer choice = menuKey(k, choices.size(), sel);
            if (choice == null) return null;
            if (choice >= 100) return choices.get(choice - 100);
            sel = choice;
        }
        return null;
    }

    private void drawMenu(Screen screen, String notice, List<Address> choices, List<Rooms.Listing> rooms, int sel) throws IOException {
        screen.clear();
        TextGraphics g = screen.newTextGraphics();
        int row = 1;
        if (notice != null) {
            g.setForegroundColor(TextColor.ANSI.RED_BRIGHT);
            g.putString(2, row, notice);
            row += 2;
        }
        g.setForegroundColor(TextColor.ANSI.YELLOW_BRIGHT);
        g.putString(2, row, "TERMCADE - choose a cartridge" + (rooms.isEmpty() ? "" : " or a room"));
        row += 2;
        int roomIndex = 0;
        for (int i = 0; i < choices.size(); i++) {
            Address a = choices.get(i);
            String label;
            if (a.kind() == Address.Kind.SOLO) {
                label = a.cart() + " (alone)";
            } else {
                Rooms.Listing r = rooms.get(roomIndex++);
                label = "room " + r.room() + ": " + r.cart() + ", " + (r.freeSeats() > 0 ? r.freeSeats() + " of " + r.seats() + " seats free" : "full, watch");
            }
            g.setForegroundColor(i == sel ? TextColor.ANSI.BLACK : TextColor.ANSI.WHITE);
            g.setBackgroundColor(i == sel ? TextColor.ANSI.WHITE : TextColor.ANSI.DEFAULT);
            g.putString(4, row + i, (i < 9 ? (i + 1) + ". " : "   ") + label);
        }
        g.setForegroundColor(TextColor.ANSI.WHITE);
        g.setBackgroundColor(TextColor.ANSI.DEFAULT);
        g.putString(2, row + choices.size() + 1, "arrows + enter, or a number; q quits.  Rooms: ssh CART+ROOM@host, watch: ssh watch+ROOM@host");
        screen.refresh();
    }

    /** The new selection, 100 + index to choose, or null to quit. */
    private static Integer menuKey(KeyStroke k, int n, int sel) {
        switch (k.getKeyType()) {
            case EOF: case Escape: return null;
            case ArrowUp: return (sel + n - 1) % n;
            case ArrowDown: return (sel + 1) % n;
            case Enter: return 100 + sel;
            case Character: {
                char c = k.getCharacter();
                if (c == 'q') return null;
                if (c >= '1' && c < '1' + Math.min(n, 9)) return 100 + (c - '1');
                return sel;
            }
            default: return sel;
        }
    }

    /** Frames the game has shown, or -1 before it started. */
    long frames() {
        ConsoleSession s = session;
        return s == null ? -1 : s.frames();
    }

    /** The picture this viewer last rendered (for tests and measurements), or null outside a game. */
    dev.termcade.console.Framebuffer picture() {
        ConsoleSession s = session;
        return s == null ? null : s.framebuffer();
    }

    /**
     * Since when this connection has had a reason to be here without pressing keys: a spectator watches as long as
     * someone plays the room (now, while a seat is held; else since the last player left). Long.MIN_VALUE otherwise.
     */
    long watchedSinceNs() {
        Room r = watching;
        return r == null ? Long.MIN_VALUE : r.playedNs();
    }

    /** Bytes sent to this client so far. */
    long bytesSent() { return out == null ? 0 : out.bytesSent(); }

    /** True when everything written to the client has been sent. */
    boolean drained() { return out == null || out.drained(); }

    /** When the current send to the client started waiting, or 0 if the client is keeping up. */
    long outputStalledSinceNs() { return out == null ? 0 : out.stalledSinceNs(); }

    /**
     * Ends the game and the menu with {@code reason} (shown to the player) from any thread, whatever the cart is
     * doing: a cart stuck in a call is interrupted, so the player's thread is freed.
     */
    void stop(String reason) {
        if (stopReason == null) stopReason = reason;
        ConsoleSession s = session;
        if (s != null) s.stop();
        machine.interrupt(reason);
    }

    /** The player thread, while it runs (for shutdown to wait on). */
    Thread thread() { return thread; }

    @Override public void destroy(ChannelSession channel) {
        stop("disconnected");
        if (in != null) in.end();
    }
}
