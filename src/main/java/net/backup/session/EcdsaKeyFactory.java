package net.backup.session;

import java.security.InvalidKeyException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.KeyFactorySpi;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.KeySpec;

/** The JDK's EC key factory under the name "ECDSA" (see {@link CryptoProviders}). */
public final class EcdsaKeyFactory extends KeyFactorySpi {
    private final KeyFactory ec;

    public EcdsaKeyFactory() throws NoSuchAlgorithmException {
        this.ec = KeyFactory.getInstance("EC");
    }

    @Override
    protected PublicKey engineGeneratePublic(KeySpec spec) throws InvalidKeySpecException {
        return ec.generatePublic(spec);
    }

    @Override
    protected PrivateKey engineGeneratePrivate(KeySpec spec) throws InvalidKeySpecException {
        return ec.generatePrivate(spec);
    }

    @Override
    protected <T extends KeySpec> T engineGetKeySpec(Key key, Class<T> spec) throws InvalidKeySpecException {
        return ec.getKeySpec(key, spec);
    }

    @Override
    protected Key engineTranslateKey(Key key) throws InvalidKeyException {
        return ec.translateKey(key);
    }
}
