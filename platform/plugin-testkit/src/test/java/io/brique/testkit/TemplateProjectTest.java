package io.brique.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The project template (plugins/template) builds as a developer would build it: copied outside the
 * repository, {@code mvn -o package} (which also runs the template's own test on the test kit), then
 * its jar is installed in a running shop and its slot renders.
 *
 * <p>The template needs the Brique artifacts of this very build, but {@code mvn verify} installs
 * nothing and ~/.m2 must not receive Brique SNAPSHOTs. So the template build gets a temporary local
 * repository: every entry of the real local repository is symlinked into it (third-party artifacts,
 * read only, offline) except {@code io/brique}, which is written fresh from this build's poms and
 * classes. Nothing is copied from or written to ~/.m2/repository/io/brique.
 */
class TemplateProjectTest {

    @TempDir
    Path tmp;

    @Test
    void theTemplateBuildsOfflineAndItsJarWorksInAShop() throws Exception {
        Path root = Path.of(System.getProperty("brique.root", "../..")).toAbsolutePath().normalize();
        Path realRepo = Path.of(System.getProperty("maven.repo.local",
                System.getProperty("user.home") + "/.m2/repository"));
        String version = System.getProperty("brique.version", "0.1.0-SNAPSHOT");

        Path project = tmp.resolve("my-plugin");
        copyTree(root.resolve("plugins/template"), project);
        Path repo = tmp.resolve("repo");
        try {
            linkRepository(realRepo, repo);
            buildAndInstall(root, project, repo, realRepo, version);
        } finally {
            unlinkRepository(repo); // the links go, never what they point to
        }
    }

    private void buildAndInstall(Path root, Path project, Path repo, Path realRepo, String version)
            throws Exception {
        Path brique = repo.resolve("io/brique");
        pom(brique, "brique-parent", version, root.resolve("pom.xml"));
        pom(brique, "brique-platform", version, root.resolve("platform/pom.xml"));
        artifact(brique, "brique-plugin-api", version, root.resolve("platform/plugin-api/pom.xml"),
                codeOf(io.brique.api.Sdk.class));
        artifact(brique, "brique-core", version, root.resolve("platform/core/pom.xml"),
                codeOf(io.brique.core.Brique.class));
        artifact(brique, "brique-admin-ui", version, root.resolve("admin-ui/pom.xml"),
                codeOf(io.brique.admin.AdminModule.class));
        artifact(brique, "brique-test-support", version, root.resolve("platform/test-support/pom.xml"),
                codeOf(io.brique.testing.HttpSession.class));
        artifact(brique, "brique-plugin-testkit", version, root.resolve("platform/plugin-testkit/pom.xml"),
                codeOf(BriqueTestServer.class));

        List<String> cmd = new ArrayList<>(List.of(mvn(), "-q", "-o", "-B", "package",
                "-Dmaven.repo.local=" + repo, "-Dbrique.version=" + version));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(project.toFile()).redirectErrorStream(true)
                .redirectOutput(tmp.resolve("mvn.log").toFile());
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        pb.environment().put("BRIQUE_TEST_DB", "h2");
        long t0 = System.nanoTime();
        Process p = pb.start();
        boolean done = p.waitFor(240, TimeUnit.SECONDS);
        if (!done) {
            p.destroyForcibly();
        }
        String log = Files.readString(tmp.resolve("mvn.log"));
        assertTrue(done, "the template build took over 240 s:\n" + log);
        assertEquals(0, p.exitValue(), "the template build failed:\n" + log);
        System.out.printf("template built and tested in %d s%n", (System.nanoTime() - t0) / 1_000_000_000);
        assertFalse(Files.exists(realRepo.resolve("io/brique/brique-plugin-testkit")),
                "nothing of Brique went into the real local repository");

        Path jar = project.resolve("target/my-plugin-1.0.0.jar");
        try (JarFile jf = new JarFile(jar.toFile())) {
            assertEquals("my-plugin", jf.getManifest().getMainAttributes().getValue("Plugin-Id"));
            assertEquals(">=1.0.0 & <2.0.0", jf.getManifest().getMainAttributes().getValue("Plugin-Requires"));
            assertNotNull(jf.getEntry("META-INF/extensions.idx"), "PF4J's annotation processor ran");
            assertTrue(jf.stream().noneMatch(e -> e.getName().startsWith("io/brique/")),
                    "the SDK is provided, not packaged");
        }
        try (BriqueTestServer shop = BriqueTestServer.start()) {
            shop.installJar(jar);
            shop.enable("my-plugin");
            assertTrue(shop.http().get("/fr/").body().contains("<p class=\"my-plugin\">Hello from my-plugin</p>"));
        }
    }

    /** mvn of the Maven running this build (maven.home), else from the PATH. */
    private static String mvn() {
        String home = System.getProperty("maven.home");
        if (home != null && Files.isExecutable(Path.of(home, "bin", "mvn"))) {
            return Path.of(home, "bin", "mvn").toString();
        }
        return "mvn";
    }

    /** Symlinks each top-level entry (and each entry of io/) of the real repository, except io/brique. */
    private static void linkRepository(Path real, Path repo) throws IOException {
        Files.createDirectories(repo.resolve("io"));
        try (Stream<Path> top = Files.list(real)) {
            for (Path e : top.toList()) {
                if (!e.getFileName().toString().equals("io")) {
                    Files.createSymbolicLink(repo.resolve(e.getFileName().toString()), e);
                }
            }
        }
        if (Files.isDirectory(real.resolve("io"))) {
            try (Stream<Path> io = Files.list(real.resolve("io"))) {
                for (Path e : io.toList()) {
                    if (!e.getFileName().toString().equals("brique")) {
                        Files.createSymbolicLink(repo.resolve("io").resolve(e.getFileName().toString()), e);
                    }
                }
            }
        }
    }

    private static void unlinkRepository(Path repo) throws IOException {
        for (Path dir : List.of(repo, repo.resolve("io"))) {
            if (!Files.isDirectory(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                continue;
            }
            try (Stream<Path> entries = Files.list(dir)) {
                for (Path e : entries.toList()) {
                    if (Files.isSymbolicLink(e)) {
                        Files.delete(e);
                    }
                }
            }
        }
    }

    private static void pom(Path brique, String artifactId, String version, Path pom) throws IOException {
        Path dir = Files.createDirectories(brique.resolve(artifactId).resolve(version));
        Files.copy(pom, dir.resolve(artifactId + "-" + version + ".pom"), StandardCopyOption.REPLACE_EXISTING);
    }

    /** The jar, packaged by the reactor already or made here from the module's classes folder. */
    private static void artifact(Path brique, String artifactId, String version, Path pom, Path code)
            throws IOException {
        pom(brique, artifactId, version, pom);
        Path target = brique.resolve(artifactId).resolve(version).resolve(artifactId + "-" + version + ".jar");
        if (Files.isRegularFile(code)) {
            Files.copy(code, target);
        } else {
            jarFolder(code, target);
        }
    }

    private static Path codeOf(Class<?> c) throws URISyntaxException {
        return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    private static void jarFolder(Path folder, Path jar) throws IOException {
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file);
                Stream<Path> walk = Files.walk(folder)) {
            for (Path f : walk.sorted().toList()) {
                String name = folder.relativize(f).toString().replace('\\', '/');
                if (name.isEmpty()) {
                    continue;
                }
                // directory entries too: class path scanners (Flyway's migrations) look folders up
                boolean dir = Files.isDirectory(f);
                out.putNextEntry(new JarEntry(dir ? name + "/" : name));
                if (!dir) {
                    Files.copy(f, out);
                }
                out.closeEntry();
            }
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path f : walk.toList()) {
                String rel = from.relativize(f).toString();
                if (rel.equals("target") || rel.startsWith("target/")) {
                    continue;
                }
                Path dest = to.resolve(rel);
                if (Files.isDirectory(f)) {
                    Files.createDirectories(dest);
                } else {
                    Files.copy(f, dest);
                }
            }
        }
        assertTrue(Files.readString(to.resolve("pom.xml"), StandardCharsets.UTF_8).contains("<groupId>com.example"));
    }
}
