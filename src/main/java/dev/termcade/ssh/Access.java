package dev.termcade.ssh;

import dev.termcade.wasm.BoundedFiles;
import dev.termcade.wasm.SafeText;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.sshd.common.config.keys.AuthorizedKeyEntry;
import org.apache.sshd.common.config.keys.PublicKeyEntryResolver;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.server.auth.password.PasswordAuthenticator;
import org.apache.sshd.server.auth.pubkey.KeySetPublickeyAuthenticator;
import org.apache.sshd.server.auth.pubkey.PublickeyAuthenticator;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;

/** The server's host key and the files that say who may play: read carefully, never trusted, never overwritten. */
final class Access {
    /** Authorized-keys and password files are small; anything larger is not one. */
    static final long MAX_FILE_BYTES = 1 << 20;

    private Access() {}

    /**
     * The host key in {@code file}: loaded if it holds one, generated (owner-only permissions) if the file is absent,
     * and never overwritten: a file that is not a key is refused with a clear message.
     */
    static KeyPairProvider hostKey(Path file) throws IOException {
        Path abs = file.toAbsolutePath();
        boolean existed = Files.exists(abs, LinkOption.NOFOLLOW_LINKS);
        if (existed && !Files.isRegularFile(abs)) throw new IOException(file + ": the host key must be a regular file");
        if (!existed) createOwnerOnlyDirectories(abs.getParent());
        HostKeyFile keys = new HostKeyFile(abs);
        keys.setAlgorithm("EC");
        keys.setOverwriteAllowed(false);
        keys.setStrictFilePermissions(true);
        if (existed && !keys.holdsAKey()) {
            throw new IOException(file + ": not a host key this server can read; it was left untouched (give another --host-key path, or move the file away)");
        }
        List<KeyPair> loaded;
        try {
            loaded = keys.loadKeys(null);
        } catch (RuntimeException e) {
            loaded = List.of();
        }
        if (loaded.isEmpty()) throw new IOException(file + ": cannot " + (existed ? "read" : "create") + " the host key");
        if (!existed) restrictToOwner(abs);
        return keys;
    }

    /** MINA's generating provider, asked first whether an existing file holds a key it can read. */
    private static final class HostKeyFile extends SimpleGeneratorHostKeyProvider {
        HostKeyFile(Path file) { super(file); }

        boolean holdsAKey() {
            try {
                Iterable<KeyPair> keys = loadFromFile(null, getAlgorithm(), getPath());
                return keys != null && keys.iterator().hasNext();
            } catch (IOException | GeneralSecurityException | RuntimeException e) {
                return false;
            }
        }
    }

    private static void createOwnerOnlyDirectories(Path dir) throws IOException {
        if (dir == null || Files.isDirectory(dir)) return;
        if (Files.getFileAttributeView(dir.getRoot(), PosixFileAttributeView.class) != null) {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } else {
            Files.createDirectories(dir);
        }
    }

    private static void restrictToOwner(Path file) throws IOException {
        if (Files.getFileAttributeView(file, PosixFileAttributeView.class) != null) {
            Files.setPosixFilePermissions(file, Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
        }
    }

    /**
     * Only the keys of an OpenSSH authorized_keys file (ed25519, ECDSA, RSA...) may play. A line that cannot be
     * parsed is skipped with a warning naming its number; the others still work.
     */
    static PublickeyAuthenticator authorizedKeys(Path file, Consumer<String> warn) throws IOException {
        return new ReloadingKeys(file, warn);
    }

    /**
     * The authorized keys, read again when the file changes: the file's modification time, size and identity (an
     * editor that replaces the file makes a new one) are checked at each login, which costs one stat. A file that can
     * no longer be read, or holds no usable key, lets nobody in until it is fixed (the log says why): the file is the
     * only authority on who may play.
     */
    private static final class ReloadingKeys implements PublickeyAuthenticator {
        private final Path file;
        private final Consumer<String> warn;
        private PublickeyAuthenticator keys;
        private Object version;

        ReloadingKeys(Path file, Consumer<String> warn) throws IOException {
            this.file = file;
            this.warn = warn;
            this.version = versionOf(file);
            this.keys = readAuthorizedKeys(file, warn);
        }

        @Override public boolean authenticate(String user, PublicKey key, org.apache.sshd.server.session.ServerSession session) {
            return current().authenticate(user, key, session);
        }

        private synchronized PublickeyAuthenticator current() {
            Object now = versionOf(file);
            if (!now.equals(version)) {
                version = now;
                try {
                    keys = readAuthorizedKeys(file, warn);
                    warn.accept(file + ": reloaded");
                } catch (IOException e) {
                    keys = (user, key, session) -> false;
                    warn.accept(SafeText.of(e.getMessage(), 200) + "; nobody may log in by key until it is fixed");
                }
            }
            return keys;
        }

        /** What changes when the file does: modification time, size and file identity, or "missing". */
        private static Object versionOf(Path file) {
            try {
                var a = Files.readAttributes(file, java.nio.file.attribute.BasicFileAttributes.class);
                return List.of(a.lastModifiedTime(), a.size(), String.valueOf(a.fileKey()));
            } catch (IOException e) {
                return "missing";
            }
        }
    }

    private static PublickeyAuthenticator readAuthorizedKeys(Path file, Consumer<String> warn) throws IOException {
        String text = read(file, "authorized keys");
        List<PublicKey> keys = new ArrayList<>();
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) continue;
            try {
                AuthorizedKeyEntry entry = AuthorizedKeyEntry.parseAuthorizedKeyEntry(line);
                PublicKey key = entry == null ? null : entry.resolvePublicKey(null, PublicKeyEntryResolver.FAILING);
                if (key == null) throw new IOException("not a public key");
                String unsupported = unsupportedOption(entry);
                if (unsupported != null) {
                    // Fail closed: a key limited by from=, expiry-time= and the like must not play without its limit.
                    warn.accept(file + " line " + (i + 1) + ": skipped, the option " + SafeText.of(unsupported, 60) + " is not supported here");
                    continue;
                }
                keys.add(key);
            } catch (IOException | GeneralSecurityException | RuntimeException e) {
                warn.accept(file + " line " + (i + 1) + ": skipped, cannot read the key (" + SafeText.of(String.valueOf(e.getMessage()), 120) + ")");
            }
        }
        if (keys.isEmpty()) throw new IOException(file + ": no usable keys in the authorized keys file");
        return new KeySetPublickeyAuthenticator(file, keys);
    }

    /** Options that only take rights away that the server never grants (forwarding, ptys for commands): harmless. */
    private static final Set<String> IGNORABLE_OPTIONS = Set.of("restrict", "no-port-forwarding", "no-agent-forwarding", "no-x11-forwarding",
            "no-user-rc", "no-touch-required");

    /** The first login option of the entry that the server cannot honour, or null. */
    private static String unsupportedOption(AuthorizedKeyEntry entry) {
        for (String option : entry.getLoginOptions().keySet()) {
            if (!IGNORABLE_OPTIONS.contains(option.toLowerCase(java.util.Locale.ROOT))) return option;
        }
        return null;
    }

    /**
     * Passwords from lines {@code user:password} (or one line with a password for everyone), from a file only its
     * owner can read. Passwords are compared in constant time.
     */
    static PasswordAuthenticator passwords(Path file) throws IOException {
        refuseIfReadableByOthers(file);
        Map<String, byte[]> passwords = new LinkedHashMap<>();
        for (String line : read(file, "password").split("\r?\n")) {
            String s = line.strip();
            if (s.isEmpty() || s.startsWith("#")) continue;
            int colon = s.indexOf(':');
            if (colon < 0) passwords.put(ANY_USER, utf8(s));
            else passwords.put(s.substring(0, colon), utf8(s.substring(colon + 1)));
        }
        if (passwords.isEmpty()) throw new IOException(file + ": no passwords in the file");
        byte[] shared = passwords.get(ANY_USER);
        return (user, password, session) -> {
            byte[] given = utf8(password);
            byte[] own = passwords.get(user);
            // Both comparisons always run, so the time taken says nothing about which user names exist.
            boolean ownMatches = MessageDigest.isEqual(given, own != null ? own : NO_PASSWORD);
            boolean sharedMatches = MessageDigest.isEqual(given, shared != null ? shared : NO_PASSWORD);
            return (own != null && ownMatches) || (shared != null && sharedMatches);
        };
    }

    /** The key under which a password for every user is kept (not a valid user name: it holds a colon). */
    private static final String ANY_USER = ":any";
    private static final byte[] NO_PASSWORD = new byte[0];

    private static byte[] utf8(String s) { return s.getBytes(StandardCharsets.UTF_8); }

    private static void refuseIfReadableByOthers(Path file) throws IOException {
        if (!Files.exists(file)) throw new IOException(file + ": no such password file");
        if (Files.getFileAttributeView(file, PosixFileAttributeView.class) == null) return;
        Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
        if (perms.contains(PosixFilePermission.GROUP_READ) || perms.contains(PosixFilePermission.OTHERS_READ)) {
            throw new IOException(file + ": the password file is readable by group or others (" + PosixFilePermissions.toString(perms)
                    + "); make it private first: chmod 600 " + file);
        }
    }

    private static String read(Path file, String what) throws IOException {
        if (!Files.isReadable(file)) throw new IOException(file + ": cannot read the " + what + " file");
        return BoundedFiles.readString(file, MAX_FILE_BYTES);
    }
}
