package dev.starling.push.instance;

import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPrivateKeySpec;
import java.security.spec.ECPublicKeySpec;
import java.util.Arrays;
import java.util.Base64;

/**
 * A VAPID (RFC 8292) key pair on P-256, in the textual forms browsers and the Beams web SDK use: the public key as
 * base64url of the 65-byte uncompressed point (the {@code applicationServerKey}), the private key as base64url of
 * the 32-byte scalar. {@link #toString()} never shows the private key.
 */
public record VapidKeyPair(String publicKey, String privateKey) {

    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    public VapidKeyPair {
        if (publicKey == null || privateKey == null) {
            throw new IllegalArgumentException("VAPID keys need both the public and the private key");
        }
    }

    public static VapidKeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair pair = generator.generateKeyPair();
            ECPublicKey pub = (ECPublicKey) pair.getPublic();
            ECPrivateKey priv = (ECPrivateKey) pair.getPrivate();
            return new VapidKeyPair(B64.encodeToString(uncompressed(pub.getW())),
                    B64.encodeToString(fixed32(priv.getS())));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("P-256 is not available", e);
        }
    }

    /** The Java keys; throws {@link IllegalArgumentException} when the text is not a valid P-256 pair. */
    public KeyPair toKeyPair() {
        try {
            byte[] point = Base64.getUrlDecoder().decode(publicKey);
            byte[] scalar = Base64.getUrlDecoder().decode(privateKey);
            if (point.length != 65 || point[0] != 4 || scalar.length != 32) {
                throw new IllegalArgumentException("VAPID keys must be a 65-byte uncompressed P-256 point and a "
                        + "32-byte scalar, base64url-encoded");
            }
            ECParameterSpec params = p256();
            KeyFactory factory = KeyFactory.getInstance("EC");
            ECPublicKey pub = (ECPublicKey) factory.generatePublic(new ECPublicKeySpec(new ECPoint(
                    new BigInteger(1, Arrays.copyOfRange(point, 1, 33)),
                    new BigInteger(1, Arrays.copyOfRange(point, 33, 65))), params));
            ECPrivateKey priv = (ECPrivateKey) factory.generatePrivate(
                    new ECPrivateKeySpec(new BigInteger(1, scalar), params));
            if (!matches(pub, priv)) {
                throw new IllegalArgumentException("the VAPID public key does not belong to the private key");
            }
            return new KeyPair(pub, priv);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid VAPID key pair: " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "VapidKeyPair[publicKey=" + publicKey + "]";
    }

    static ECParameterSpec p256() throws GeneralSecurityException {
        AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
        parameters.init(new ECGenParameterSpec("secp256r1"));
        return parameters.getParameterSpec(ECParameterSpec.class);
    }

    private static boolean matches(ECPublicKey pub, ECPrivateKey priv) throws GeneralSecurityException {
        java.security.Signature signer = java.security.Signature.getInstance("SHA256withECDSA");
        signer.initSign(priv);
        byte[] message = {1, 2, 3};
        signer.update(message);
        byte[] signature = signer.sign();
        java.security.Signature verifier = java.security.Signature.getInstance("SHA256withECDSA");
        verifier.initVerify(pub);
        verifier.update(message);
        return verifier.verify(signature);
    }

    static byte[] uncompressed(ECPoint point) {
        byte[] out = new byte[65];
        out[0] = 4;
        System.arraycopy(fixed32(point.getAffineX()), 0, out, 1, 32);
        System.arraycopy(fixed32(point.getAffineY()), 0, out, 33, 32);
        return out;
    }

    static byte[] fixed32(BigInteger value) {
        byte[] raw = value.toByteArray();
        byte[] out = new byte[32];
        int copy = Math.min(raw.length, 32);
        System.arraycopy(raw, raw.length - copy, out, 32 - copy, copy);
        return out;
    }
}
