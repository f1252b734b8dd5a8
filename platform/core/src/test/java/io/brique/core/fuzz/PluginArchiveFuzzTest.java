package io.brique.core.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.brique.core.config.BriqueConfig;
import io.brique.core.config.ConfigLoader;
import io.brique.core.plugin.PluginException;
import io.brique.core.plugin.PluginUploads;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Fuzzes the checks every uploaded or dropped-in plugin goes through before anything is loaded
 * (archive structure, entry names, zip-bomb limits, signature, manifest descriptor): an archive is
 * either verified or refused with a {@link PluginException} (a 400 in the console), never anything
 * else. {@code archive} mutates raw bytes; {@code descriptor} builds a well-formed jar around a fuzzed
 * manifest and entry name so the descriptor rules are reached. Seeds in {@code PluginArchiveFuzzTestInputs/}.
 */
class PluginArchiveFuzzTest {

    private static final PluginUploads UPLOADS = uploads();

    private static PluginUploads uploads() {
        try {
            Path data = Files.createTempDirectory("brique-fuzz");
            data.toFile().deleteOnExit();
            BriqueConfig config = ConfigLoader.load(null, Map.of(), new Properties()).with(Map.of(
                    "data.dir", data.toString(), "plugins.max-upload-bytes", "1048576",
                    "plugins.max-expanded-bytes", "4194304", "plugins.max-entries", "200"));
            // the host is only needed to install, never to verify
            return new PluginUploads(null, config);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void verify(byte[] archive, String signature) {
        try {
            PluginUploads.Verified v = UPLOADS.verify(archive, signature);
            Files.deleteIfExists(v.jar());
        } catch (PluginException refused) {
            // a clear refusal
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @FuzzTest(maxDuration = "60s")
    void archive(byte[] input) {
        verify(input, null);
    }

    @FuzzTest(maxDuration = "60s")
    void descriptor(FuzzedDataProvider data) {
        String entryName = data.consumeString(80);
        String signature = data.consumeBoolean() ? data.consumeString(120) : null;
        String manifest = data.consumeRemainingAsString();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry("META-INF/MANIFEST.MF"));
            zip.write(manifest.getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
            if (!entryName.isEmpty()) {
                zip.putNextEntry(new ZipEntry(entryName));
                zip.write(1);
                zip.closeEntry();
            }
        } catch (IOException | IllegalArgumentException e) {
            return; // the JDK would not write this entry name: not an archive anybody can send
        }
        verify(bytes.toByteArray(), signature);
    }
}
