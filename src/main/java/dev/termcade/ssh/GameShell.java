package dev.termcade.ssh;

import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.TextColor;
import com.googlecode.lanterna.graphics.TextGraphics;
import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import com.googlecode.lanterna.screen.Screen;
import com.googlecode.lanterna.screen.TerminalScreen;
import dev.termcade.console.CartridgeException;
import dev.termcade.console.ConsoleOptions;
import dev.termcade.console.ConsoleSession;
import dev.termcade.console.StreamTerminal;
import dev.termcade.vm.CompiledModule;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.Signal;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;

/** One player's connection: a Lanterna terminal over the SSH channel and a console on its own thread. */
final class GameShell implements Command {
    private final GameServer server;
    private InputStream in;
    private OutputStream out;
    private ExitCallback exit;
    private Thread thread;
    private volatile ConsoleSession session;
    private volatile boolean stopped;

    GameShell(GameServer server) { this.server = server; }

    @Override public void setInputStream(InputStream in) { this.in = in; }
    @Override public void setOutputStream(OutputStream out) { this.out = out; }
    @Override public void setErrorStream(OutputStream err) { }
    @Override public void setExitCallback(ExitCallback callback) { this.exit = callback; }

    private void say(String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    @Override public void start(ChannelSession channel, Environment env) throws IOException {
        Map<String, String> vars = env.getEnv();
        String user = vars.getOrDefault(Environment.ENV_USER, "");
        String addr = String.valueOf(channel.getSession().getIoSession().getRemoteAddress());
        if (!vars.containsKey(Environment.ENV_COLUMNS) || !vars.containsKey(Environment.ENV_LINES)) {
            say("Termcade needs an interactive terminal: connect with ssh -t (no pty was requested).");
            exit.onExit(1, "no pty");
            return;
        }
        if (!server.enter()) {
            say("Sorry, all " + server.config().maxSessions + " seats are taken. Please try again in a minute.");
            server.log("refused " + addr + ": server full");
            exit.onExit(1, "server full");
            return;
        }
        int cols = parse(vars.get(Environment.ENV_COLUMNS), 80), rows = parse(vars.get(Environment.ENV_LINES), 24);
        StreamTerminal terminal = new StreamTerminal(new CrToLfInputStream(in), out, cols, rows);
        env.addSignalListener((ch, signal) -> {
            Map<String, String> v = env.getEnv();
            terminal.resize(parse(v.get(Environment.ENV_COLUMNS), cols), parse(v.get(Environment.ENV_LINES), rows));
        }, Signal.WINCH);
        String term = vars.get(Environment.ENV_TERM);
        thread = new Thread(() -> play(terminal, user, term, addr), "termcade-player-" + addr);
        thread.setDaemon(true);
        thread.start();
    }

    private static int parse(String s, int fallback) {
        try {
            int v = Integer.parseInt(s.trim());
            return v > 0 ? Math.min(v, 1000) : fallback;
        } catch (RuntimeException e) {
            return fallback;
        }
    }

    private void play(StreamTerminal terminal, String user, String term, String addr) {
        int code = 0;
        String message = "bye";
        TerminalScreen screen = null;
        try {
            screen = new TerminalScreen(terminal);
            screen.startScreen();
            String cart = server.carts().containsKey(user) ? user : server.carts().size() == 1 ? server.carts().keySet().iterator().next() : menu(screen);
            if (cart != null && !stopped) {
                server.log("play " + addr + " user=" + user + " cart=" + cart);
                ConsoleOptions o = server.options(cart, term);
                ConsoleSession s = new ConsoleSession(screen, server.carts().get(cart), o);
                session = s;
                if (stopped) s.stop();
                s.enableKeyEvents(out);
                s.run();
                RuntimeException crash = s.crash();
                if (crash != null) {
                    message = "the cart stopped: " + crash.getMessage();
                    server.log("cart " + cart + " stopped for " + addr + ": " + crash.getMessage());
                } else if (s.endReason() != null) {
                    message = "disconnected: " + s.endReason();
                }
                server.log("left " + addr + " after " + s.frames() + " frames");
            }
        } catch (CartridgeException e) {
            message = e.getMessage();
            code = 1;
            server.log("error for " + addr + ": " + e.getMessage());
        } catch (IOException | RuntimeException e) {
            message = "connection error";
            code = 1;
            server.log("error for " + addr + ": " + e);
        } finally {
            if (screen != null) {
                try {
                    screen.stopScreen();
                } catch (IOException | RuntimeException ignored) {
                    // the client is gone
                }
            }
            try {
                say("Termcade: " + message);
            } catch (IOException ignored) {
                // the client is gone
            }
            server.leave(this);
            exit.onExit(code, message);
        }
    }

    /** A small menu of the served carts; returns the chosen name, or null if the player quit. */
    private String menu(Screen screen) throws IOException {
        List<String> names = new ArrayList<>(server.carts().keySet());
        int sel = 0;
        int drawn = -1;
        while (!stopped) {
            if (screen.doResizeIfNecessary() != null) drawn = -1;
            if (drawn == sel) {
                KeyStroke k = screen.pollInput();
                if (k == null) {
                    try {
                        Thread.sleep(20);
                    } catch (InterruptedException e) {
                        return null;
                    }
                    continue;
                }
                Integer choice = menuKey(k, names.size(), sel);
                if (choice == null) return null;
                if (choice >= 100) return names.get(choice - 100);
                sel = choice;
                continue;
            }
            drawn = sel;
            screen.clear();
            TextGraphics g = screen.newTextGraphics();
            g.setForegroundColor(TextColor.ANSI.YELLOW_BRIGHT);
            g.putString(2, 1, "TERMCADE - choose a cartridge");
            for (int i = 0; i < names.size(); i++) {
                g.setForegroundColor(i == sel ? TextColor.ANSI.BLACK : TextColor.ANSI.WHITE);
                g.setBackgroundColor(i == sel ? TextColor.ANSI.WHITE : TextColor.ANSI.DEFAULT);
                g.putString(4, 3 + i, (i + 1) + ". " + names.get(i));
            }
            g.setForegroundColor(TextColor.ANSI.WHITE);
            g.setBackgroundColor(TextColor.ANSI.DEFAULT);
            g.putString(2, 4 + names.size(), "arrows + enter, or a number; q quits");
            screen.refresh();
        }
        return null;
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
                if (c >= '1' && c < '1' + n) return 100 + (c - '1');
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

    void stopGame() {
        stopped = true;
        ConsoleSession s = session;
        if (s != null) s.stop();
    }

    @Override public void destroy(ChannelSession channel) {
        stopGame();
    }
}
