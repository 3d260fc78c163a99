package net.backup.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class RegexGuardTest {
    /** Quadratic in the line's length under matches(): about a minute for a line of a few hundred KB. */
    private static final Pattern CARELESS = Pattern.compile(".*(error|fail).*(denied|refused).*");

    @Test
    void aStoppedGuardEndsAMatchThatWouldTakeMinutes() {
        var stopped = new AtomicBoolean(true);
        RegexGuard guard = stopped::get;
        String line = "error ".repeat(50_000);

        assertThatThrownBy(() -> CARELESS.matcher(guard.text(line)).matches()).isInstanceOf(RegexGuard.Stopped.class);
    }

    @Test
    void aGuardThatIsNotStoppedChangesNothingAboutTheMatch() {
        RegexGuard guard = () -> false;
        Matcher m = Pattern.compile("snmp-server community (?<secret>\\S+) RO").matcher(guard.text("snmp-server community s3cr3t RO"));

        assertThat(m.matches()).isTrue();
        assertThat(m.group("secret")).isEqualTo("s3cr3t");
        assertThat(CARELESS.matcher(guard.text("login failed: access denied")).matches()).isTrue();
    }

    @Test
    void withoutAGuardTheTextIsTheLineItself() {
        String line = "hostname csr1";
        assertThat(RegexGuard.NONE.text(line)).isSameAs(line);
    }
}
