package dev.termcade.repl;

import dev.termcade.vm.CompiledModule;
import dev.termcade.wasm.text.Wat;
import dev.termcade.wasm.text.WatException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Definitions typed at the prompt, such as {@code (func (export "add") (param i32 i32) (result i32) ...)}: they
 * accumulate, one line each, in one text module that is rebuilt with every new definition (so a definition may
 * call the ones before it by {@code $name}).
 */
final class ScratchModule {
    static final String NAME = "scratch";

    private final List<String> fields = new ArrayList<>();

    /** The module with {@code field} added (not kept yet: see {@link #keep}); errors give the column in {@code field}. */
    CompiledModule with(String field) {
        StringBuilder text = new StringBuilder();
        for (String f : fields) text.append(f).append('\n');
        text.append(field);
        try {
            return CompiledModule.load(Wat.toBinary(text.toString().getBytes(StandardCharsets.UTF_8)), NAME);
        } catch (WatException e) {
            int line = e.line() - fields.size();
            throw line >= 1 ? new WatException(line, e.column(), e.problem()) : e;
        }
    }

    /** Keeps {@code field} once the module built {@link #with} it is instantiated. */
    void keep(String field) { fields.add(field); }

    /** How many definitions were kept. */
    int size() { return fields.size(); }
}
