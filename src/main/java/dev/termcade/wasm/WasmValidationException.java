package dev.termcade.wasm;

/** The module is well-formed but breaks a validation rule (the spec's "invalid"). */
public final class WasmValidationException extends WasmException {
    private final String problem;

    public WasmValidationException(String where, String problem) {
        super(problem + (where == null || where.isEmpty() ? "" : " (in " + where + ")"));
        this.problem = problem;
    }

    public String problem() { return problem; }
}
