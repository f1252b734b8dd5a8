package com.example.myplugin;

import io.brique.api.plugin.BriquePlugin;
import io.brique.api.plugin.PluginContext;

/** The plugin's main class (Plugin-Class). The host registers the @Extension classes by itself. */
public class MyPlugin extends BriquePlugin {

    public MyPlugin(PluginContext context) {
        super(context);
    }
}
