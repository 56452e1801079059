package dev.termcade.ssh;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.sshd.common.session.Session;

/**
 * Every SSH connection the server holds, from the moment it is accepted (before authentication), whether or not it
 * ever opens a game: each takes a seat of {@code --max-sessions}, counts against its source address's limit, and is
 * closed when idle. A few connections beyond the seats are let in only to be told politely that the server is full.
 */
final class Connections {
    /** Connections beyond the seats that may still log in to read the "server full" message. */
    static final int REFUSAL_HEADROOM = 4;
    /** How long such a connection may stay. */
    static final long REFUSAL_GRACE_NS = 10_000_000_000L;
    /** After an idle game was asked to end, how long before the connection is cut regardless. */
    static final long EXPIRY_GRACE_NS = 3_000_000_000L;

    /** One accepted connection. */
    static final class Connection {
        final Session session;
        final String address;
        final InetAddress host;
        /** False for a connection let in only to hear that the server is full. */
        final boolean seated;
        final long openedNs = System.nanoTime();
        volatile long lastActivityNs = openedNs;
        volatile GameShell shell;
        volatile long expiredNs;

        Connection(Session session, InetAddress host, String address, boolean seated) {
            this.session = session;
            this.host = host;
            this.address = address;
            this.seated = seated;
        }

        void touch() { lastActivityNs = System.nanoTime(); }
    }

    private final int maxSeats;
    private final int maxPerAddress;
    private final Map<Session, Connection> open = new ConcurrentHashMap<>();
    private final Map<InetAddress, Integer> perAddress = new HashMap<>();
    private int seated;

    Connections(int maxSeats, int maxPerAddress) {
        this.maxSeats = maxSeats;
        this.maxPerAddress = maxPerAddress;
    }

    /** Why a new connection is turned away at once, or null if it may stay (seated or only to be told). */
    synchronized String admit(Session session) {
        SocketAddress remote = session.getIoSession().getRemoteAddress();
        InetAddress host = remote instanceof InetSocketAddress ? ((InetSocketAddress) remote).getAddress() : null;
        int fromHost = perAddress.getOrDefault(host, 0);
        if (fromHost >= maxPerAddress) return "more than " + maxPerAddress + " connections from " + host;
        if (open.size() >= maxSeats + REFUSAL_HEADROOM) return "server full";
        boolean seat = seated < maxSeats;
        if (seat) seated++;
        perAddress.put(host, fromHost + 1);
        open.put(session, new Connection(session, host, String.valueOf(remote), seat));
        return null;
    }

    synchronized void release(Session session) {
        Connection c = open.remove(session);
        if (c == null) return;
        if (c.seated) seated--;
        perAddress.computeIfPresent(c.host, (h, n) -> n > 1 ? n - 1 : null);
    }

    Connection of(Session session) { return open.get(session); }

    Iterable<Connection> all() { return open.values(); }

    /** Seats taken (connections holding one, in a game or not). */
    synchronized int seated() { return seated; }

    int count() { return open.size(); }
}
