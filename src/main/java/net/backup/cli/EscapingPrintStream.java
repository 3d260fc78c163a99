package net.backup.cli;

import java.io.PrintStream;
import net.backup.report.TerminalText;

/**
 * Standard error under {@code --verbose}: the libraries' debug logs quote what a device sent (its version line,
 * the lines before it, a disconnect reason) as they got it, and a hostile peer can put escape sequences there
 * that clear or retitle the operator's terminal. slf4j-simple writes each record, and each line of a stack trace,
 * with one {@code println}; those lines are shown escaped here ({@link TerminalText#escapeKeepingTabs}).
 */
final class EscapingPrintStream extends PrintStream {
    EscapingPrintStream(PrintStream terminal) {
        super(terminal, true);
    }

    @Override
    public void println(String line) {
        super.println(TerminalText.escapeKeepingTabs(String.valueOf(line)));
    }

    @Override
    public void println(Object line) {
        println(String.valueOf(line));
    }

    @Override
    public void print(String text) {
        super.print(TerminalText.escapeKeepingTabs(String.valueOf(text)));
    }

    @Override
    public void print(Object text) {
        print(String.valueOf(text));
    }
}
