package dev.termcade.cli;

import dev.termcade.vm.Tier;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * The {@code --tier interp|jit|auto} option of {@code run}, {@code play}, {@code serve}, {@code spec} and
 * {@code repl}: which engine tier runs the modules the command loads. It sets the same default as the system
 * property {@code -Dtermcade.tier} (which applies when the option is absent).
 */
final class TierOption {
    @Option(names = "--tier", paramLabel = "TIER", converter = TierConverter.class,
            description = "Engine tier: interp (interpreter only), jit (compile every function to JVM bytecode on its first call) or auto (compile hot functions in the background; the default, or -Dtermcade.tier).")
    void tier(Tier tier) { Tier.setDefault(tier); }

    static final class TierConverter implements CommandLine.ITypeConverter<Tier> {
        @Override public Tier convert(String value) {
            try {
                return Tier.parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }
}
