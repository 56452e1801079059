package dev.termcade.wasm;

import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A function signature. Instances are interned, so two equal signatures are usually the same object and
 * {@code call_indirect} can compare by identity first.
 */
public final class FuncType {
    private static final ConcurrentHashMap<FuncType, FuncType> INTERNED = new ConcurrentHashMap<>();

    private final byte[] params;
    private final byte[] results;
    private final int hash;

    private FuncType(byte[] params, byte[] results) {
        this.params = params;
        this.results = results;
        this.hash = 31 * Arrays.hashCode(params) + Arrays.hashCode(results);
    }

    public static FuncType of(byte[] params, byte[] results) {
        FuncType t = new FuncType(params.clone(), results.clone());
        return INTERNED.computeIfAbsent(t, k -> k);
    }

    public static FuncType of(byte... params) { return of(params, new byte[0]); }

    public FuncType returning(byte... results) { return of(params, results); }

    public int paramCount() { return params.length; }
    public int resultCount() { return results.length; }
    public byte param(int i) { return params[i]; }
    public byte result(int i) { return results[i]; }
    public byte[] params() { return params.clone(); }
    public byte[] results() { return results.clone(); }

    @Override public boolean equals(Object o) {
        if (this == o) return true;
        if (!(o instanceof FuncType)) return false;
        FuncType t = (FuncType) o;
        return hash == t.hash && Arrays.equals(params, t.params) && Arrays.equals(results, t.results);
    }

    @Override public int hashCode() { return hash; }

    @Override public String toString() {
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < params.length; i++) sb.append(i == 0 ? "" : " ").append(ValType.name(params[i]));
        sb.append(") -> (");
        for (int i = 0; i < results.length; i++) sb.append(i == 0 ? "" : " ").append(ValType.name(results[i]));
        return sb.append(")").toString();
    }
}
