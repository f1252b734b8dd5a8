package io.brique.core.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.brique.api.storefront.SlotContext;
import io.brique.core.i18n.Messages;
import io.brique.core.slot.SlotService;
import java.io.IOException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What every handler shares: JSON mapper, views, messages, locales, and the storefront layout
 * (navigation, visitor, slots, CSRF) added to every rendered page.
 */
public final class WebSupport {

    private final ObjectMapper json;
    private final Views views;
    private final Messages messages;
    private final List<String> languages;
    private final Locale defaultLocale;
    private final boolean secureCookies;
    private final String shopName;
    private final ZoneId zone;
    private final SlotService slots;
    private volatile LayoutModel.NavigationProvider navigation = lang -> List.of();
    private volatile LayoutModel.VisitorProvider visitors = ctx -> LayoutModel.Visitor.ANONYMOUS;
    private volatile ClientAddresses clientAddresses = ClientAddresses.DIRECT;
    private volatile RateLimits rateLimits = RateLimits.OFF;
    private final Map<String, ErrorPage> errorPages = new java.util.concurrent.ConcurrentHashMap<>();

    public WebSupport(ObjectMapper json, Views views, Messages messages, List<String> languages, Locale defaultLocale,
            boolean secureCookies, String shopName, ZoneId zone, SlotService slots) {
        this.json = json;
        this.views = views;
        this.messages = messages;
        this.languages = List.copyOf(languages);
        this.defaultLocale = defaultLocale;
        this.secureCookies = secureCookies;
        this.shopName = shopName;
        this.zone = zone;
        this.slots = slots;
    }

    /** Wired once at boot by the catalog and customer modules. */
    public void useNavigation(LayoutModel.NavigationProvider provider) {
        this.navigation = provider;
    }

    public void useVisitors(LayoutModel.VisitorProvider provider) {
        this.visitors = provider;
    }

    /** Wired once at boot from {@code http.trusted-proxies}. */
    public void useClientAddresses(ClientAddresses addresses) {
        this.clientAddresses = addresses;
    }

    public ClientAddresses clientAddresses() {
        return clientAddresses;
    }

    /** Wired once at boot from {@code http.rate-limit.*}. */
    public void useRateLimits(RateLimits limits) {
        this.rateLimits = limits;
    }

    public RateLimits rateLimits() {
        return rateLimits;
    }

    /** Error pages of a part of the site: paths equal to {@code prefix} or under {@code prefix/}. */
    public void useErrorPage(String prefix, ErrorPage page) {
        errorPages.put(prefix, page);
    }

    /** The error page for a path (longest matching prefix), or null for the storefront's. */
    public ErrorPage errorPage(String path) {
        ErrorPage best = null;
        int bestLen = -1;
        for (Map.Entry<String, ErrorPage> e : errorPages.entrySet()) {
            String p = e.getKey();
            if ((path.equals(p) || path.startsWith(p + "/")) && p.length() > bestLen) {
                best = e.getValue();
                bestLen = p.length();
            }
        }
        return best;
    }

    public ObjectMapper json() {
        return json;
    }

    public Messages messages() {
        return messages;
    }

    public List<String> languages() {
        return languages;
    }

    public Locale defaultLocale() {
        return defaultLocale;
    }

    public boolean secureCookies() {
        return secureCookies;
    }

    public boolean supports(String lang) {
        return languages.contains(lang);
    }

    public Formats formats(Locale locale) {
        return new Formats(locale, zone);
    }

    public LayoutModel.Visitor visitor(Ctx ctx) {
        LayoutModel.Visitor v = ctx.attribute("visitor");
        if (v == null) {
            v = visitors.visitor(ctx);
            ctx.attribute("visitor", v);
        }
        return v;
    }

    /**
     * Renders a storefront template with the layout model. Handlers may set the request attributes
     * {@code slotValues} (Map of page values for slot renderers), {@code alternates} (lang to URL)
     * and {@code searchQuery}.
     */
    public void render(Ctx ctx, String template, Map<String, Object> model) {
        Map<String, Object> all = new HashMap<>(model);
        String lang = ctx.lang();
        LayoutModel.Visitor visitor = visitor(ctx);
        Map<String, String> slotValues = ctx.attribute("slotValues");
        SlotContext sc = new SlotContext(template, lang, visitor.customerId(), null,
                slotValues == null ? Map.of() : slotValues);
        all.put("layout", new LayoutModel(shopName, lang, languageLinks(ctx), navigation.topCategories(lang), visitor,
                Csrf.token(ctx), slots.renderAll(sc), ctx.attribute("searchQuery")));
        all.put("fmt", formats(ctx.locale()));
        all.put("lang", lang);
        ctx.resp().setContentType("text/html;charset=utf-8");
        ctx.resp().setHeader("Cache-Control", "no-store");
        // Render fully before writing: a template error then becomes a clean error page, not half a page.
        String html = views.render(template, ctx.locale(), all);
        try {
            byte[] bytes = html.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            ctx.resp().setContentLength(bytes.length);
            ctx.resp().getOutputStream().write(bytes);
        } catch (IOException e) {
            throw new Ctx.UncheckedIOExceptionWrapper(e);
        }
    }

    private List<LayoutModel.LangLink> languageLinks(Ctx ctx) {
        Map<String, String> alternates = ctx.attribute("alternates");
        List<LayoutModel.LangLink> out = new ArrayList<>();
        String path = ctx.path();
        for (String l : languages) {
            String url;
            if (alternates != null && alternates.containsKey(l)) {
                url = alternates.get(l);
            } else if (path.length() >= 3 && path.charAt(0) == '/' && supports(path.substring(1, 3))
                    && (path.length() == 3 || path.charAt(3) == '/')) {
                url = "/" + l + path.substring(3);
                String q = ctx.req().getQueryString();
                if (q != null && ctx.method().equals("GET")) {
                    url += "?" + q;
                }
            } else {
                url = "/" + l + "/";
            }
            out.add(new LayoutModel.LangLink(l, messages.get(Locale.forLanguageTag(l), "lang.name"), url,
                    l.equals(ctx.lang())));
        }
        return out;
    }

    public Views views() {
        return views;
    }
}
