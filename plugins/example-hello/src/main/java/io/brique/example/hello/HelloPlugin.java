package io.brique.example.hello;

import io.brique.api.plugin.BriquePlugin;
import io.brique.api.plugin.PluginContext;

/**
 * The plugin's main class ({@code Plugin-Class}). It has nothing to do itself: the host finds the
 * {@code @Extension} classes of this jar, builds them with the same {@link PluginContext} and
 * registers them while the plugin is enabled. Override {@code start()}/{@code stop()} only for work
 * beyond extensions (e.g. {@code context.schedule(...)} a periodic job).
 */
public class HelloPlugin extends BriquePlugin {

    public HelloPlugin(PluginContext context) {
        super(context);
    }
}
