package dev.termcade.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Scaffolds a termcade-ABI cart: a small playable game in the chosen language, the ABI's header or module,
 * and a build script. The templates are resources next to this class; the kit (termcade.h, termcade.rs) is
 * the one in carts/include, packed into the jar by the build.
 */
@Command(name = "new", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Create a new cart NAME in directory NAME: source, the ABI's header or module, and build.sh.")
final class NewCommand implements Callable<Integer> {
    /** Letters, digits and underscores: valid as a file name, a C identifier part and a Rust crate name. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,31}");

    /** What each language's scaffold holds: template resources and the names they get in the new directory. */
    enum Language {
        C("c", new Template("templates/c/cart.c", "%s.c"), new Template("kit/termcade.h", "termcade.h"),
                new Template("templates/c/build.sh", "build.sh")),
        RUST("rust", new Template("templates/rust/cart.rs", "%s.rs"), new Template("kit/termcade.rs", "termcade.rs"),
                new Template("templates/rust/build.sh", "build.sh")),
        WAT("wat", new Template("templates/wat/cart.wat", "%s.wat"), new Template("templates/wat/build.sh", "build.sh"));

        final String optionValue;
        final List<Template> files;

        Language(String optionValue, Template... files) {
            this.optionValue = optionValue;
            this.files = List.of(files);
        }
    }

    /** The --lang values, for help and shell completion. */
    static final class LanguageNames implements Iterable<String> {
        @Override public java.util.Iterator<String> iterator() {
            return java.util.Arrays.stream(Language.values()).map(l -> l.optionValue).iterator();
        }
    }

    /** A resource (relative to this class) and the file name it becomes; %s stands for the cart's name. */
    record Template(String resource, String fileNamePattern) {
        String fileName(String cart) { return String.format(fileNamePattern, cart); }
    }

    @Parameters(index = "0", paramLabel = "NAME", description = "The cart's name (letters, digits, _): the directory and file names.")
    String name;

    @Option(names = "--lang", paramLabel = "LANG", defaultValue = "c", completionCandidates = LanguageNames.class,
            description = "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    String lang;

    @Option(names = "--dir", paramLabel = "DIR", defaultValue = ".",
            description = "Where to create the cart's directory (default: the current directory).")
    Path parent;

    @Spec
    CommandSpec spec;

    static Language language(String lang) {
        for (Language l : Language.values()) if (l.optionValue.equalsIgnoreCase(lang)) return l;
        throw new IllegalArgumentException("--lang must be c, rust or wat, got '" + lang + "'");
    }

    @Override public Integer call() throws IOException {
        Language language = language(lang);
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("the cart's name must be a letter followed by up to 31 letters, digits or _, got '" + name + "'");
        }
        Path dir = parent.resolve(name);
        try {
            Files.createDirectory(dir);
        } catch (FileAlreadyExistsException e) {
            throw new Main.UserError(dir + " already exists; pick another name or --dir");
        } catch (java.nio.file.NoSuchFileException e) {
            throw new Main.UserError(parent + ": no such directory");
        }
        for (Template t : language.files) {
            Path target = dir.resolve(t.fileName(name));
            Files.writeString(target, fill(read(t.resource()), name), StandardCharsets.UTF_8);
            if (t.fileName(name).endsWith(".sh")) makeExecutable(target);
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println("created " + dir + " (" + language.optionValue + "): " + String.join(", ", language.files.stream().map(t -> t.fileName(name)).toList()));
        out.println("build and play:  " + dir + "/build.sh && " + playCommand() + " " + dir.resolve(name + ".wasm"));
        out.println("or build, play, and rebuild and reload on each save:  " + playCommand() + " " + dir.resolve(name + ".wasm") + " --watch");
        out.flush();
        return Main.OK;
    }

    /** How the user started termcade, so the hint can be pasted as is. */
    private static String playCommand() {
        String home = System.getProperty("termcade.home");
        return home == null ? "termcade play" : Path.of(home, "run.sh") + " play";
    }

    /** Replaces the placeholders: {{name}} and {{name_length}} (its length in bytes, for WAT's text call). */
    static String fill(String template, String cart) {
        return template.replace("{{name_length}}", Integer.toString(cart.getBytes(StandardCharsets.UTF_8).length))
                .replace("{{name}}", cart);
    }

    private static String read(String resource) {
        try (InputStream in = NewCommand.class.getResourceAsStream(resource)) {
            if (in == null) throw new IllegalStateException("template " + resource + " is missing from the jar");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void makeExecutable(Path script) throws IOException {
        try {
            Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        } catch (UnsupportedOperationException notPosix) {
            // Windows: run it with sh build.sh
        }
    }
}
