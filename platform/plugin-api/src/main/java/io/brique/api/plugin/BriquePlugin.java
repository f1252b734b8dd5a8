package io.brique.api.plugin;

import org.pf4j.Plugin;

/**
 * Base class of a Brique plugin's main class ({@code Plugin-Class} in the manifest). The host builds
 * it with its {@link PluginContext}; override {@link #start()} and {@link #stop()} for work beyond
 * the extensions (which the host registers and unregisters by itself).
 */
public abstract class BriquePlugin extends Plugin {

    protected final PluginContext context;

    protected BriquePlugin(PluginContext context) {
        this.context = context;
    }

    public PluginContext context() {
        return context;
    }
}
