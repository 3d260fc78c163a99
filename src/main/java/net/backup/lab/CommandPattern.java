package net.backup.lab;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A command as a kind file writes it: {@code ter[minal] len[gth] <n>}. A word with brackets may be cut
 * short down to the part before them, as network CLIs accept ({@code term len 0}); a word without brackets
 * must be typed whole; {@code <n>} is a number, {@code <word>} any one word.
 */
record CommandPattern(String source, List<Token> tokens) {

    /** One position in the command. */
    record Token(String word, int shortest, Kind kind) {
        enum Kind { WORD, NUMBER, ANY }

        boolean accepts(String typed) {
            return switch (kind) {
                case NUMBER -> typed.matches("\\d{1,5}");
                case ANY -> true;
                case WORD -> typed.length() >= shortest && typed.length() <= word.length()
                        && word.startsWith(typed.toLowerCase(Locale.ROOT));
            };
        }
    }

    static CommandPattern parse(String source) {
        var tokens = new ArrayList<Token>();
        for (String part : source.trim().split("\\s+")) {
            if (part.equals("<n>")) {
                tokens.add(new Token("", 0, Token.Kind.NUMBER));
            } else if (part.equals("<word>")) {
                tokens.add(new Token("", 0, Token.Kind.ANY));
            } else if (part.matches("[^\\[\\]<>]+(\\[[^\\[\\]<>]+\\])?")) {
                int bracket = part.indexOf('[');
                String word = part.replace("[", "").replace("]", "").toLowerCase(Locale.ROOT);
                tokens.add(new Token(word, bracket < 0 ? word.length() : bracket, Token.Kind.WORD));
            } else {
                throw new IllegalArgumentException("'" + source + "' is not a command pattern (words, word[rest], <n>, <word>)");
            }
        }
        return new CommandPattern(source, List.copyOf(tokens));
    }

    /** The arguments ({@code <n>}, {@code <word>}) if the typed words are this command, else empty. */
    Optional<List<String>> match(String[] typed) {
        if (typed.length != tokens.size()) {
            return Optional.empty();
        }
        var arguments = new ArrayList<String>();
        for (int i = 0; i < typed.length; i++) {
            Token token = tokens.get(i);
            if (!token.accepts(typed[i])) {
                return Optional.empty();
            }
            if (token.kind() != Token.Kind.WORD) {
                arguments.add(typed[i]);
            }
        }
        return Optional.of(arguments);
    }

    /** True if the typed words start with this command's words (arguments follow, as in {@code description TEXT}). */
    boolean prefixOf(String[] typed) {
        if (typed.length <= tokens.size()) {
            return false;
        }
        for (int i = 0; i < tokens.size(); i++) {
            if (!tokens.get(i).accepts(typed[i])) {
                return false;
            }
        }
        return true;
    }
}
