package net.backup.platform;

/**
 * Stops a platform's regexes (prompts, errors, volatile lines, secrets) once the task they serve is over:
 * Java's regex engine cannot be interrupted, and a careless pattern such as {@code .*(error|fail).*(denied|refused).*}
 * takes time that grows with the square of a line's length, or worse. The text a guarded pattern runs over
 * asks, every few thousand characters the engine reads, whether the task was stopped (its device's deadline,
 * the run's deadline, Ctrl-C), and ends the match with {@link Stopped} if so.
 */
@FunctionalInterface
public interface RegexGuard {
    /** Nothing stops the match: for tests, and for text that no device sent. */
    RegexGuard NONE = () -> false;

    /** True once the task is over; read often, so it must be cheap (a volatile field). */
    boolean stopped();

    /** {@code text} as a pattern should see it: the same characters, read under this guard. */
    default CharSequence text(CharSequence text) {
        return this == NONE ? text : new GuardedText(this).reset(text);
    }

    /** A match was abandoned because its task is over. */
    final class Stopped extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public Stopped() {
            super("a pattern match was stopped: its task is over", null, false, false);
        }
    }

    /**
     * A reusable view of a line for one matcher at a time: {@link #reset} points it at the next line without
     * allocating, for the loops that match every line of a configuration.
     */
    final class GuardedText implements CharSequence {
        /** How many characters are read between two looks at the guard: cheap, and still within milliseconds. */
        private static final int CHECK_EVERY = 4096;

        private final RegexGuard guard;
        private CharSequence text = "";
        private int reads;

        public GuardedText(RegexGuard guard) {
            this.guard = guard;
        }

        public GuardedText reset(CharSequence next) {
            this.text = next;
            return this;
        }

        @Override
        public char charAt(int index) {
            if (++reads == CHECK_EVERY) {
                reads = 0;
                if (guard.stopped()) {
                    throw new Stopped();
                }
            }
            return text.charAt(index);
        }

        @Override
        public int length() {
            return text.length();
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return new GuardedText(guard).reset(text.subSequence(start, end));
        }

        @Override
        public String toString() {
            return text.toString();
        }
    }
}
