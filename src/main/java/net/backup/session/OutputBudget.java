package net.backup.session;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.BooleanSupplier;
import net.backup.size.Sizes;

/**
 * How much device output the whole run may hold in memory at once, shared by every device under way: a
 * few flooding devices must not take the memory the healthy ones need. Each attempt at a device opens an
 * {@link Account}, which takes bytes from the budget as they are read and gives them all back when the
 * attempt is over (its configuration stored or dropped).
 *
 * <p>When the budget is spent, the device holding the most output fails, {@code output too large}: a flood
 * is the device that holds the most, since a healthy configuration is a few megabytes at most. If that is
 * another device, it fails at its next read, and the one that found the budget spent waits until the
 * bytes are given back, rather than fail itself; one device at a time is made to give its bytes back.
 */
public final class OutputBudget {
    /** How often a waiting device looks again (its session may have been closed meanwhile by a deadline). */
    private static final long WAIT_SLICE_MILLIS = 50;

    private final long limit;
    private final Set<Account> holders = new LinkedHashSet<>();
    private long used;

    /** @param limit bytes of output the run may hold at once */
    public OutputBudget(long limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("an output budget must be at least 1 byte");
        }
        this.limit = limit;
    }

    /**
     * An eighth of the most memory this JVM may use: the output a device holds is copied a few times on its
     * way to the disk (cleaned, checked, redacted), and a flooding device's buffer may be twice what it holds.
     */
    public static long defaultLimit() {
        return Runtime.getRuntime().maxMemory() / 8;
    }

    public long limit() {
        return limit;
    }

    /** @param deviceLimit the most this one attempt may read in all ({@code max_output}) */
    public Account open(long deviceLimit) {
        return new Account(deviceLimit);
    }

    /** What one attempt at a device holds; closing it gives everything back. */
    public final class Account implements AutoCloseable {
        private final long perFetch;
        private long deviceLimit;
        private long held;
        /** Chosen to give its output back: its next take fails. */
        private boolean evicted;

        private Account(long deviceLimit) {
            this.perFetch = deviceLimit;
            this.deviceLimit = deviceLimit;
        }

        /**
         * The device's output is fetched once more in this session (a message of the device's interrupted it):
         * it may take its max_output again, while the first is held to be compared. The run's budget still bounds
         * both (a 9 KiB configuration fetched twice failed a max_output of 16 KiB: the cold review).
         */
        public void fetchingAgain() {
            synchronized (OutputBudget.this) {
                deviceLimit = held + perFetch;
            }
        }

        /**
         * Takes {@code bytes} more, waiting while the budget is spent and another device may still give some back.
         *
         * @param stillWanted asked while waiting: false once the session is over (then this throws)
         * @throws PromptReader.OutputTooLargeException past the device's own limit, or when this device holds
         *         the most of all while none can go on
         */
        void take(int bytes, BooleanSupplier stillWanted) throws IOException {
            synchronized (OutputBudget.this) {
                if (evicted) {
                    throw spent();
                }
                if (held + bytes > deviceLimit) {
                    throw new PromptReader.OutputTooLargeException("output too large: more than "
                            + Sizes.human(deviceLimit) + " (max_output)");
                }
                try {
                    while (used + bytes > limit) {
                        if (!evictionUnderWay()) {
                            Account largest = largestHolder();
                            if (largest == this) {
                                throw spent();
                            }
                            largest.evicted = true;
                            OutputBudget.this.notifyAll(); // it may be waiting too
                        }
                        OutputBudget.this.wait(WAIT_SLICE_MILLIS);
                        if (evicted) {
                            throw spent();
                        }
                        if (!stillWanted.getAsBoolean()) {
                            throw new IOException("the session ended while waiting for the output budget");
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("interrupted while waiting for the output budget");
                }
                held += bytes;
                used += bytes;
                holders.add(this);
            }
        }

        private PromptReader.OutputTooLargeException spent() {
            return new PromptReader.OutputTooLargeException("output too large: " + Sizes.human(held)
                    + " held, the most of any device, when the run's output budget of " + Sizes.human(limit)
                    + " (--output-budget) was spent");
        }

        /** One device at a time is made to give its output back; the others wait for it to do so. */
        private boolean evictionUnderWay() {
            for (Account holder : holders) {
                if (holder.evicted) {
                    return true;
                }
            }
            return false;
        }

        /** The holder with the most output that is not already on its way out; this one if it has the most. */
        private Account largestHolder() {
            Account largest = this;
            for (Account holder : holders) {
                if (!holder.evicted && holder.held > largest.held) {
                    largest = holder;
                }
            }
            return largest;
        }

        /** Gives back everything this attempt held. */
        @Override
        public void close() {
            synchronized (OutputBudget.this) {
                used -= held;
                held = 0;
                holders.remove(this);
                OutputBudget.this.notifyAll();
            }
        }
    }
}
