package net.backup.lab;

import java.io.IOException;
import java.util.function.Function;
import org.apache.sshd.client.future.DefaultOpenFuture;
import org.apache.sshd.client.future.OpenFuture;
import org.apache.sshd.common.SshConstants;
import org.apache.sshd.common.channel.Channel;
import org.apache.sshd.common.channel.ChannelFactory;
import org.apache.sshd.common.channel.exception.SshChannelOpenException;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.util.buffer.Buffer;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.channel.ChannelSessionFactory;

/**
 * Opens the {@code session} channels the shells run in, except on a device with {@link Fault#NO_SESSION}: it
 * accepts the login, then answers the channel open with "administratively prohibited", as a paramiko server
 * that allows no shell does (and a device whose AAA grants no exec). MINA gives the refusal its own
 * description; paramiko's is empty.
 */
final class SessionChannels implements ChannelFactory {
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
        return deviceOf.apply(session).has(Fault.NO_SESSION) ? new Refused() : ChannelSessionFactory.INSTANCE.createChannel(session);
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
}
