package io.brique.core.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brique.core.error.ValidationException;
import io.brique.testing.PluginJarBuilder;
import io.brique.core.testing.TestApp;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("db")
class PluginSettingsAndDependenciesTest {

    @TempDir
    Path dir;

    static PluginJarBuilder simple(String id, String version) {
        String pkg = "t." + id.replace("-", "");
        return PluginJarBuilder.plugin(id, version)
                .pluginClass(pkg + ".Main", "package " + pkg + "; public class Main extends io.brique.api.plugin.BriquePlugin {"
                        + " public Main(io.brique.api.plugin.PluginContext c) { super(c); } }");
    }

    static final String SETTINGS = """
            package t.configured;
            import io.brique.api.plugin.SettingsDeclaration;
            import java.util.List;
            public class Settings implements SettingsDeclaration {
                public List<Setting> settings() {
                    return List.of(
                        Setting.number("points_per_euro", "Points per euro", 1, 0, 100),
                        Setting.bool("enabled_in_store", "Also in stores", false),
                        Setting.choice("rounding", "Rounding", "down", List.of("down", "nearest")),
                        Setting.secret("api_key", "API key"),
                        new Setting("code_prefix", "Code prefix", "letters only", Type.TEXT, "BR", true, List.of(),
                                "[A-Z]{2,5}", null, null));
                }
            }
            """;

    @Test
    void settingsAreValidatedSavedAndSecretsNeverShownBack() {
        try (TestApp app = TestApp.start()) {
            PluginHost host = app.app().plugins();
            PluginSettingsService settings = app.app().pluginSettings();
            host.install(simple("configured", "1.0.0").extension("t.configured.Settings", SETTINGS).build(dir));
            host.enable("configured");
            List<PluginSettingsService.SettingView> form = settings.view("configured");
            assertEquals(5, form.size());
            assertEquals("1", form.get(0).value(), "default shown");

            ValidationException e = assertThrows(ValidationException.class, () -> settings.save("configured",
                    Map.of("points_per_euro", "500", "rounding", "up", "code_prefix", "br1", "nope", "x")));
            assertEquals("error.range", e.fieldErrors().get("points_per_euro"));
            assertEquals("error.choice", e.fieldErrors().get("rounding"));
            assertEquals("error.pattern", e.fieldErrors().get("code_prefix"));
            assertEquals("error.unknown_field", e.fieldErrors().get("nope"));
            assertTrue(settings.view("configured").stream().noneMatch(PluginSettingsService.SettingView::isSet),
                    "nothing saved from an invalid form");

            settings.save("configured", Map.of("points_per_euro", "3", "rounding", "nearest", "code_prefix", "VIP",
                    "api_key", "s3cr3t-value", "enabled_in_store", "true"));
            List<PluginSettingsService.SettingView> saved = settings.view("configured");
            assertEquals("3", saved.get(0).value());
            assertEquals(PluginSettingsService.MASK, saved.get(3).value(), "secrets are masked");
            assertFalse(saved.toString().contains("s3cr3t-value"));

            settings.save("configured", Map.of("points_per_euro", "4", "rounding", "down", "code_prefix", "VIP",
                    "api_key", ""));
            assertTrue(settings.view("configured").get(3).isSet(), "an empty secret keeps the stored one");
            assertEquals("false", settings.view("configured").get(1).value(), "an unticked box is false");

            host.disable("configured");
            assertEquals(5, settings.view("configured").size(), "the form exists while the plugin is disabled");
        }
    }

    @Test
    void dependenciesAreHonouredOnEnableDisableAndUninstall() {
        try (TestApp app = TestApp.start()) {
            PluginHost host = app.app().plugins();
            host.install(simple("base", "1.2.0").build(dir));
            host.install(simple("addon", "1.0.0").manifest("Plugin-Dependencies", "base@>=1.0.0").build(dir));
            host.install(simple("picky", "1.0.0").manifest("Plugin-Dependencies", "base@>=2.0.0").build(dir));

            PluginException notYet = assertThrows(PluginException.class, () -> host.enable("addon"));
            assertTrue(notYet.getMessage().contains("needs plugin base"), notYet.getMessage());

            host.enable("base");
            host.enable("addon");
            assertTrue(host.isActive("addon"));
            PluginException tooOld = assertThrows(PluginException.class, () -> host.enable("picky"));
            assertTrue(tooOld.getMessage().contains(">=2.0.0"), tooOld.getMessage());

            PluginException inUse = assertThrows(PluginException.class, () -> host.disable("base"));
            assertTrue(inUse.getMessage().contains("addon depends on it"), inUse.getMessage());
            assertThrows(PluginException.class, () -> host.uninstall("base", true));
            assertTrue(host.isActive("base"));

            try (TestApp second = TestApp.startOn(app.dbConfig(), Map.of())) {
                assertTrue(second.app().plugins().isActive("base"));
                assertTrue(second.app().plugins().isActive("addon"), "started after its dependency");
            }
            host.disable("addon");
            host.disable("base");
            assertFalse(host.isActive("base"));
        }
    }
}
