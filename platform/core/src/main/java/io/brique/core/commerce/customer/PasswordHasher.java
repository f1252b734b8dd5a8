package io.brique.core.commerce.customer;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Argon2id password hashing with the OWASP baseline (m=19456 KiB, t=2, p=1), stored in the PHC
 * string format so parameters can be raised later and old hashes still verify.
 */
public final class PasswordHasher {

    static final int MEMORY_KIB = 19456;
    static final int ITERATIONS = 2;
    static final int PARALLELISM = 1;
    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;
    private static final Pattern PHC = Pattern.compile(
            "^\\$argon2id\\$v=19\\$m=(\\d{1,7}),t=(\\d{1,3}),p=(\\d{1,2})\\$([A-Za-z0-9+/]+)\\$([A-Za-z0-9+/]+)$");
    private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getDecoder();

    /**
     * Each hash takes 19 MiB and real CPU: cap how many run at once so a burst of logins or sign-ups
     * cannot exhaust the heap; beyond the cap callers wait briefly, then get "busy" (503).
     */
    private final java.util.concurrent.Semaphore slots = new java.util.concurrent.Semaphore(
            Math.max(2, Runtime.getRuntime().availableProcessors() * 2), true);

    private final SecureRandom random = new SecureRandom();

    public String hash(String password) {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        byte[] hash = derive(password, salt, MEMORY_KIB, ITERATIONS, PARALLELISM, HASH_BYTES);
        return "$argon2id$v=19$m=" + MEMORY_KIB + ",t=" + ITERATIONS + ",p=" + PARALLELISM + "$"
                + B64.encodeToString(salt) + "$" + B64.encodeToString(hash);
    }

    /** Constant-time comparison; a malformed stored hash simply does not verify. */
    public boolean verify(String password, String phc) {
        if (password == null || phc == null) {
            return false;
        }
        Matcher m = PHC.matcher(phc);
        if (!m.matches()) {
            return false;
        }
        try {
            int mem = Integer.parseInt(m.group(1));
            int t = Integer.parseInt(m.group(2));
            int p = Integer.parseInt(m.group(3));
            byte[] salt = B64D.decode(m.group(4));
            byte[] expected = B64D.decode(m.group(5));
            if (mem < 8 || mem > 1_048_576 || t < 1 || p < 1 || expected.length < 16) {
                return false;
            }
            return MessageDigest.isEqual(expected, derive(password, salt, mem, t, p, expected.length));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** A hash to verify against when the e-mail is unknown, so timing does not reveal which e-mails exist. */
    public String dummyHash() {
        return DUMMY;
    }

    private static final String DUMMY = new PasswordHasher().hash("not-a-real-password-ever");

    private byte[] derive(String password, byte[] salt, int mem, int t, int p, int len) {
        try {
            if (!slots.tryAcquire(5, java.util.concurrent.TimeUnit.SECONDS)) {
                throw new io.brique.core.error.BusyException("too many password checks at once; try again");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new io.brique.core.error.BusyException("interrupted");
        }
        try {
            return deriveNow(password, salt, mem, t, p, len);
        } finally {
            slots.release();
        }
    }

    private static byte[] deriveNow(String password, byte[] salt, int mem, int t, int p, int len) {
        Argon2Parameters params = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(mem).withIterations(t).withParallelism(p).withSalt(salt).build();
        Argon2BytesGenerator gen = new Argon2BytesGenerator();
        gen.init(params);
        byte[] out = new byte[len];
        gen.generateBytes(password.getBytes(StandardCharsets.UTF_8), out);
        return out;
    }
}
