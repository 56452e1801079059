package dev.termcade.ssh;

import dev.termcade.console.ConsoleOptions;
import dev.termcade.console.PracticeRun;
import dev.termcade.vm.CompiledModule;
import dev.termcade.wasm.SafeText;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.security.PublicKey;
import org.apache.sshd.common.AttributeRepository;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.session.SessionListener;
import org.apache.sshd.core.CoreModuleProperties;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.auth.keyboard.InteractiveChallenge;
import org.apache.sshd.server.auth.keyboard.KeyboardInteractiveAuthenticator;
import org.apache.sshd.server.auth.pubkey.AcceptAllPublickeyAuthenticator;
import org.apache.sshd.server.auth.pubkey.PublickeyAuthenticator;
import org.apache.sshd.server.forward.RejectAllForwardingFilter;
import org.apache.sshd.server.session.ServerSession;

/**
 * An SSH server that hands every connection its own console: only games are served (no shell, exec, forwarding,
 * agent or SFTP). Built on Apache MINA SSHD.
 * <p>
 * Every connection takes a seat from the moment it is accepted (see {@link Connections}); one reaper thread closes
 * connections idle for {@code idleTimeoutSeconds} (no key pressed, or output not draining), whatever they are doing.
 */
public final class GameServer implements AutoCloseable {
    /** Server settings. */
    public static final class Config {
        public int port = 2222;
        public String bind = "127.0.0.1";
        public List<Path> carts = new ArrayList<>();
        public Path hostKey = Path.of(System.getProperty("user.home"), ".termcade", "ssh_host_key");
        /** Connections at once (in a game or not). */
        public int maxSessions = 32;
        /** Connections at once from one source address. */
        public int maxPerAddress = 4;
        /** Close a connection after this long without a key press (0: never). */
        public long idleTimeoutSeconds = 600;
        /** Close a connection that has not logged in after this long. */
        public long authTimeoutSeconds = 30;
        public Path authorizedKeys;
        public Path passwordFile;
        public int fps = 30;
        public long frameBudgetMs = 250;
        /** Where saves go ({@code saves/CART/KEY.disk} per player, {@code rooms/CART/ROOM.disk} per room); null for no saves. */
        public Path dataDir = Path.of(System.getProperty("user.home"), ".termcade", "data");
        /** Seconds between status lines in the log (0: none). */
        public long statusIntervalSeconds = 60;
        /** Before listening, each cart practises offscreen for at most this long ({@link PracticeRun}); 0 for none. */
        public long practiceMillis;
    }

    /** The terminal size carts practise at: a common one (the rasteriser's paths are the same at any size). */
    private static final int PRACTICE_COLUMNS = 120, PRACTICE_ROWS = 40;

    private final Config config;
    private final Map<String, CompiledModule> carts = new LinkedHashMap<>();
    private final SshServer sshd;
    private final Connections connections;
    private final Consumer<String> log;
    private final List<GameShell> shells = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService housekeeping = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "termcade-housekeeping");
        t.setDaemon(true);
        return t;
    });
    private final ServerStatus status = new ServerStatus();
    private final Rooms rooms = new Rooms(this::log);

    /**
     * @param log receives one line per event (connects, games, refusals, status); user names and cart messages
     *     in it are sanitised, so a line can never forge another
     */
    public GameServer(Config config, Consumer<String> log) throws IOException {
        this.config = config;
        this.log = log;
        for (Path p : config.carts) {
            carts.put(CompiledModule.moduleName(p), CompiledModule.load(p));
        }
        if (carts.isEmpty()) throw new IllegalArgumentException("no cartridges to serve");
        connections = new Connections(config.maxSessions, config.maxPerAddress);
        sshd = SshServer.setUpDefaultServer();
        sshd.setHost(config.bind);
        sshd.setPort(config.port);
        sshd.setKeyPairProvider(Access.hostKey(config.hostKey));
        configureAuthentication();
        CoreModuleProperties.AUTH_TIMEOUT.set(sshd, Duration.ofSeconds(config.authTimeoutSeconds));
        // Our reaper decides idleness (keys, not SSH traffic); MINA's own idle timeout only backs it up.
        if (config.idleTimeoutSeconds > 0) CoreModuleProperties.IDLE_TIMEOUT.set(sshd, Duration.ofSeconds(config.idleTimeoutSeconds + 60));
        CoreModuleProperties.MAX_CONCURRENT_CHANNELS.set(sshd, 2);
        sshd.setForwardingFilter(RejectAllForwardingFilter.INSTANCE);
        sshd.setAgentFactory(null);
        sshd.setSubsystemFactories(List.of());
        sshd.setShellFactory(channel -> {
            GameShell s = new GameShell(this);
            shells.add(s);
            return s;
        });
        sshd.setCommandFactory((channel, command) -> new RefusalCommand(
                "Termcade only plays games here; connect without a command, from an interactive terminal: ssh -p " + config.port + " play@host"));
        sshd.addSessionListener(new SessionListener() {
            @Override public void sessionCreated(Session session) {
                String refusal = connections.admit(session);
                String addr = String.valueOf(session.getIoSession().getRemoteAddress());
                if (refusal != null) {
                    log("refused " + addr + ": " + refusal);
                    session.close(true);
                    return;
                }
                log("connect " + addr + " (connections: " + connections.count() + ")");
            }

            @Override public void sessionClosed(Session session) {
                Connections.Connection c = connections.of(session);
                connections.release(session);
                if (c != null) log("disconnect " + c.address + " user=" + SafeText.of(session.getUsername(), 64) + " (connections: " + connections.count() + ")");
            }
        });
    }

    private void configureAuthentication() throws IOException {
        if (config.authorizedKeys != null) {
            sshd.setPublickeyAuthenticator(rememberingTheKey(Access.authorizedKeys(config.authorizedKeys, this::log)));
            sshd.setKeyboardInteractiveAuthenticator(null);
            sshd.setPasswordAuthenticator(null);
        } else if (config.passwordFile != null) {
            sshd.setPasswordAuthenticator(Access.passwords(config.passwordFile));
            sshd.setPublickeyAuthenticator(null);
            sshd.setKeyboardInteractiveAuthenticator(null);
        } else {
            // Like public SSH games: anyone may play. Keyboard-interactive with no prompts lets key-less clients in.
            sshd.setPublickeyAuthenticator(rememberingTheKey(AcceptAllPublickeyAuthenticator.INSTANCE));
            sshd.setPasswordAuthenticator((user, password, session) -> true);
            sshd.setKeyboardInteractiveAuthenticator(new KeyboardInteractiveAuthenticator() {
                @Override public InteractiveChallenge generateChallenge(ServerSession session, String user, String lang, String sub) {
                    InteractiveChallenge c = new InteractiveChallenge();
                    c.setInteractionName("");
                    c.setInteractionInstruction("");
                    return c;
                }

                @Override public boolean authenticate(ServerSession session, String user, List<String> responses) {
                    return true;
                }
            });
        }
    }

    /** The public key a session logged in with: the player's identity for saves (user names are addresses). */
    static final AttributeRepository.AttributeKey<PublicKey> LOGIN_KEY = new AttributeRepository.AttributeKey<>();

    private static PublickeyAuthenticator rememberingTheKey(PublickeyAuthenticator inner) {
        return (user, key, session) -> {
            boolean ok = inner.authenticate(user, key, session);
            if (ok) session.setAttribute(LOGIN_KEY, key);
            return ok;
        };
    }

    public void start() throws IOException {
        if (config.practiceMillis > 0) {
            for (Map.Entry<String, CompiledModule> cart : carts.entrySet()) {
                PracticeRun.Result r = PracticeRun.run(cart.getValue(), options(cart.getKey(), null, null), PRACTICE_COLUMNS, PRACTICE_ROWS, config.practiceMillis);
                log("warmed up " + cart.getKey() + ": " + r.describe());
            }
        }
        sshd.start();
        housekeeping.scheduleWithFixedDelay(this::reap, 1, 1, TimeUnit.SECONDS);
        if (config.statusIntervalSeconds > 0) {
            housekeeping.scheduleAtFixedRate(() -> log(status.line(this)), config.statusIntervalSeconds, config.statusIntervalSeconds, TimeUnit.SECONDS);
        }
        log("serving " + String.join(", ", carts.keySet()) + " on " + config.bind + ":" + port() + " (max " + config.maxSessions + " connections, "
                + config.maxPerAddress + " per address)");
    }

    /** Closes what has been idle too long: no key pressed, output not draining, a refusal or a goodbye not read. */
    private void reap() {
        long now = System.nanoTime();
        long idleNs = config.idleTimeoutSeconds * 1_000_000_000L;
        for (Connections.Connection c : connections.all()) {
            try {
                GameShell shell = c.shell;
                if (c.expiredNs != 0) {
                    // Its game has ended (or was ended): the connection goes too, even if the client neither reads
                    // the goodbye nor closes it.
                    if (now - c.expiredNs > Connections.EXPIRY_GRACE_NS) c.session.close(true);
                } else if (!c.seated) {
                    if (now - c.openedNs > Connections.REFUSAL_GRACE_NS) c.session.close(true);
                } else if (idleNs > 0) {
                    // A spectator presses no keys: it may watch as long as someone plays its room.
                    long watched = shell == null ? Long.MIN_VALUE : shell.watchedSinceNs();
                    long stalled = shell == null ? 0 : shell.outputStalledSinceNs();
                    if (now - Math.max(c.lastActivityNs, watched) > idleNs) {
                        expire(c, shell, watched > c.lastActivityNs ? "nobody has played the room for " + config.idleTimeoutSeconds + " s"
                                : "no key pressed for " + config.idleTimeoutSeconds + " s");
                    } else if (stalled != 0 && now - stalled > idleNs) {
                        expire(c, shell, "not reading for " + config.idleTimeoutSeconds + " s");
                    } else if (watched > c.lastActivityNs) {
                        c.session.resetIdleTimeout(); // MINA's backup timeout would close a quiet spectator of a still picture
                    }
                }
            } catch (RuntimeException e) {
                log("reaper: " + SafeText.of(String.valueOf(e)));
            }
        }
    }

    private void expire(Connections.Connection c, GameShell shell, String reason) {
        c.expiredNs = System.nanoTime();
        log("idle " + c.address + ": " + reason);
        if (shell != null) shell.stop(reason);
        else c.session.close(true);
    }

    public int port() { return sshd.getPort(); }

    public InetSocketAddress address() { return new InetSocketAddress(config.bind, port()); }

    /** Frames shown so far by each running game (for load measurements). */
    public List<Long> framesPerSession() {
        List<Long> out = new ArrayList<>();
        for (GameShell s : shells) {
            long f = s.frames();
            if (f >= 0) out.add(f);
        }
        return out;
    }

    /** Updates each open room's game has run so far (for load measurements). */
    /** Why the carts of open rooms stopped (one line each), for rooms whose cart crashed; empty when all run. */
    public List<String> roomCrashes() {
        List<String> out = new ArrayList<>();
        for (Room r : rooms.all()) {
            dev.termcade.console.Game g = r.gameIfRunning();
            if (g != null && g.crash() != null) out.add("room " + r.name + ": " + SafeText.of(g.crash().getMessage(), 200));
        }
        return out;
    }

    public List<Long> updatesPerRoom() {
        List<Long> out = new ArrayList<>();
        for (Room r : rooms.all()) {
            dev.termcade.console.Game g = r.gameIfRunning();
            if (g != null) out.add(g.updates());
        }
        return out;
    }

    /** Bytes sent to the players in games now (for load measurements). */
    public long bytesSent() {
        long n = 0;
        for (GameShell s : shells) n += s.bytesSent();
        return n;
    }

    /** Seats taken: connections holding one, whether in a game or not. */
    public int activeSessions() { return connections.seated(); }

    /** Open connections, including those only being told the server is full. */
    public int connectionCount() { return connections.count(); }

    Config config() { return config; }

    Map<String, CompiledModule> carts() { return carts; }

    Connections connections() { return connections; }

    Rooms rooms() { return rooms; }

    List<GameShell> shells() { return shells; }

    /** A player's shell has ended. */
    void leave(GameShell shell) { shells.remove(shell); }

    /**
     * Settings for a game of {@code cart}; a player who logged in with {@code key} gets their own save file for the
     * cart under the data directory (keyed by the key's fingerprint: user names are addresses that everyone shares);
     * null for none (a player without a key, a room's shared game).
     */
    ConsoleOptions options(String cart, String term, PublicKey key) {
        ConsoleOptions o = new ConsoleOptions();
        o.screenshots = false; // players must not write files on the server
        if (key != null && config.dataDir != null && cart != null) {
            o.diskFile = config.dataDir.resolve("saves").resolve(cart).resolve(fileNameOf(KeyUtils.getFingerPrint(key)) + ".disk");
        }
        o.cartName = cart;
        o.fps = config.fps;
        o.frameBudgetMs = config.frameBudgetMs;
        o.idleTimeoutMs = 0; // the server's reaper times out idle connections, games and menus alike
        o.term = term == null ? "xterm-256color" : term;
        return o;
    }

    /**
     * Settings for room {@code room} playing {@code cart} (null: joining to watch, the room has its own): the room's
     * WASM-4 disk is its own, {@code rooms/CART/ROOM.disk} under the data directory, shared by whoever plays the room
     * under that name (players' own saves are per key; a room's game belongs to all of its players).
     */
    ConsoleOptions roomOptions(String cart, String room, String term) {
        ConsoleOptions o = options(cart, term, null);
        if (config.dataDir != null && cart != null) o.diskFile = config.dataDir.resolve("rooms").resolve(cart).resolve(fileNameOf(room) + ".disk");
        return o;
    }

    /** A name (a key fingerprint, a user name) as a file name: letters, digits, '.', '-' and '_' kept, anything else as %XX of its UTF-8 bytes. */
    static String fileNameOf(String user) {
        StringBuilder sb = new StringBuilder();
        for (byte b : user.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xFF);
            boolean plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || (c == '.' && sb.length() > 0);
            if (plain) sb.append(c);
            else sb.append('%').append(String.format("%02X", b & 0xFF));
            if (sb.length() > 120) break;
        }
        return sb.length() == 0 ? "%" : sb.toString();
    }

    /** One log line; whatever it quotes is made inert once more here, so no caller can forge a line or act on a terminal. */
    void log(String message) {
        log.accept(SafeText.line(message) + " [seats: " + connections.seated() + "/" + config.maxSessions + "]");
    }

    /**
     * Tells every player goodbye and restores their terminal, waits a moment for that to reach them, then stops.
     */
    @Override public void close() throws IOException {
        housekeeping.shutdownNow();
        List<GameShell> playing = new ArrayList<>(shells);
        if (!playing.isEmpty()) log("stopping: telling " + playing.size() + " players goodbye");
        for (GameShell s : playing) s.stop("the server is shutting down, goodbye");
        long end = System.nanoTime() + 3_000_000_000L;
        for (GameShell s : playing) {
            Thread t = s.thread();
            if (t == null) continue;
            try {
                t.join(Math.max(1, (end - System.nanoTime()) / 1_000_000L));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        // Let the goodbyes reach the players (each shell closes its channel once its goodbye is sent).
        while (System.nanoTime() < end && playing.stream().anyMatch(s -> !s.drained())) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                break;
            }
        }
        sshd.stop(true);
        log("stopped");
    }

    /** Numbers for the status line: kept between lines to report rates. */
    private static final class ServerStatus {
        private long lastNs = System.nanoTime();
        private long lastCpuNs = processCpuNs();
        private long lastFrames, lastBytes;

        synchronized String line(GameServer server) {
            long now = System.nanoTime();
            long cpu = processCpuNs();
            long frames = 0, bytes = 0;
            int players = 0;
            for (GameShell s : server.shells) {
                long f = s.frames();
                if (f >= 0) {
                    players++;
                    frames += f;
                }
                bytes += s.bytesSent();
            }
            double secs = Math.max(1e-3, (now - lastNs) / 1e9);
            double fps = players == 0 ? 0 : Math.max(0, frames - lastFrames) / secs / players;
            double cpuPct = cpu < 0 ? -1 : 100.0 * (cpu - lastCpuNs) / 1e9 / secs / Runtime.getRuntime().availableProcessors();
            double bytesPerSec = Math.max(0, bytes - lastBytes) / secs;
            lastNs = now;
            lastCpuNs = cpu;
            lastFrames = frames;
            lastBytes = bytes;
            return String.format(Locale.ROOT, "status: %d players, %d rooms, %d connections, %.1f fps per player, CPU %.0f%%, %.0f bytes/s",
                    players, server.rooms.count(), server.connections.count(), fps, cpuPct, bytesPerSec);
        }

        private static long processCpuNs() {
            var os = ManagementFactory.getOperatingSystemMXBean();
            return os instanceof com.sun.management.OperatingSystemMXBean ? ((com.sun.management.OperatingSystemMXBean) os).getProcessCpuTime() : -1;
        }
    }
}
