package dev.termcade.ssh;

import dev.termcade.console.ConsoleOptions;
import dev.termcade.vm.CompiledModule;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.auth.keyboard.InteractiveChallenge;
import org.apache.sshd.server.auth.keyboard.KeyboardInteractiveAuthenticator;
import org.apache.sshd.server.auth.pubkey.AcceptAllPublickeyAuthenticator;
import org.apache.sshd.server.config.keys.AuthorizedKeysAuthenticator;
import org.apache.sshd.server.forward.RejectAllForwardingFilter;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;

/**
 * An SSH server that hands every connection its own console: only games are served (no shell, exec, forwarding,
 * agent or SFTP). Built on Apache MINA SSHD.
 */
public final class GameServer implements AutoCloseable {
    /** Server settings. */
    public static final class Config {
        public int port = 2222;
        public String bind = "127.0.0.1";
        public List<Path> carts = new ArrayList<>();
        public Path hostKey = Path.of(System.getProperty("user.home"), ".termcade", "ssh_host_key");
        public int maxSessions = 32;
        public long idleTimeoutSeconds = 600;
        public Path authorizedKeys;
        public Path passwordFile;
        public int fps = 30;
        public long frameBudgetMs = 250;
    }

    private final Config config;
    private final Map<String, CompiledModule> carts = new LinkedHashMap<>();
    private final SshServer sshd;
    private final AtomicInteger active = new AtomicInteger();
    private final AtomicInteger connections = new AtomicInteger();
    private final Consumer<String> log;
    private final List<GameShell> shells = new java.util.concurrent.CopyOnWriteArrayList<>();

    public GameServer(Config config, Consumer<String> log) throws IOException {
        this.config = config;
        this.log = log;
        for (Path p : config.carts) {
            carts.put(CompiledModule.moduleName(p), CompiledModule.load(p));
        }
        if (carts.isEmpty()) throw new IllegalArgumentException("no cartridges to serve");
        sshd = SshServer.setUpDefaultServer();
        sshd.setHost(config.bind);
        sshd.setPort(config.port);
        Files.createDirectories(config.hostKey.toAbsolutePath().getParent());
        SimpleGeneratorHostKeyProvider keys = new SimpleGeneratorHostKeyProvider(config.hostKey);
        keys.setAlgorithm("EC");
        sshd.setKeyPairProvider(keys);
        configureAuthentication();
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
        sshd.addSessionListener(new org.apache.sshd.common.session.SessionListener() {
            @Override public void sessionCreated(org.apache.sshd.common.session.Session session) {
                log("connect " + session.getIoSession().getRemoteAddress() + " (connections: " + connections.incrementAndGet() + ")");
            }

            @Override public void sessionClosed(org.apache.sshd.common.session.Session session) {
                log("disconnect " + session.getIoSession().getRemoteAddress() + " (connections: " + connections.decrementAndGet() + ")");
            }
        });
    }

    private void configureAuthentication() throws IOException {
        if (config.authorizedKeys != null) {
            if (!Files.isReadable(config.authorizedKeys)) throw new IllegalArgumentException(config.authorizedKeys + ": cannot read the authorized keys file");
            sshd.setPublickeyAuthenticator(new AuthorizedKeysAuthenticator(config.authorizedKeys));
            sshd.setKeyboardInteractiveAuthenticator(null);
            sshd.setPasswordAuthenticator(null);
        } else if (config.passwordFile != null) {
            Map<String, String> passwords = new LinkedHashMap<>();
            for (String line : Files.readAllLines(config.passwordFile)) {
                String s = line.strip();
                if (s.isEmpty() || s.startsWith("#")) continue;
                int colon = s.indexOf(':');
                if (colon < 0) passwords.put("*", s);
                else passwords.put(s.substring(0, colon), s.substring(colon + 1));
            }
            if (passwords.isEmpty()) throw new IllegalArgumentException(config.passwordFile + ": no passwords in the file");
            sshd.setPasswordAuthenticator((user, password, session) ->
                    password.equals(passwords.get(user)) || password.equals(passwords.get("*")));
            sshd.setPublickeyAuthenticator(null);
            sshd.setKeyboardInteractiveAuthenticator(null);
        } else {
            // Like public SSH games: anyone may play. Keyboard-interactive with no prompts lets key-less clients in.
            sshd.setPublickeyAuthenticator(AcceptAllPublickeyAuthenticator.INSTANCE);
            sshd.setPasswordAuthenticator((user, password, session) -> true);
            sshd.setKeyboardInteractiveAuthenticator(new KeyboardInteractiveAuthenticator() {
                @Override public InteractiveChallenge generateChallenge(org.apache.sshd.server.session.ServerSession session, String user, String lang, String sub) {
                    InteractiveChallenge c = new InteractiveChallenge();
                    c.setInteractionName("");
                    c.setInteractionInstruction("");
                    return c;
                }

                @Override public boolean authenticate(org.apache.sshd.server.session.ServerSession session, String user, List<String> responses) {
                    return true;
                }
            });
        }
    }

    public void start() throws IOException {
        sshd.start();
        log("serving " + String.join(", ", carts.keySet()) + " on " + config.bind + ":" + port() + " (max " + config.maxSessions + " players)");
    }

    public int port() { return sshd.getPort(); }

    public InetSocketAddress address() { return new InetSocketAddress(config.bind, port()); }

    /** Frames shown so far by each running game (for load measurements). */
    public java.util.List<Long> framesPerSession() {
        java.util.List<Long> out = new java.util.ArrayList<>();
        for (GameShell s : shells) {
            long f = s.frames();
            if (f >= 0) out.add(f);
        }
        return out;
    }

    /** Players currently in a game. */
    public int activeSessions() { return active.get(); }

    Config config() { return config; }

    Map<String, CompiledModule> carts() { return carts; }

    /** Takes a seat; false if the server is full. */
    boolean enter() {
        if (active.incrementAndGet() > config.maxSessions) {
            active.decrementAndGet();
            return false;
        }
        return true;
    }

    void leave(GameShell shell) {
        active.decrementAndGet();
        shells.remove(shell);
    }

    ConsoleOptions options(String cart, String term) {
        ConsoleOptions o = new ConsoleOptions();
        o.cartName = cart;
        o.fps = config.fps;
        o.frameBudgetMs = config.frameBudgetMs;
        o.idleTimeoutMs = config.idleTimeoutSeconds * 1000;
        o.term = term == null ? "xterm-256color" : term;
        return o;
    }

    void log(String message) {
        log.accept(LocalTime.now().format(DateTimeFormatter.ofPattern("HH:mm:ss")) + " " + message + " [players: " + active.get() + "]");
    }

    @Override public void close() throws IOException {
        for (GameShell s : shells) s.stopGame();
        sshd.stop(true);
    }
}
