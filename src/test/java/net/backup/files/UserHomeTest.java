package net.backup.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class UserHomeTest {
    @Test
    void theUserDatabasesHomeComesFirst() {
        assertThat(UserHome.directory("/home/ntc", "/tmp/elsewhere")).contains(Path.of("/home/ntc"));
    }

    /** Java says "?" for a uid the user database does not know; HOME is then the answer, never a folder named "?". */
    @Test
    void aUserTheDatabaseDoesNotKnowHasTheHomeOfItsEnvironment() {
        assertThat(UserHome.directory("?", "/tmp/u4242")).contains(Path.of("/tmp/u4242"));
        assertThat(UserHome.directory("?", null)).isEmpty();
        assertThat(UserHome.directory("?", "relative")).isEmpty();
    }
}
