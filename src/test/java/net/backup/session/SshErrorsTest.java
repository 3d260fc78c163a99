package net.backup.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.EOFException;
import java.io.IOException;
import net.schmizz.sshj.connection.channel.OpenFailException;
import org.junit.jupiter.api.Test;

class SshErrorsTest {
    @Test
    void aRefusedChannelIsNamedWithItsReasonEvenWhenTheServerSaysNothing() {
        var refused = new OpenFailException("session", OpenFailException.Reason.ADMINISTRATIVELY_PROHIBITED.getCode(), "");

        assertThat(SshErrors.describe(refused)).isEqualTo("the device refused a session channel (administratively prohibited)");
        assertThat(SshErrors.isChannelRefusal(new IOException("wrapped", refused))).isTrue();
    }

    @Test
    void aRefusedChannelKeepsTheServersDescription() {
        var refused = new OpenFailException("session", OpenFailException.Reason.RESOURCE_SHORTAGE.getCode(), "too many\nsessions");

        assertThat(SshErrors.describe(refused)).isEqualTo("the device refused a session channel (resource shortage: too many sessions)");
    }

    @Test
    void aFailureWithoutAMessageIsNamedByItsKind() {
        assertThat(SshErrors.describe(new EOFException())).isEqualTo("EOFException");
        assertThat(SshErrors.describe(new IOException(" ", new IOException("")))).isEqualTo("IOException");
        assertThat(new SessionException(SessionException.Cause.NETWORK, "", new EOFException()).getMessage())
                .isEqualTo("EOFException");
    }

    @Test
    void onlyADeviceOutOfSessionsIsAChannelRefusalWorthTryingAgain() {
        var busy = new OpenFailException("session", OpenFailException.Reason.RESOURCE_SHORTAGE.getCode(), "busy");
        var prohibited = new OpenFailException("session", OpenFailException.Reason.ADMINISTRATIVELY_PROHIBITED.getCode(), "");

        assertThat(SshErrors.isTransientChannelRefusal(new IOException("wrapped", busy))).isTrue();
        assertThat(SshErrors.isTransientChannelRefusal(prohibited)).isFalse();
        assertThat(SshErrors.describe(new OpenFailException("session", 4, "x".repeat(500))))
                .hasSize("the device refused a session channel (resource shortage: ".length() + 100 + "...)".length());
    }

    /** A hang-up on the login, as a device sends it, against a packet sshj itself found broken on the way. */
    @Test
    void aLoginHangUpIsTheDevicesDisconnectNotABrokenPacket() {
        var tooManyFailures = new net.schmizz.sshj.transport.TransportException(
                net.schmizz.sshj.common.DisconnectReason.PROTOCOL_ERROR, "Too many authentication failures");
        var noMoreMethods = new net.schmizz.sshj.transport.TransportException(
                net.schmizz.sshj.common.DisconnectReason.NO_MORE_AUTH_METHODS_AVAILABLE, "Access denied");
        var badMac = new net.schmizz.sshj.transport.TransportException(
                net.schmizz.sshj.common.DisconnectReason.MAC_ERROR, "MAC Error");

        assertThat(SshErrors.isDeliberateDisconnect(new IOException("wrapped", tooManyFailures))).isTrue();
        assertThat(SshErrors.isDeliberateDisconnect(noMoreMethods)).isTrue();
        assertThat(SshErrors.isDeliberateDisconnect(badMac)).isFalse();
        assertThat(SshErrors.isDeliberateDisconnect(new EOFException())).isFalse();
    }
}
