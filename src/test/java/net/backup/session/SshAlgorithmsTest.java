package net.backup.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.schmizz.sshj.Config;
import net.schmizz.sshj.common.Factory;
import net.schmizz.sshj.transport.cipher.Cipher;
import org.junit.jupiter.api.Test;

class SshAlgorithmsTest {
    private static final List<String> MODERN = List.of("chacha20-poly1305@openssh.com", "aes128-gcm@openssh.com",
            "aes256-gcm@openssh.com", "aes128-ctr", "aes192-ctr", "aes256-ctr");

    @Test
    void offersModernCiphersFastestFirstAndLegacyOnesOnlyWhenAskedFor() {
        assertThat(names(SshAlgorithms.shared().forDevice(false))).containsExactlyElementsOf(MODERN);
        assertThat(names(SshAlgorithms.shared().forDevice(true))).startsWith(MODERN.toArray(String[]::new))
                .endsWith("aes128-cbc", "aes192-cbc", "aes256-cbc", "3des-cbc").hasSize(MODERN.size() + 4);
    }

    /** The run no longer tries each cipher out at start-up, as sshj's defaults do: this test does it instead. */
    @Test
    void everyCipherOfferedCanBeMadeAndKeyedOnThisJdk() {
        for (Factory.Named<Cipher> factory : SshAlgorithms.shared().forDevice(true).getCipherFactories()) {
            Cipher cipher = factory.create();
            cipher.init(Cipher.Mode.Encrypt, new byte[cipher.getBlockSize()], new byte[cipher.getIVSize()]);
        }
    }

    private static List<String> names(Config config) {
        return config.getCipherFactories().stream().map(Factory.Named::getName).toList();
    }
}
