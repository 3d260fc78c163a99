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
}
