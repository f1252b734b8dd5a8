package io.brique.admin.web;

import io.brique.core.web.Ctx;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * A message shown once on the next page after an action (post/redirect/get), carried in a short-lived
 * cookie so any node can show it. Only message keys of the admin bundles are rendered (escaped), with
 * one argument: a forged cookie cannot inject markup.
 */
public record Flash(String kind, String key, String arg) {

    static final String COOKIE = "brq_admin_flash";

    public static void success(Ctx ctx, String key, String arg) {
        set(ctx, "success", key, arg);
    }

    public static void error(Ctx ctx, String key, String arg) {
        set(ctx, "error", key, arg);
    }

    private static void set(Ctx ctx, String kind, String key, String arg) {
        String value = kind + "|" + key + "|" + (arg == null ? "" : arg);
        ctx.resp().addHeader("Set-Cookie", COOKIE + "=" + Ctx.urlEncode(value) + "; Path=/admin; Max-Age=60; HttpOnly; "
                + "SameSite=Lax" + (ctx.web().secureCookies() ? "; Secure" : ""));
    }

    /** Reads and clears the flash of this request, or null. */
    static Flash take(Ctx ctx) {
        String raw = ctx.cookie(COOKIE).orElse(null);
        if (raw == null) {
            return null;
        }
        ctx.resp().addHeader("Set-Cookie", COOKIE + "=; Path=/admin; Max-Age=0; HttpOnly; SameSite=Lax"
                + (ctx.web().secureCookies() ? "; Secure" : ""));
        String v;
        try {
            v = URLDecoder.decode(raw, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
        String[] parts = v.split("\\|", 3);
        if (parts.length < 2 || !parts[1].startsWith("admin.flash.")
                || !(parts[0].equals("success") || parts[0].equals("error"))) {
            return null;
        }
        String arg = parts.length == 3 ? parts[2] : "";
        return new Flash(parts[0], parts[1], arg.length() > 200 ? arg.substring(0, 200) : arg);
    }
}
