package net.backup.platform;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One kind of free text a configuration may hold (a banner, a macro), as a platform file declares it in
 * {@code text_blocks}: the operator's lines, which may read like anything (an error, a pager prompt, the end
 * marker and the prompt). Both patterns match a whole line, the blanks around it ignored.
 *
 * @param start the line that opens the block. With a group named {@code delimiter}, the block is closed by the
 *              first later line that holds what that group matched ({@code banner motd ^C}), or on this very line
 *              if the rest of it holds it already ({@code banner motd ^C Authorised use only ^C})
 * @param end   the line that closes the block ({@code EOF}), for a start without a delimiter
 */
public record TextBlock(Pattern start, Optional<Pattern> end) {
    static final String DELIMITER = "delimiter";

    static boolean hasDelimiter(Pattern start) {
        return start.pattern().contains("(?<" + DELIMITER + ">");
    }
}
