package io.brique.core.media;

import io.brique.core.error.ValidationException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Uploaded images (product pictures) in one folder, {@code media.dir} (default {@code <data.dir>/media}),
 * which every node of a cluster mounts (NFS, a shared volume): any node serves what another stored.
 * A file is named by the SHA-256 of its bytes, so names are safe, the same picture is stored once, and
 * a name always means the same bytes (served with a one-year immutable cache). The type is read from
 * the bytes (JPEG, PNG, GIF, WebP), never from the file name or the browser's claim; SVG is refused
 * (it can carry scripts). Files are written to a temporary name then moved, so a reader never sees half
 * a file.
 */
public final class MediaStore {

    /** A stored file: its name under {@code /media/} and its type. */
    public record Stored(String name, String contentType, long size) {
        public String url() {
            return "/media/" + name;
        }
    }

    private static final Pattern NAME = Pattern.compile("^[0-9a-f]{64}\\.(jpg|png|gif|webp)$");

    private final Path dir;
    private final long maxBytes;

    public MediaStore(Path dir, long maxBytes) {
        this.dir = dir;
        this.maxBytes = maxBytes;
    }

    public long maxBytes() {
        return maxBytes;
    }

    public Stored store(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            throw new ValidationException("file", "error.required");
        }
        if (bytes.length > maxBytes) {
            throw new ValidationException("file", "media.error.too_big");
        }
        String ext = extension(bytes);
        if (ext == null) {
            throw new ValidationException("file", "media.error.type");
        }
        String name = sha256(bytes) + "." + ext;
        Path target = dir.resolve(name);
        try {
            if (!Files.exists(target)) {
                Files.createDirectories(dir);
                Path tmp = Files.createTempFile(dir, ".upload-", ".tmp");
                try {
                    Files.write(tmp, bytes);
                    try {
                        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
                    } catch (AtomicMoveNotSupportedException e) {
                        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
                    }
                } finally {
                    Files.deleteIfExists(tmp);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not store media " + name, e);
        }
        return new Stored(name, contentType(ext), bytes.length);
    }

    /** The file of a name as given in a URL; empty for anything that is not a stored name. */
    public Optional<Path> file(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            return Optional.empty();
        }
        Path p = dir.resolve(name);
        return Files.isRegularFile(p) ? Optional.of(p) : Optional.empty();
    }

    public static String contentType(String name) {
        String ext = name.substring(name.lastIndexOf('.') + 1);
        return switch (ext) {
            case "jpg" -> "image/jpeg";
            case "png" -> "image/png";
            case "gif" -> "image/gif";
            case "webp" -> "image/webp";
            default -> "application/octet-stream";
        };
    }

    /** The extension of the image type the bytes start with, or null. */
    static String extension(byte[] b) {
        if (startsWith(b, 0, 0xFF, 0xD8, 0xFF)) {
            return "jpg";
        }
        if (startsWith(b, 0, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) {
            return "png";
        }
        if (startsWith(b, 0, 'G', 'I', 'F', '8') && b.length > 5 && (b[4] == '7' || b[4] == '9') && b[5] == 'a') {
            return "gif";
        }
        if (startsWith(b, 0, 'R', 'I', 'F', 'F') && startsWith(b, 8, 'W', 'E', 'B', 'P')) {
            return "webp";
        }
        return null;
    }

    private static boolean startsWith(byte[] b, int offset, int... sig) {
        if (b.length < offset + sig.length) {
            return false;
        }
        for (int i = 0; i < sig.length; i++) {
            if ((b[offset + i] & 0xFF) != sig[i]) {
                return false;
            }
        }
        return true;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
