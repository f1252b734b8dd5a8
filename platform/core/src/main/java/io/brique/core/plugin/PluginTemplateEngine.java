package io.brique.core.plugin;

import io.brique.api.view.PluginTemplates;
import io.brique.core.i18n.Messages;
import java.text.MessageFormat;
import java.util.Locale;
import java.util.Map;
import java.util.MissingResourceException;
import java.util.ResourceBundle;
import java.util.Set;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;
import org.thymeleaf.context.ITemplateContext;
import org.thymeleaf.messageresolver.AbstractMessageResolver;

/**
 * One plugin's Thymeleaf engine: templates and texts resolved through the plugin's class loader only,
 * so a plugin cannot read (or shadow) the core's templates. It is owned by the plugin's context and
 * dropped with it; {@link #close()} also clears the caches that would otherwise keep the plugin's
 * classes (and so its class loader) reachable after it is disabled.
 */
public final class PluginTemplateEngine implements PluginTemplates, AutoCloseable {

    private static final String BUNDLE = "i18n.messages";

    private final ClassLoader loader;
    private final TemplateEngine engine;

    public PluginTemplateEngine(ClassLoader loader, Messages shared, boolean cache) {
        this.loader = loader;
        engine = io.brique.core.web.Views.engine(loader, cache);
        engine.setMessageResolver(new AbstractMessageResolver() {
            @Override
            public String resolveMessage(ITemplateContext context, Class<?> origin, String key, Object[] args) {
                String own = own(context.getLocale(), key);
                if (own != null) {
                    return args == null || args.length == 0 ? own : new MessageFormat(own, context.getLocale())
                            .format(args);
                }
                return shared.find(context.getLocale(), key) == null ? null
                        : shared.get(context.getLocale(), key, args);
            }

            @Override
            public String createAbsentMessageRepresentation(ITemplateContext context, Class<?> origin, String key,
                    Object[] args) {
                return "??" + key + "_" + context.getLocale().getLanguage() + "??";
            }
        });
    }

    /** Thymeleaf initialises itself lazily on first use; this does it ahead of time. */
    void initialise() {
        engine.getConfiguration();
    }

    private String own(Locale locale, String key) {
        try {
            ResourceBundle bundle = ResourceBundle.getBundle(BUNDLE, locale, loader,
                    ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
            return bundle.containsKey(key) ? bundle.getString(key) : null;
        } catch (MissingResourceException e) {
            return null;
        }
    }

    @Override
    public String render(String name, String lang, Map<String, Object> model) {
        return engine.process(checked(name), new Context(Locale.forLanguageTag(lang), data(model)));
    }

    @Override
    public String renderFragment(String name, String fragment, String lang, Map<String, Object> model) {
        return engine.process(checked(name), Set.of(fragment), new Context(Locale.forLanguageTag(lang),
                data(model)));
    }

    /**
     * The model with the plugin's own classes turned into plain data: records into maps, enums into
     * their names. OGNL caches reflection data per class in static maps that nothing clears, so a
     * plugin class reaching it would pin the plugin's class loader for the life of the JVM.
     */
    private Map<String, Object> data(Map<String, Object> model) {
        Map<String, Object> out = new java.util.LinkedHashMap<>();
        model.forEach((k, v) -> out.put(k, plain(v, 0)));
        return out;
    }

    private Object plain(Object v, int depth) {
        if (v == null || v.getClass().getClassLoader() != loader && !(v instanceof Map<?, ?>)
                && !(v instanceof Iterable<?>) && !v.getClass().isArray()) {
            return v;
        }
        if (depth > 16) {
            throw new IllegalArgumentException("template model nested too deep");
        }
        if (v instanceof Record r) {
            Map<String, Object> m = new java.util.LinkedHashMap<>();
            for (java.lang.reflect.RecordComponent c : r.getClass().getRecordComponents()) {
                try {
                    java.lang.reflect.Method accessor = c.getAccessor();
                    accessor.setAccessible(true);
                    m.put(c.getName(), plain(accessor.invoke(r), depth + 1));
                } catch (ReflectiveOperationException e) {
                    throw new IllegalArgumentException("cannot read " + c.getName() + " of " + r.getClass(), e);
                }
            }
            return m;
        }
        if (v instanceof Enum<?> e) {
            return e.name();
        }
        if (v instanceof Map<?, ?> map) {
            Map<Object, Object> m = new java.util.LinkedHashMap<>();
            map.forEach((k, x) -> m.put(plain(k, depth + 1), plain(x, depth + 1)));
            return m;
        }
        if (v instanceof Iterable<?> it) {
            java.util.List<Object> l = new java.util.ArrayList<>();
            it.forEach(x -> l.add(plain(x, depth + 1)));
            return l;
        }
        if (v.getClass().isArray()) {
            java.util.List<Object> l = new java.util.ArrayList<>();
            for (int i = 0; i < java.lang.reflect.Array.getLength(v); i++) {
                l.add(plain(java.lang.reflect.Array.get(v, i), depth + 1));
            }
            return l;
        }
        throw new IllegalArgumentException("template models hold records, maps, lists, enums and values; not "
                + v.getClass().getName());
    }

    private static String checked(String name) {
        if (name == null || name.isBlank() || name.contains("..") || name.startsWith("/") || name.contains(":")) {
            throw new IllegalArgumentException("bad template name: " + name);
        }
        return name;
    }

    @Override
    public void close() {
        engine.clearTemplateCache();
        ResourceBundle.clearCache(loader);
        // OGNL (Thymeleaf's expression language here) caches reflection data per class in static maps.
        ognl.OgnlRuntime.clearCache();
    }
}
