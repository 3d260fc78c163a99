package net.backup.platform;

import java.util.Arrays;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.regex.Pattern;

/**
 * The characters a non-empty match of a pattern can begin with, and how short a match can be, so that a line
 * that is too short, or whose first character is not one of them, is known not to match without running the
 * regex: under C1, the only compiler the launcher asks for, a failed match costs a few hundred nanoseconds,
 * and three of them ran on every line of every configuration. For a match at the start of a line
 * ({@link java.util.regex.Matcher#lookingAt}), which may begin with the line's indentation, it also knows
 * what can follow leading spaces.
 * <p>
 * The sets are derived conservatively, supersets of the truth: lookarounds, anchors and word boundaries
 * count as matching nothing (they only narrow a match), a quantifier's body may be absent when its minimum
 * is 0, and a pattern this reader does not fully understand (flags, inline or not; back references; quoting;
 * Unicode classes and escapes; nested classes; any non-ASCII character) may begin with anything. Characters
 * above U+00FF are always "may begin": the sets only hold the Latin-1 range devices send.
 */
public final class MatchPrefilter {
    private static final MatchPrefilter ANY = new MatchPrefilter(Set.all(), 0, Set.all(), true);
    /**
     * Derived once per pattern: the patterns are a platform's, few and long-lived, and every backup asks for
     * several of them (derived afresh, they were a twentieth of the bytes a 500-device run allocated). Weak
     * keys, so a pattern no platform holds any more takes its prefilter with it; Pattern's identity is its key.
     */
    private static final Map<Pattern, MatchPrefilter> DERIVED = Collections.synchronizedMap(new WeakHashMap<>());

    private final long[] first;
    private final int minimum;
    private final long[] afterSpaces;
    private final boolean spaces;

    private MatchPrefilter(Set first, int minimum, Set afterSpaces, boolean spaces) {
        this.first = first.bits;
        this.minimum = minimum;
        this.afterSpaces = afterSpaces.bits;
        this.spaces = spaces;
    }

    /** Never null; when the pattern is not understood, every question is answered "may". */
    public static MatchPrefilter of(Pattern pattern) {
        MatchPrefilter known = DERIVED.get(pattern);
        if (known == null) {
            known = derive(pattern);
            DERIVED.put(pattern, known);
        }
        return known;
    }

    /** A line that may match any one of the patterns may pass this one: their sets joined, the shortest minimum. */
    public static MatchPrefilter anyOf(java.util.List<Pattern> patterns) {
        var first = new Set();
        var afterSpaces = new Set();
        int minimum = Integer.MAX_VALUE;
        boolean spaces = false;
        for (Pattern pattern : patterns) {
            MatchPrefilter one = of(pattern);
            for (int i = 0; i < first.bits.length; i++) {
                first.bits[i] |= one.first[i];
                afterSpaces.bits[i] |= one.afterSpaces[i];
            }
            minimum = Math.min(minimum, one.minimum);
            spaces |= one.spaces;
        }
        return new MatchPrefilter(first, minimum == Integer.MAX_VALUE ? 0 : minimum, afterSpaces, spaces);
    }

    private static MatchPrefilter derive(Pattern pattern) {
        if (pattern.flags() != 0) {
            return ANY;
        }
        try {
            var reader = new Reader(pattern.pattern());
            Term term = reader.alternation();
            if (reader.at < reader.text.length()) {
                return ANY; // an unbalanced ')' would not have compiled: something was misread
            }
            return new MatchPrefilter(term.first, term.minimum, term.afterSpaces, term.spaces);
        } catch (Unsure e) {
            return ANY;
        }
    }

    /**
     * False only if {@code text[from, to)} as a whole cannot match the pattern: it is shorter than any match,
     * or it begins with a character that no match begins with.
     */
    public boolean mayMatchWhole(CharSequence text, int from, int to) {
        return to - from >= minimum && (from == to || has(first, text.charAt(from)));
    }

    /**
     * False only if no non-empty prefix of {@code text[from, to)} matches the pattern: what decides is the
     * first character that is not a space, and whether the pattern can match spaces alone. A blank or empty
     * text is always "may" (a pattern may match the empty string).
     */
    public boolean mayMatchAtStartOf(CharSequence text, int from, int to) {
        int at = from;
        while (at < to && text.charAt(at) == ' ') {
            at++;
        }
        return at == to || has(afterSpaces, text.charAt(at)) || (at > from && spaces);
    }

    private static boolean has(long[] bits, char c) {
        return c > 0xff || (bits[c >>> 6] & (1L << c)) != 0;
    }

    /** A 256-bit set of Latin-1 characters. */
    private static final class Set {
        final long[] bits = new long[4];

        static Set all() {
            var set = new Set();
            Arrays.fill(set.bits, -1L);
            return set;
        }

        static Set of(char c) {
            return new Set().add(c, c);
        }

        Set add(char from, char to) {
            for (int c = from; c <= to; c++) {
                bits[c >>> 6] |= 1L << c;
            }
            return this;
        }

        Set addAll(Set other) {
            for (int i = 0; i < bits.length; i++) {
                bits[i] |= other.bits[i];
            }
            return this;
        }

        boolean has(char c) {
            return (bits[c >>> 6] & (1L << c)) != 0;
        }

        Set remove(char c) {
            bits[c >>> 6] &= ~(1L << c);
            return this;
        }

        Set copy() {
            var copy = new Set();
            copy.addAll(this);
            return copy;
        }

        Set complement() {
            for (int i = 0; i < bits.length; i++) {
                bits[i] = ~bits[i];
            }
            return this;
        }
    }

    /**
     * What a part of a pattern can begin with; how short what it matches can be; what the first character other
     * than a space of what it matches can be; whether it can match a string of spaces or nothing, a non-empty
     * string of spaces.
     */
    private record Term(Set first, int minimum, Set afterSpaces, boolean spacesOrEmpty, boolean spaces) {
        /** Longer than any line a session delivers; a sum of two stays an int. */
        private static final int LONG = 1 << 28;

        static Term empty() {
            return new Term(new Set(), 0, new Set(), true, false);
        }

        static Term of(Set set) {
            boolean space = set.has(' ');
            return new Term(set, 1, set.copy().remove(' '), space, space);
        }

        Term or(Term other) {
            return new Term(first.copy().addAll(other.first), Math.min(minimum, other.minimum),
                    afterSpaces.copy().addAll(other.afterSpaces), spacesOrEmpty || other.spacesOrEmpty, spaces || other.spaces);
        }

        Term then(Term next) {
            return new Term(minimum == 0 ? first.copy().addAll(next.first) : first, Math.min(LONG, minimum + next.minimum),
                    spacesOrEmpty ? afterSpaces.copy().addAll(next.afterSpaces) : afterSpaces,
                    spacesOrEmpty && next.spacesOrEmpty, spacesOrEmpty && next.spacesOrEmpty && (spaces || next.spaces));
        }

        /** At least {@code times} of this, one after another: each begins as this does. */
        Term repeated(int times) {
            if (times == 0) {
                return new Term(first, 0, afterSpaces, true, spaces);
            }
            return new Term(first, (int) Math.min(LONG, (long) minimum * times), afterSpaces, spacesOrEmpty, spaces);
        }
    }

    /** Thrown where the pattern uses something this reader does not model: the answer is then "anything". */
    private static final class Unsure extends Exception {
        private static final long serialVersionUID = 1L;

        Unsure() {
            super(null, null, false, false);
        }
    }

    /** A recursive-descent reader of the subset of java.util.regex syntax that platform files use. */
    private static final class Reader {
        final String text;
        int at;

        Reader(String text) throws Unsure {
            for (int i = 0; i < text.length(); i++) {
                if (text.charAt(i) >= 0x80) {
                    throw new Unsure();
                }
            }
            this.text = text;
        }

        Term alternation() throws Unsure {
            Term result = sequence();
            while (at < text.length() && text.charAt(at) == '|') {
                at++;
                result = result.or(sequence());
            }
            return result;
        }

        Term sequence() throws Unsure {
            Term result = Term.empty();
            while (at < text.length() && text.charAt(at) != '|' && text.charAt(at) != ')') {
                result = result.then(quantified(atom()));
            }
            return result;
        }

        Term quantified(Term atom) throws Unsure {
            Term result = atom;
            while (at < text.length()) {
                char c = text.charAt(at);
                int times;
                if (c == '?' || c == '*') {
                    at++;
                    times = 0;
                } else if (c == '+') {
                    at++;
                    times = 1;
                } else if (c == '{') {
                    times = minimumOfBraces();
                } else {
                    return result;
                }
                if (at < text.length() && (text.charAt(at) == '?' || text.charAt(at) == '+')) {
                    at++; // reluctant or possessive: the same matches tried in another order, or fewer of them
                }
                result = result.repeated(times);
            }
            return result;
        }

        /** {n}, {n,} or {n,m}: returns n. */
        private int minimumOfBraces() throws Unsure {
            int close = text.indexOf('}', at);
            if (close < 0) {
                throw new Unsure();
            }
            String inside = text.substring(at + 1, close);
            if (!inside.matches("[0-9]{1,9}(,[0-9]{0,9})?")) {
                throw new Unsure();
            }
            at = close + 1;
            return Integer.parseInt(inside.split(",", -1)[0]);
        }

        Term atom() throws Unsure {
            char c = text.charAt(at++);
            switch (c) {
                case '(':
                    return group();
                case '[':
                    return Term.of(characterClass());
                case '\\':
                    return escape();
                case '.':
                    return Term.of(Set.all());
                case '^':
                case '$':
                    return Term.empty();
                case '*':
                case '+':
                case '?':
                case '{':
                    throw new Unsure(); // a quantifier with nothing before it: not valid, so misread
                default:
                    return Term.of(Set.of(c));
            }
        }

        private Term group() throws Unsure {
            boolean zeroWidth = false;
            if (text.startsWith("?:", at) || text.startsWith("?>", at)) {
                at += 2;
            } else if (text.startsWith("?=", at) || text.startsWith("?!", at)) {
                at += 2;
                zeroWidth = true;
            } else if (text.startsWith("?<=", at) || text.startsWith("?<!", at)) {
                at += 3;
                zeroWidth = true;
            } else if (text.startsWith("?<", at)) {
                int close = text.indexOf('>', at);
                if (close < 0 || !text.substring(at + 2, close).matches("[a-zA-Z][a-zA-Z0-9]*")) {
                    throw new Unsure();
                }
                at = close + 1;
            } else if (text.startsWith("?", at)) {
                throw new Unsure(); // inline flags, or something newer than this reader
            }
            Term inside = alternation();
            if (at >= text.length() || text.charAt(at) != ')') {
                throw new Unsure();
            }
            at++;
            return zeroWidth ? Term.empty() : inside;
        }

        private Term escape() throws Unsure {
            if (at >= text.length()) {
                throw new Unsure();
            }
            char c = text.charAt(at++);
            if (c == 'b' || c == 'B') {
                if (at < text.length() && text.charAt(at) == '{') {
                    throw new Unsure(); // \b{g}
                }
                return Term.empty();
            }
            if (c == 'A' || c == 'G' || c == 'Z' || c == 'z') {
                return Term.empty();
            }
            return Term.of(escapedSet(c));
        }

        /** The escapes that stand for characters, in or out of a class; anything else is unsure. */
        private static Set escapedSet(char c) throws Unsure {
            switch (c) {
                case 'd':
                    return digits();
                case 'D':
                    return digits().complement();
                case 'w':
                    return word();
                case 'W':
                    return word().complement();
                case 's':
                    return space();
                case 'S':
                    return space().complement();
                case 't':
                    return Set.of('\t');
                case 'n':
                    return Set.of('\n');
                case 'r':
                    return Set.of('\r');
                case 'f':
                    return Set.of('\f');
                case 'a':
                    return Set.of('\u0007');
                case 'e':
                    return Set.of('\u001b');
                default:
                    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
                        throw new Unsure(); // hex, Unicode and property escapes, quoting, back references, \h \v \R ...
                    }
                    return Set.of(c);
            }
        }

        private static Set digits() {
            return new Set().add('0', '9');
        }

        private static Set word() {
            return new Set().add('a', 'z').add('A', 'Z').add('0', '9').add('_', '_');
        }

        private static Set space() {
            return new Set().add(' ', ' ').add('\t', '\r'); // tab, LF, VT, FF, CR
        }

        /** After '[': simple classes only (literals, ranges, the escapes above, a leading ^). */
        private Set characterClass() throws Unsure {
            boolean negated = at < text.length() && text.charAt(at) == '^';
            if (negated) {
                at++;
            }
            if (at >= text.length() || text.charAt(at) == ']') {
                throw new Unsure();
            }
            var set = new Set();
            for (boolean firstItem = true; ; firstItem = false) {
                if (at >= text.length()) {
                    throw new Unsure();
                }
                char c = text.charAt(at++);
                if (c == ']') {
                    break;
                }
                if (c == '[' || (c == '&' && at < text.length() && text.charAt(at) == '&')) {
                    throw new Unsure(); // unions and intersections
                }
                if (c == '-' && !firstItem && at < text.length() && text.charAt(at) != ']') {
                    throw new Unsure(); // a '-' that is neither first, last nor in a range: leave it to the regex
                }
                int from;
                if (c == '\\') {
                    if (at >= text.length()) {
                        throw new Unsure();
                    }
                    Set escaped = escapedSet(text.charAt(at++));
                    int single = single(escaped);
                    if (single < 0) {
                        set.addAll(escaped);
                        if (at < text.length() && text.charAt(at) == '-' && at + 1 < text.length() && text.charAt(at + 1) != ']') {
                            throw new Unsure(); // a range from a class
                        }
                        continue;
                    }
                    from = single;
                } else {
                    from = c;
                }
                if (at + 1 < text.length() && text.charAt(at) == '-' && text.charAt(at + 1) != ']') {
                    at++;
                    char end = text.charAt(at++);
                    int to;
                    if (end == '\\') {
                        if (at >= text.length()) {
                            throw new Unsure();
                        }
                        to = single(escapedSet(text.charAt(at++)));
                    } else if (end == '[' || end == '&') {
                        throw new Unsure();
                    } else {
                        to = end;
                    }
                    if (to < from) {
                        throw new Unsure();
                    }
                    set.add((char) from, (char) to);
                } else {
                    set.add((char) from, (char) from);
                }
            }
            return negated ? set.complement() : set;
        }

        /** The one character a set holds, or -1. */
        private static int single(Set set) {
            int found = -1;
            for (int c = 0; c < 256; c++) {
                if ((set.bits[c >>> 6] & (1L << c)) != 0) {
                    if (found >= 0) {
                        return -1;
                    }
                    found = c;
                }
            }
            return found;
        }
    }
}
