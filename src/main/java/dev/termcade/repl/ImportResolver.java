package dev.termcade.repl;

import dev.termcade.console.Cartridge;
import dev.termcade.vm.Extern;
import dev.termcade.vm.FunctionType;
import dev.termcade.vm.StandIns;
import dev.termcade.vm.Value;
import dev.termcade.vm.ValueType;
import dev.termcade.vm.WasmFunction;
import dev.termcade.wasm.ExternKind;
import dev.termcade.wasm.Import;
import dev.termcade.wasm.Module;
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

    /** The stand-in for {@code imp} of {@code module}, or null to leave it unresolved (a link error names it). */
    public Extern provide(Import imp, Module module) {
        if (imp.kind() == ExternKind.FUNC) {
            FunctionType t = FunctionType.from(module.types().get(imp.typeIndex()));
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
        switch (imp.kind()) {
            case MEMORY: log.accept("note: " + imp.qualifiedName() + " is a fresh memory of " + imp.memory().min() + " pages"); break;
            case TABLE: log.accept("note: " + imp.qualifiedName() + " is a fresh table of " + imp.table().limits().min() + " elements"); break;
            case GLOBAL: log.accept("note: " + imp.qualifiedName() + " is a fresh global set to zero"); break;
            default: break; // a function announces itself at each call
        }
        return StandIns.of(imp, module, log::accept);
    }
}
