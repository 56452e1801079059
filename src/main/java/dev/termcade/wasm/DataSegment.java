package dev.termcade.wasm;

public record DataSegment(SegmentMode mode, int memory, ConstExpr offset, byte[] bytes) {}
