package net.backup.session;

import java.security.Provider;
import java.security.Security;
import net.schmizz.sshj.common.SecurityUtils;

/**
 * Which cryptography sshj uses. Left alone, sshj registers BouncyCastle and asks it by name for every
 * algorithm, which puts AES-GCM and the hashes in plain Java. With no provider named, sshj asks the JVM's
 * provider list and gets the JDK's implementations (AES on the CPU's AES instructions). BouncyCastle is not
 * registered at all: that spares every run the loading of its provider (some 400 classes, about a tenth of a
 * second before the first connection). The one name sshj asks for that only BouncyCastle has, the "ECDSA"
 * key factory for ECDSA host and user keys, is the JDK's EC key factory under that name.
 */
public final class CryptoProviders {
    private static final String ALIASES = "backup-ecdsa";

    private CryptoProviders() {
    }

    /** Before sshj's first use (a known_hosts file read, a configuration built); idempotent. */
    public static synchronized void install() {
        if (Security.getProvider(ALIASES) == null) {
            Security.addProvider(new Aliases());
        }
        SecurityUtils.setRegisterBouncyCastle(false);
        SecurityUtils.setSecurityProvider(null);
    }

    /** Added last, after the JDK's own providers. */
    private static final class Aliases extends Provider {
        private static final long serialVersionUID = 1L;

        Aliases() {
            super(ALIASES, "1", "the JDK's EC key factory as \"ECDSA\", for sshj");
            put("KeyFactory.ECDSA", EcdsaKeyFactory.class.getName());
        }
    }
}
