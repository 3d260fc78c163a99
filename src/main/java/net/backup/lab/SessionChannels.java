package net.backup.lab;

import java.io.IOException;
import java.util.function.Function;
import org.apache.sshd.client.future.DefaultOpenFuture;
import org.apache.sshd.client.future.OpenFuture;
import org.apache.sshd.common.SshConstants;
import org.apache.sshd.common.channel.Channel;
import org.apache.sshd.common.channel.ChannelFactory;
import org.apache.sshd.common.channel.RequestHandler;
import org.apache.sshd.common.channel.exception.SshChannelOpenException;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.util.buffer.Buffer;
import org.apache.sshd.core.CoreModuleProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.channel.ChannelSessionFactory;

/**
 * Opens the {@code session} channels the shells run in, except on a device with {@link Fault#NO_SESSION}: it
 * accepts the login, then answers the channel open with "administratively prohibited", as a paramiko server
 * that allows no shell does (and a device whose AAA grants no exec). MINA gives the refusal its own
 * description; paramiko's is empty. With {@link Fault#SILENT_CHANNEL} the open is never answered, with
 * {@link Fault#DEAF_TO_CLOSE} the client's close never is, with {@link Fault#CLOSED_WINDOW} the client's window
 * is never opened beyond a few bytes.
 */
final class SessionChannels implements ChannelFactory {
    /** The window a {@link Fault#CLOSED_WINDOW} device gives: the first command's keys and no more. */
    static final long CLOSED_WINDOW_BYTES = 16;

    private final Function<Session, SimulatedDevice> deviceOf;

    SessionChannels(Function<Session, SimulatedDevice> deviceOf) {
        this.deviceOf = deviceOf;
    }

    @Override
    public String getName() {
        return ChannelSessionFactory.INSTANCE.getName();
    }

    @Override
    public Channel createChannel(Session session) throws IOException {
        SimulatedDevice device = deviceOf.apply(session);
        if (device.has(Fault.NO_SESSION)) {
            return new Refused();
        }
        if (device.has(Fault.SILENT_CHANNEL)) {
            return new Unanswered();
        }
        if (device.has(Fault.CLOSED_WINDOW)) {
            return new ClosedWindow();
        }
        if (device.has(Fault.SILENT_TERMINAL)) {
            return new SilentTerminal();
        }
        return device.has(Fault.DEAF_TO_CLOSE) ? new DeafToClose() : ChannelSessionFactory.INSTANCE.createChannel(session);
    }

    /** A session channel that takes the PTY request and never answers it (it says it replied, and sends nothing). */
    private static final class SilentTerminal extends ChannelSession {
        @Override
        protected RequestHandler.Result handlePtyReq(Buffer buffer, boolean wantReply) {
            return RequestHandler.Result.Replied;
        }
    }

    /** A session channel whose open fails; the server then sends the client SSH_MSG_CHANNEL_OPEN_FAILURE. */
    private static final class Refused extends ChannelSession {
        @Override
        public OpenFuture open(long recipient, long rwSize, long packetSize, Buffer buffer) {
            var future = new DefaultOpenFuture(this, null);
            future.setException(new SshChannelOpenException(getChannelId(), SshConstants.SSH_OPEN_ADMINISTRATIVELY_PROHIBITED, ""));
            return future;
        }
    }

    /** A session channel whose open is never answered, either way. */
    private static final class Unanswered extends ChannelSession {
        @Override
        public OpenFuture open(long recipient, long rwSize, long packetSize, Buffer buffer) {
            return new DefaultOpenFuture(this, null);
        }
    }

    /** A session channel that ignores the client's SSH_MSG_CHANNEL_CLOSE: it ends when the connection does. */
    private static final class DeafToClose extends ChannelSession {
        private static final Logger LOG = LoggerFactory.getLogger(DeafToClose.class);

        @Override
        public void handleClose() {
            LOG.debug("channel close ignored (deaf-to-close)");
        }
    }

    /**
     * A session channel whose window for the client's data is {@link #CLOSED_WINDOW_BYTES} and is never adjusted,
     * however much of it the shell has read.
     */
    private static final class ClosedWindow extends ChannelSession {
        private static final Logger LOG = LoggerFactory.getLogger(ClosedWindow.class);

        ClosedWindow() {
            CoreModuleProperties.WINDOW_SIZE.set(this, CLOSED_WINDOW_BYTES); // read when the channel is set up
        }

        @Override
        protected void sendWindowAdjust(long length) {
            LOG.debug("window adjust of {} bytes not sent (closed-window)", length);
        }
    }
}
