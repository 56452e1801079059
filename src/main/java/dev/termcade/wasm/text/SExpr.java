package dev.termcade.wasm.text;

import java.io.ByteArrayOutputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * One node of WebAssembly text read as S-expressions: a parenthesised list, or an atom (keyword, {@code $id},
 * number or string). Lists nest without limit: the reader keeps its own stack, never the Java one.
 */
final class SExpr {
    enum Kind { LIST, KEYWORD, ID, STRING }

    final Kind kind;
    final int line;
    final int column;
    /** The token as written (for strings, the raw source text between the quotes). */
    final String text;
    /** A string's bytes after escapes are resolved; null for other kinds. */
    final byte[] bytes;
    /** A list's items; null for atoms. */
    final List<SExpr> items;

    private SExpr(Kind kind, int line, int column, String text, byte[] bytes, List<SExpr> items) {
        this.kind = kind;
        this.line = line;
        this.column = column;
        this.text = text;
        this.bytes = bytes;
        this.items = items;
    }

    boolean isList() { return kind == Kind.LIST; }

    boolean isKeyword(String k) { return kind == Kind.KEYWORD && text.equals(k); }

    /** A list whose first item is the keyword {@code head}, as in {@code (param i32)}. */
    boolean isList(String head) {
        return kind == Kind.LIST && !items.isEmpty() && items.get(0).isKeyword(head);
    }

    String head() { return kind == Kind.LIST && !items.isEmpty() && items.get(0).kind == Kind.KEYWORD ? items.get(0).text : null; }

    /** How the node reads in an error message. */
    String describe() {
        switch (kind) {
            case LIST: return head() == null ? "'('" : "'(" + head() + "'";
            case STRING: {
                String t = text.length() > 40 ? text.substring(0, 40) + "..." : text;
                return "string \"" + printable(t) + "\"";
            }
            default: {
                String t = text.length() > 40 ? text.substring(0, 40) + "..." : text;
                return "'" + printable(t) + "'";
            }
        }
    }

    private static String printable(String s) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            sb.append(c < 0x20 || c >= 0x7F ? '?' : c);
        }
        return sb.toString();
    }

    WatException error(String problem) { return new WatException(line, column, problem); }

    /** Reads all top-level nodes of {@code src} (any bytes; text outside strings must be ASCII). */
    static List<SExpr> read(byte[] src) {
        return new Reader(src).readAll();
    }

    private static final class Reader {
        private final byte[] s;
        private int pos;
        private int line = 1;
        private int lineStart;

        Reader(byte[] s) { this.s = s; }

        private int column() { return pos - lineStart + 1; }

        private WatException error(String problem) { return new WatException(line, column(), problem); }

        List<SExpr> readAll() {
            List<SExpr> top = new ArrayList<>();
            Deque<List<SExpr>> open = new ArrayDeque<>();
            Deque<int[]> openAt = new ArrayDeque<>();
            List<SExpr> into = top;
            while (true) {
                skipSpace();
                if (pos >= s.length) break;
                int b = s[pos] & 0xFF;
                int l = line, c = column();
                if (b == '(') {
                    pos++;
                    List<SExpr> list = new ArrayList<>();
                    into.add(new SExpr(Kind.LIST, l, c, "(", null, list));
                    open.push(into);
                    openAt.push(new int[]{l, c});
                    into = list;
                } else if (b == ')') {
                    if (open.isEmpty()) throw error("unexpected ')' with no '(' open");
                    pos++;
                    into = open.pop();
                    openAt.pop();
                } else if (b == '"') {
                    into.add(string(l, c));
                } else if (isIdChar(b)) {
                    int start = pos;
                    while (pos < s.length && isIdChar(s[pos] & 0xFF)) pos++;
                    if (pos < s.length && s[pos] == '"') throw error("unexpected token: a string must be separated from '" + new String(s, start, pos - start, java.nio.charset.StandardCharsets.ISO_8859_1) + "'");
                    String t = new String(s, start, pos - start, java.nio.charset.StandardCharsets.ISO_8859_1);
                    into.add(new SExpr(t.charAt(0) == '$' ? Kind.ID : Kind.KEYWORD, l, c, t, null, null));
                    if (t.equals("$")) throw new WatException(l, c, "unexpected token '$': an identifier needs a name");
                } else {
                    throw error(b >= 0x20 && b < 0x7F ? "unexpected character '" + (char) b + "'" : "unexpected byte 0x" + Integer.toHexString(b) + " outside a string");
                }
            }
            if (!open.isEmpty()) {
                int[] at = openAt.peek();
                throw new WatException(at[0], at[1], "unclosed '(' (the text ends before its ')')");
            }
            return top;
        }

        private void newline() {
            line++;
            lineStart = pos;
        }

        private void skipSpace() {
            while (pos < s.length) {
                int b = s[pos];
                if (b == ' ' || b == '\t' || b == '\r') {
                    pos++;
                } else if (b == '\n') {
                    pos++;
                    newline();
                } else if (b == ';' && pos + 1 < s.length && s[pos + 1] == ';') {
                    while (pos < s.length && s[pos] != '\n') pos++;
                } else if (b == '(' && pos + 1 < s.length && s[pos + 1] == ';') {
                    blockComment();
                } else {
                    return;
                }
            }
        }

        /** {@code (; ... ;)}, nesting. */
        private void blockComment() {
            int l = line, c = column();
            int depth = 0;
            while (pos < s.length) {
                if (s[pos] == '(' && pos + 1 < s.length && s[pos + 1] == ';') {
                    depth++;
                    pos += 2;
                } else if (s[pos] == ';' && pos + 1 < s.length && s[pos + 1] == ')') {
                    depth--;
                    pos += 2;
                    if (depth == 0) return;
                } else {
                    if (s[pos] == '\n') {
                        pos++;
                        newline();
                    } else {
                        pos++;
                    }
                }
            }
            throw new WatException(l, c, "unclosed block comment '(;'");
        }

        private SExpr string(int l, int c) {
            int start = ++pos;
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            while (true) {
                if (pos >= s.length) throw new WatException(l, c, "unclosed string");
                int b = s[pos] & 0xFF;
                if (b == '"') break;
                if (b == '\n') throw error("newline in a string (write \\n)");
                if (b < 0x20 || b == 0x7F) throw error("control character 0x" + Integer.toHexString(b) + " in a string");
                if (b != '\\') {
                    out.write(b);
                    pos++;
                    continue;
                }
                pos++;
                if (pos >= s.length) throw new WatException(l, c, "unclosed string");
                int e = s[pos] & 0xFF;
                pos++;
                switch (e) {
                    case 't': out.write('\t'); break;
                    case 'n': out.write('\n'); break;
                    case 'r': out.write('\r'); break;
                    case '"': out.write('"'); break;
                    case '\'': out.write('\''); break;
                    case '\\': out.write('\\'); break;
                    case 'u': unicodeEscape(out); break;
                    default: {
                        int hi = hex(e);
                        int lo = pos < s.length ? hex(s[pos] & 0xFF) : -1;
                        if (hi < 0 || lo < 0) {
                            pos--;
                            throw error("unknown escape '\\" + (e >= 0x20 && e < 0x7F ? String.valueOf((char) e) : String.format("x%02x", e)) + "' in a string");
                        }
                        pos++;
                        out.write(hi * 16 + lo);
                    }
                }
            }
            String raw = new String(s, start, pos - start, java.nio.charset.StandardCharsets.ISO_8859_1);
            pos++;
            if (pos < s.length && (isIdChar(s[pos] & 0xFF) || s[pos] == '"')) throw error("unexpected token: a string must be followed by a space or a parenthesis");
            return new SExpr(Kind.STRING, l, c, raw, out.toByteArray(), null);
        }

        /** {@code \\u{hex}}: a Unicode scalar value written as UTF-8. */
        private void unicodeEscape(ByteArrayOutputStream out) {
            if (pos >= s.length || s[pos] != '{') throw error("malformed \\u escape (expected \\u{HEX})");
            pos++;
            long v = 0;
            int digits = 0;
            boolean lastUnderscore = false;
            while (pos < s.length && s[pos] != '}') {
                int b = s[pos] & 0xFF;
                if (b == '_' && digits > 0 && !lastUnderscore) {
                    lastUnderscore = true;
                    pos++;
                    continue;
                }
                int d = hex(b);
                if (d < 0) throw error("malformed \\u escape (expected \\u{HEX})");
                v = Math.min(v * 16 + d, 0x7FFFFFFFL);
                digits++;
                lastUnderscore = false;
                pos++;
            }
            if (pos >= s.length || digits == 0 || lastUnderscore) throw error("malformed \\u escape (expected \\u{HEX})");
            pos++;
            if (v >= 0xD800 && v < 0xE000 || v >= 0x110000) throw error("\\u{" + Long.toHexString(v) + "} is not a Unicode scalar value");
            byte[] utf8 = new String(Character.toChars((int) v)).getBytes(java.nio.charset.StandardCharsets.UTF_8);
            out.write(utf8, 0, utf8.length);
        }

        private static int hex(int b) {
            if (b >= '0' && b <= '9') return b - '0';
            if (b >= 'a' && b <= 'f') return b - 'a' + 10;
            if (b >= 'A' && b <= 'F') return b - 'A' + 10;
            return -1;
        }
    }

    /** The characters of keywords, numbers and {@code $ids}: printable ASCII but space, quotes, parens, {@code , ; [ ] { }}. */
    static boolean isIdChar(int b) {
        if (b <= 0x20 || b >= 0x7F) return false;
        switch (b) {
            case '"': case ',': case ';': case '(': case ')': case '[': case ']': case '{': case '}': return false;
            default: return true;
        }
    }
}
