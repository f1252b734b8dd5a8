package io.brique.core.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brique.testing.PluginJarBuilder;
import io.brique.core.testing.TestApp;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.util.Base64;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Uploaded archives are checked before anything in them is loaded. */
@Tag("db")
class PluginUploadTest {

    @TempDir
    Path dir;

    byte[] goodJar() throws IOException {
        return Files.readAllBytes(PluginJarBuilder.plugin("uploaded", "1.2.3")
                .pluginClass("t.u.Main", "package t.u; public class Main extends io.brique.api.plugin.BriquePlugin {"
                        + " public Main(io.brique.api.plugin.PluginContext c) { super(c); } }").build(dir));
    }

    static byte[] zip(Map<String, byte[]> entries) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(b)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                z.putNextEntry(new ZipEntry(e.getKey()));
                z.write(e.getValue());
                z.closeEntry();
            }
        }
        return b.toByteArray();
    }

    /** Marks the first central-directory entry as a Unix symbolic link. */
    static byte[] withSymlink(byte[] zip) {
        ByteBuffer b = ByteBuffer.wrap(zip).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < zip.length - 4; i++) {
            if (b.getInt(i) == 0x02014b50) {
                b.put(i + 5, (byte) 3);
                b.putInt(i + 38, 0120777 << 16);
                break;
            }
        }
        return zip;
    }

    @Test
    void aGoodPluginIsInstalledWithItsChecksum() throws Exception {
        try (TestApp app = TestApp.start()) {
            byte[] jar = goodJar();
            PluginHost.InstalledPlugin p = app.app().pluginUploads().install(jar, null);
            assertEquals("uploaded", p.id());
            assertEquals("1.2.3", p.version());
            assertEquals(PluginUploads.sha256(jar), p.sha256());
        }
    }

    @Test
    void maliciousOrBrokenArchivesAreRefusedWithAReason() throws Exception {
        try (TestApp app = TestApp.start(Map.of("plugins.max-entries", "50"))) {
            PluginUploads uploads = app.app().pluginUploads();
            byte[] x = "x".getBytes(StandardCharsets.UTF_8);
            assertRefused(uploads, zip(Map.of("../../evil.sh", x)), "path traversal");
            assertRefused(uploads, zip(Map.of("/etc/cron.d/evil", x)), "unsafe path");
            assertRefused(uploads, withSymlink(zip(Map.of("link", "/etc/passwd".getBytes(StandardCharsets.UTF_8)))),
                    "symbolic links");
            Map<String, byte[]> many = new java.util.LinkedHashMap<>();
            for (int i = 0; i < 51; i++) {
                many.put("f" + i, x);
            }
            assertRefused(uploads, zip(many), "entries");
            assertRefused(uploads, zip(Map.of("zeros.bin", new byte[20 * 1024 * 1024])), "zip bomb");
            assertRefused(uploads, "not a zip at all".getBytes(StandardCharsets.UTF_8), "not a valid");
            assertRefused(uploads, new byte[0], "empty");
            assertRefused(uploads, zip(Map.of("readme.txt", x)), "manifest");
            assertTrue(app.app().plugins().list().isEmpty(), "nothing was installed");
        }
    }

    static void assertRefused(PluginUploads uploads, byte[] archive, String reason) {
        PluginException e = assertThrows(PluginException.class, () -> uploads.install(archive, null));
        assertTrue(e.getMessage().contains(reason), "expected '" + reason + "' in: " + e.getMessage());
    }

    @Test
    void signaturesAreCheckedAgainstTrustedPublisherKeys() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("Ed25519");
        KeyPair acme = g.generateKeyPair();
        KeyPair stranger = g.generateKeyPair();
        String trusted = "acme:" + Base64.getEncoder().encodeToString(acme.getPublic().getEncoded());
        try (TestApp app = TestApp.start(Map.of("plugins.require-signature", "true", "plugins.trusted-keys", trusted))) {
            PluginUploads uploads = app.app().pluginUploads();
            byte[] jar = goodJar();
            PluginException unsigned = assertThrows(PluginException.class, () -> uploads.install(jar, null));
            assertTrue(unsigned.getMessage().contains("only accepts signed plugins"));
            PluginException forged = assertThrows(PluginException.class,
                    () -> uploads.install(jar, sign(stranger, jar)));
            assertTrue(forged.getMessage().contains("none of the trusted"));
            assertThrows(PluginException.class, () -> uploads.install(jar, "%%%"));
            PluginUploads.Verified v = uploads.verify(jar, sign(acme, jar));
            assertEquals("acme", v.signedBy());
            assertEquals("uploaded", uploads.install(jar, sign(acme, jar)).id());
        }
    }

    static String sign(KeyPair key, byte[] jar) throws Exception {
        Signature s = Signature.getInstance("Ed25519");
        s.initSign(key.getPrivate());
        s.update(PluginUploads.sha256(jar).getBytes(StandardCharsets.US_ASCII));
        return Base64.getEncoder().encodeToString(s.sign());
    }
}
