package io.brique.core.plugin;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The plugins folder ({@code plugins.drop-in-dir}, default {@code <data>/plugins/drop-in}): a jar or zip
 * copied there is installed (or upgrades the installed version) through the same checks as an upload,
 * with {@code <file>.sig} as its signature when present. It stays disabled unless
 * {@code plugins.auto-enable} is set, which suits containers and scripted deployments. A file is
 * processed once per content: a refused file is reported once, not every scan.
 */
public final class PluginDropIn {

    private static final Logger LOG = LoggerFactory.getLogger(PluginDropIn.class);

    private final PluginHost host;
    private final PluginUploads uploads;
    private final Path dir;
    private final boolean autoEnable;
    /** file -> size/mtime seen at its last processing, so unchanged files are skipped cheaply. */
    private final Map<Path, String> seen = new ConcurrentHashMap<>();

    public PluginDropIn(PluginHost host, PluginUploads uploads, Path dir, boolean autoEnable) {
        this.host = host;
        this.uploads = uploads;
        this.dir = dir;
        this.autoEnable = autoEnable;
    }

    public Path dir() {
        return dir;
    }

    /** Installs new or changed files; returns the ids installed by this scan. */
    public synchronized List<String> scan() {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            LOG.warn("plugins folder {} not usable: {}", dir, e.toString());
            return List.of();
        }
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(Files::isRegularFile).filter(p -> {
                String n = p.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
                return n.endsWith(".jar") || n.endsWith(".zip");
            }).sorted().toList();
        } catch (IOException e) {
            LOG.warn("plugins folder {} not readable: {}", dir, e.toString());
            return List.of();
        }
        List<String> installed = new java.util.ArrayList<>();
        for (Path file : files) {
            process(file).ifPresent(installed::add);
        }
        return installed;
    }

    private Optional<String> process(Path file) {
        String stamp;
        byte[] bytes;
        try {
            stamp = Files.size(file) + ":" + Files.getLastModifiedTime(file).toMillis();
            if (stamp.equals(seen.get(file))) {
                return Optional.empty();
            }
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            LOG.warn("plugins folder: cannot read {}: {}", file.getFileName(), e.toString());
            return Optional.empty();
        }
        seen.put(file, stamp);
        try {
            PluginUploads.Verified v = uploads.verify(bytes, signature(file));
            try {
                Optional<PluginHost.InstalledPlugin> current = host.get(v.pluginId());
                if (current.isPresent() && current.get().sha256().equals(PluginHost.sha256(v.jar()))) {
                    return Optional.empty(); // already installed, e.g. by another node sharing the folder
                }
                PluginHost.InstalledPlugin p = host.install(v.jar());
                LOG.info("plugins folder: {} {} installed from {}", p.id(), p.version(), file.getFileName());
                if (autoEnable && !"enabled".equals(p.status())) {
                    host.enable(p.id());
                }
                return Optional.of(p.id());
            } finally {
                Files.deleteIfExists(v.jar());
            }
        } catch (RuntimeException | IOException e) {
            LOG.warn("plugins folder: {} refused: {}", file.getFileName(), e.getMessage());
            return Optional.empty();
        }
    }

    private static String signature(Path file) throws IOException {
        Path sig = file.resolveSibling(file.getFileName() + ".sig");
        return Files.isRegularFile(sig) ? Files.readString(sig).trim() : null;
    }
}
