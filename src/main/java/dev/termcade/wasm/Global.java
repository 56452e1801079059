package dev.termcade.wasm;

public record Global(GlobalType type, ConstExpr init) {}
