package dev.termcade.vm;

import dev.termcade.wasm.FuncType;
import java.util.List;

/**
 * A function's signature as an embedder sees it: parameter and result {@link ValueType}s. It wraps the decoder's
 * interned {@link FuncType}, so comparing two signatures costs what it costs the engine.
 * <pre>{@code FunctionType.of(ValueType.I32, ValueType.I32).returning(ValueType.I64)}</pre>
 */
public final class FunctionType {
    final FuncType wasm;

    FunctionType(FuncType wasm) { this.wasm = wasm; }

    /** A signature with these parameters and no results; add results with {@link #returning}. */
    public static FunctionType of(ValueType... params) { return new FunctionType(FuncType.of(codes(params))); }

    public static FunctionType of(List<ValueType> params, List<ValueType> results) {
        return of(params.toArray(new ValueType[0])).returning(results.toArray(new ValueType[0]));
    }

    /** This signature's parameters with {@code results} as its results. */
    public FunctionType returning(ValueType... results) { return new FunctionType(wasm.returning(codes(results))); }

    private static byte[] codes(ValueType[] types) {
        byte[] codes = new byte[types.length];
        for (int i = 0; i < types.length; i++) codes[i] = types[i].code;
        return codes;
    }

    private static List<ValueType> types(byte[] codes) {
        ValueType[] types = new ValueType[codes.length];
        for (int i = 0; i < codes.length; i++) types[i] = ValueType.of(codes[i]);
        return List.of(types);
    }

    public int paramCount() { return wasm.paramCount(); }
    public int resultCount() { return wasm.resultCount(); }
    public ValueType param(int i) { return ValueType.of(wasm.param(i)); }
    public ValueType result(int i) { return ValueType.of(wasm.result(i)); }
    public List<ValueType> params() { return types(wasm.params()); }
    public List<ValueType> results() { return types(wasm.results()); }

    @Override public boolean equals(Object o) { return o instanceof FunctionType && ((FunctionType) o).wasm.equals(wasm); }

    @Override public int hashCode() { return wasm.hashCode(); }

    /** As the REPL and error messages write it: {@code (i32 i32) -> (i64)}. */
    @Override public String toString() { return wasm.toString(); }
}
