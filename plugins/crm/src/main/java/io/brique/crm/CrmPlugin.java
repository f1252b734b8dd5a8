package io.brique.crm;

import io.brique.api.plugin.BriquePlugin;
import io.brique.api.plugin.PluginContext;

/**
 * The CRM brick's main class. Minimal here (identity resolution branch): its extensions do the work;
 * the sync branch owns the full version.
 */
public class CrmPlugin extends BriquePlugin {
    public CrmPlugin(PluginContext context) {
        super(context);
    }
}
