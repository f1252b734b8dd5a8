package io.brique.core;

import io.brique.core.catalog.CatalogModule;
import io.brique.core.commerce.CommerceModule;
import io.brique.core.plugin.PluginHost;
import io.brique.core.plugin.PluginSettingsService;
import io.brique.core.plugin.PluginUploads;

/** What a {@link BriqueModule} may use: the shared infrastructure and the services of the core modules. */
public record ModuleServices(Core core, CatalogModule catalog, CommerceModule commerce, PluginHost plugins,
        PluginUploads pluginUploads, PluginSettingsService pluginSettings) {
}
