package dev.termcade.wasm;

public enum SegmentMode { ACTIVE, PASSIVE, DECLARATIVE }
