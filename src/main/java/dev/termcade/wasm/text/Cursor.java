package dev.termcade.wasm.text;

import java.util.List;

/** Reads the items of one list (or of the top level) left to right. */
final class Cursor {
    private final List<SExpr> items;
    private final SExpr owner;
    private int pos;

    /** {@code owner} is the list being read (null at the top level); errors at its end point at it. */
    Cursor(List<SExpr> items, int from, SExpr owner) {
        this.items = items;
        this.pos = from;
        this.owner = owner;
    }

    static Cursor of(SExpr list) { return new Cursor(list.items, 1, list); }

    boolean done() { return pos >= items.size(); }

    SExpr peek() { return done() ? null : items.get(pos); }

    SExpr peek(int ahead) { return pos + ahead < items.size() ? items.get(pos + ahead) : null; }

    SExpr next() {
        if (done()) throw atEnd("an operand");
        return items.get(pos++);
    }

    boolean peekList(String head) { return !done() && items.get(pos).isList(head); }

    boolean peekKeyword(String k) { return !done() && items.get(pos).isKeyword(k); }

    boolean peekKind(SExpr.Kind kind) { return !done() && items.get(pos).kind == kind; }

    /** An optional {@code $id}, or null. */
    SExpr optId() { return peekKind(SExpr.Kind.ID) ? next() : null; }

    SExpr keyword(String what) {
        SExpr n = next0(what);
        if (n.kind != SExpr.Kind.KEYWORD) throw n.error("expected " + what + ", found " + n.describe());
        return n;
    }

    SExpr string(String what) {
        SExpr n = next0(what);
        if (n.kind != SExpr.Kind.STRING) throw n.error("expected " + what + " (a string), found " + n.describe());
        return n;
    }

    SExpr list(String head) {
        SExpr n = next0("(" + head + " ...)");
        if (!n.isList(head)) throw n.error("expected (" + head + " ...), found " + n.describe());
        return n;
    }

    private SExpr next0(String what) {
        if (done()) throw atEnd(what);
        return items.get(pos++);
    }

    WatException atEnd(String what) {
        if (owner == null) return new WatException(1, 1, "unexpected end of text: expected " + what);
        return owner.error("unexpected end of " + owner.describe() + ": expected " + what + " before its ')'");
    }

    /** Fails unless every item was read. */
    void end() {
        if (!done()) throw unexpected(items.get(pos));
    }

    static WatException unexpected(SExpr n) { return n.error("unexpected token " + n.describe()); }
}
