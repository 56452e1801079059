package dev.termcade.wasm;

public record ElementSegment(SegmentMode mode, int table, ConstExpr offset, byte elemType, ConstExpr[] items) {}
