package io.brique.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** A shop node run as a child process (the server's Main on this classpath), configured by system properties. */
final class ServerNode {

    private final Process process;
    private final long startedAt;
    private final int port;
    private final Path log;

    private ServerNode(Process process, long startedAt, int port, Path log) {
        this.process = process;
        this.startedAt = startedAt;
        this.port = port;
        this.log = log;
    }

    static ServerNode start(Map<String, String> config, Path dataDir) throws IOException {
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(javaBin, "-Xmx1g", "-XX:+UseParallelGC"));
        String extra = System.getenv("BRIQUE_BENCH_SERVER_OPTS"); // e.g. a JFR recording
        if (extra != null && !extra.isBlank()) {
            cmd.addAll(List.of(extra.trim().split("\\s+")));
        }
        config.forEach((k, v) -> cmd.add("-Dbrique." + k + "=" + v));
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "io.brique.server.Main"));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().keySet().removeIf(k -> k.startsWith("BRIQUE_"));
        Path log = dataDir.resolve("server-" + System.currentTimeMillis() + ".log");
        pb.redirectErrorStream(true);
        pb.redirectOutput(log.toFile());
        long t = System.nanoTime();
        Process p = pb.start();
        // a driver that fails half-way must not leave servers behind
        Runtime.getRuntime().addShutdownHook(new Thread(p::destroy));
        return new ServerNode(p, t, Integer.parseInt(config.get("http.port")), log);
    }

    String base() {
        return "http://127.0.0.1:" + port;
    }

    /** Waits for {@code /health/ready}; returns the seconds since the process was started. */
    double awaitReady(HttpClient client) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the server exited with " + process.exitValue() + ", log " + log
                        + ":\n" + tail());
            }
            try {
                HttpResponse<Void> r = client.send(HttpRequest.newBuilder(URI.create(base() + "/health/ready")).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return (System.nanoTime() - startedAt) / 1e9;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("server not ready after 10 minutes, log " + log);
    }

    /** Resident memory of the process and the used heap (after a full GC), as the operating system and JVM see them. */
    String memory() {
        try {
            String rss = Files.readAllLines(Path.of("/proc/" + process.pid() + "/status")).stream()
                    .filter(l -> l.startsWith("VmRSS:")).findFirst().orElse("VmRSS: ?").replaceAll("\\s+", " ");
            Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
            Process p = new ProcessBuilder(jcmd.toString(), Long.toString(process.pid()), "GC.run").start();
            p.waitFor(30, TimeUnit.SECONDS);
            p = new ProcessBuilder(jcmd.toString(), Long.toString(process.pid()), "GC.heap_info")
                    .redirectErrorStream(true).start();
            String heap = new String(p.getInputStream().readAllBytes()).lines()
                    .filter(l -> l.contains("used")).map(l -> l.trim().replaceAll(" \\[.*", "").replaceAll("\\s+", " "))
                    .collect(java.util.stream.Collectors.joining(", "));
            return String.format(Locale.ROOT, "%s; heap after GC: %s", rss, heap);
        } catch (Exception e) {
            return "unavailable (" + e.getMessage() + ")";
        }
    }

    private String tail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "";
        }
    }

    void stop() throws InterruptedException {
        process.destroy(); // SIGTERM: graceful stop
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
