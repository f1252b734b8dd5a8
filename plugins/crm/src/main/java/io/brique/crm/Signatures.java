package io.brique.crm;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA256 signatures over {@code timestamp + "." + body}, hex encoded, sent as
 * {@code v1=<hex>} (outbound) and checked the same way on inbound calls, in constant time.
 */
final class Signatures {

    private Signatures() {
    }

    static String sign(String secret, long timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
            return "v1=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether {@code header} holds a valid {@code v1=} signature (several, comma separated, allowed). */
    static boolean valid(String secret, long timestamp, byte[] body, String header) {
        if (header == null || secret == null || secret.isEmpty()) {
            return false;
        }
        byte[] expected = sign(secret, timestamp, body).getBytes(StandardCharsets.US_ASCII);
        for (String part : header.split(",")) {
            if (MessageDigest.isEqual(expected, part.trim().getBytes(StandardCharsets.US_ASCII))) {
                return true;
            }
        }
        return false;
    }
}
