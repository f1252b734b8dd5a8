package io.brique.core.web;

import io.brique.core.i18n.Messages;
import java.io.Writer;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;
import org.thymeleaf.context.IExpressionContext;
import org.thymeleaf.context.ITemplateContext;
import org.thymeleaf.linkbuilder.StandardLinkBuilder;
import org.thymeleaf.messageresolver.AbstractMessageResolver;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/** Thymeleaf, set up once: templates from {@code templates/} on the classpath, texts from {@link Messages}. */
public final class Views {

    private final TemplateEngine engine;

    public Views(Messages messages, boolean cache) {
        engine = engine(Views.class.getClassLoader(), cache);
        engine.setMessageResolver(new AbstractMessageResolver() {
            @Override
            public String resolveMessage(ITemplateContext context, Class<?> origin, String key, Object[] args) {
                return messages.find(context.getLocale(), key) == null ? null
                        : messages.get(context.getLocale(), key, args);
            }

            @Override
            public String createAbsentMessageRepresentation(ITemplateContext context, Class<?> origin, String key,
                    Object[] args) {
                return "??" + key + "_" + context.getLocale().getLanguage() + "??";
            }
        });
    }

    /**
     * A Thymeleaf engine for HTML templates under {@code templates/} of one class loader (the core's or a
     * plugin's); the caller sets its message resolver.
     */
    public static TemplateEngine engine(ClassLoader loader, boolean cache) {
        ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver(loader);
        resolver.setPrefix("templates/");
        resolver.setSuffix(".html");
        resolver.setTemplateMode(TemplateMode.HTML);
        resolver.setCharacterEncoding("UTF-8");
        resolver.setCacheable(cache);
        resolver.setCheckExistence(true);
        TemplateEngine engine = new TemplateEngine();
        engine.setTemplateResolver(resolver);
        // The shop is always mounted at "/": context-relative links need no servlet context.
        engine.setLinkBuilder(new StandardLinkBuilder() {
            @Override
            protected String computeContextPath(IExpressionContext context, String base, Map<String, Object> params) {
                return "";
            }
        });
        return engine;
    }

    public void render(String template, Locale locale, Map<String, Object> model, Writer out) {
        Context ctx = new Context(locale, model);
        engine.process(template, ctx, out);
    }

    public String render(String template, Locale locale, Map<String, Object> model) {
        Context ctx = new Context(locale, model);
        return engine.process(template, ctx);
    }

    public String renderFragment(String template, String fragment, Locale locale, Map<String, Object> model) {
        Context ctx = new Context(locale, model);
        return engine.process(template, Set.of(fragment), ctx);
    }
}
