package io.brique.core.web;

import static io.brique.core.db.jooq.Tables.API_TOKEN;

import io.brique.core.db.Database;
import io.brique.core.db.jooq.tables.records.ApiTokenRecord;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Back-office API tokens ({@code Authorization: Bearer brq_...}). Only the SHA-256 of a token is
 * stored; the token itself is shown once, when created.
 */
public final class ApiTokens {

    /** Who called: the token's name and scopes ({@code *} for all). */
    public record ApiPrincipal(long tokenId, String name, List<String> scopes) {
        public boolean allows(String scope) {
            return scopes.contains("*") || scopes.contains(scope);
        }
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Database db;
    private final Clock clock;

    public ApiTokens(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** Creates a token and returns it in clear (the only time it is visible). */
    public String create(String name, String scopes) {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        String token = "brq_" + Base64.getUrlEncoder().withoutPadding().encodeToString(b);
        store(name, scopes, token);
        return token;
    }

    /**
     * Registers the operator's bootstrap token (from configuration); idempotent. Any other token under
     * the same name is revoked, so rotating the configured token really retires the old one.
     */
    public void storeBootstrap(String name, String token) {
        String hash = sha256(token);
        db.dsl().update(API_TOKEN).set(API_TOKEN.REVOKED_AT, now())
                .where(API_TOKEN.NAME.eq(name)).and(API_TOKEN.TOKEN_HASH.ne(hash)).and(API_TOKEN.REVOKED_AT.isNull())
                .execute();
        store(name, "*", token);
    }

    /** Registers a token chosen by the caller; idempotent. */
    public void store(String name, String scopes, String token) {
        db.dsl().insertInto(API_TOKEN)
                .set(API_TOKEN.NAME, name)
                .set(API_TOKEN.TOKEN_HASH, sha256(token))
                .set(API_TOKEN.SCOPES, scopes)
                .set(API_TOKEN.CREATED_AT, now())
                .onDuplicateKeyIgnore()
                .execute();
    }

    public Optional<ApiPrincipal> verify(String token) {
        if (token == null || token.length() < 10 || token.length() > 200) {
            return Optional.empty();
        }
        ApiTokenRecord r = db.dsl().selectFrom(API_TOKEN).where(API_TOKEN.TOKEN_HASH.eq(sha256(token)))
                .and(API_TOKEN.REVOKED_AT.isNull()).fetchOne();
        if (r == null) {
            return Optional.empty();
        }
        return Optional.of(new ApiPrincipal(r.getId(), r.getName(), Arrays.asList(r.getScopes().split(","))));
    }

    /** The caller's principal, or a 401 (no/invalid token) or 403 (missing scope). */
    public ApiPrincipal require(Ctx ctx, String scope) {
        String auth = ctx.header("Authorization");
        if (auth == null || !auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw new HttpProblem(401, "Unauthorized", "an API token is required (Authorization: Bearer <token>)",
                    Map.of(), Map.of("WWW-Authenticate", "Bearer realm=\"brique\""));
        }
        ApiPrincipal p = verify(auth.substring(7).trim()).orElseThrow(() -> new HttpProblem(401, "Unauthorized",
                "invalid or revoked API token", Map.of(),
                Map.of("WWW-Authenticate", "Bearer realm=\"brique\", error=\"invalid_token\"")));
        if (!p.allows(scope)) {
            throw HttpProblem.forbidden("this token lacks the scope " + scope);
        }
        return p;
    }

    private LocalDateTime now() {
        return LocalDateTime.now(clock.withZone(ZoneOffset.UTC));
    }

    static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
