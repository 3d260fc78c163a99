package net.backup.session;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Every byte that arrives is progress: it resets the command timeout. */
final class ProgressInputStream extends FilterInputStream {
    private final Watchdog.Watch watch;

    ProgressInputStream(InputStream in, Watchdog.Watch watch) {
        super(in);
        this.watch = watch;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n > 0) {
            watch.reset();
        }
        return n;
    }
}
