package io.brique.core.web;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Storefront CSRF protection by double submit: a random token in an HttpOnly, SameSite=Lax cookie
 * and the same token in every form; a state-changing request whose form token does not match is
 * refused. Needs no server-side state, so any node can check any request.
 */
public final class Csrf {

    public static final String COOKIE = "brq_csrf";
    public static final String FIELD = "_csrf";
    private static final SecureRandom RANDOM = new SecureRandom();

    private Csrf() {
    }

    public static String newToken() {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    /** The visitor's token, creating (and setting) one if the request had none. */
    public static String token(Ctx ctx) {
        String existing = ctx.attribute(COOKIE);
        if (existing != null) {
            return existing;
        }
        String token = ctx.cookie(COOKIE).filter(t -> t.length() == 43).orElse(null);
        if (token == null) {
            token = newToken();
            ctx.setCookie(COOKIE, token, 60 * 60 * 24 * 365, true);
        }
        ctx.attribute(COOKIE, token);
        return token;
    }

    public static boolean valid(Ctx ctx) {
        String cookie = ctx.cookie(COOKIE).orElse(null);
        String sent = ctx.form(FIELD);
        if (sent == null) {
            sent = ctx.header("X-CSRF-Token");
        }
        return cookie != null && sent != null && MessageDigest.isEqual(
                cookie.getBytes(StandardCharsets.UTF_8), sent.getBytes(StandardCharsets.UTF_8));
    }
}
