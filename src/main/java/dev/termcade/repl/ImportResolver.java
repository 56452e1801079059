package dev.termcade.repl;

import dev.termcade.console.Cartridge;
import dev.termcade.vm.Extern;
import dev.termcade.vm.FunctionType;
import dev.termcade.vm.GlobalVar;
import dev.termcade.vm.Memory;
import dev.termcade.vm.Table;
import dev.termcade.vm.UnresolvedImport;
import dev.termcade.vm.Value;
import dev.termcade.vm.ValueType;
import dev.termcade.vm.WasmFunction;
import dev.termcade.wasm.ExternKind;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.DoubleUnaryOperator;

/**
 * What the REPL and {@code run} give an import that no linked module provides: the console's maths ({@code env.sin},
 * {@code env.Math_atan}…, computed for real), else, unless strict, stand-ins: functions that log each call and return
 * zeros, fresh memories and tables of the minimum size, globals set to zero (each announced with a note).
 */
public final class ImportResolver {
    private static final FunctionType UNARY_F64 = FunctionType.of(ValueType.F64).returning(ValueType.F64);

    private final Consumer<String> log;
    private final boolean strict;
    private final BooleanSupplier trace;

    /** {@code log} prints stub calls and notes; {@code trace} says whether maths calls are printed too. */
    public ImportResolver(Consumer<String> log, boolean strict, BooleanSupplier trace) {
        this.log = log;
        this.strict = strict;
        this.trace = trace;
    }

    /** What {@code imp} links to: the console's maths, a stand-in, or null to leave it unresolved (a link error names it). */
    public Extern provide(UnresolvedImport imp) {
        if (imp.kind() == ExternKind.FUNC) {
            FunctionType t = imp.functionType();
            DoubleUnaryOperator op = imp.module().equals("env") && t.equals(UNARY_F64) ? Cartridge.rocketMath(imp.name()) : null;
            if (op != null) {
                return new WasmFunction(t, imp.qualifiedName(), f -> {
                    double x = f.f64(0);
                    double y = op.applyAsDouble(x);
                    if (trace.getAsBoolean()) log.accept("  " + imp.qualifiedName() + "(" + NumberText.of(Value.f64(x)) + ") -> " + NumberText.of(Value.f64(y)));
                    f.f64(0, y);
                });
            }
        }
        if (strict) return null;
        Extern standIn = imp.standIn(log::accept);
        if (standIn instanceof Memory m) log.accept("note: " + imp.qualifiedName() + " is a fresh memory of " + m.pages() + " pages");
        else if (standIn instanceof Table t) log.accept("note: " + imp.qualifiedName() + " is a fresh table of " + t.size() + " elements");
        else if (standIn instanceof GlobalVar) log.accept("note: " + imp.qualifiedName() + " is a fresh global set to zero");
        return standIn; // a function announces itself at each call
    }
}
