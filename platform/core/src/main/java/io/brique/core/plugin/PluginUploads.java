package io.brique.core.plugin;

import io.brique.core.config.BriqueConfig;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Checks an uploaded plugin archive before anything of it is loaded: size, number of entries,
 * total and per-entry expansion (zip bombs), entry names (no absolute paths, no "..", no
 * backslashes: no zip-slip), no symbolic links, a descriptor in the manifest; computes its SHA-256
 * and verifies an Ed25519 publisher signature against the keys the operator trusts
 * ({@code plugins.trusted-keys = name:base64-X509-key,...}). With {@code plugins.require-signature=true}
 * unsigned plugins are refused.
 */
public final class PluginUploads {

    public record Verified(Path jar, String sha256, String pluginId, String version, String signedBy) {
    }

    private final PluginHost host;
    private final Path uploadDir;
    private final long maxBytes;
    private final int maxEntries;
    private final long maxExpanded;
    private final int maxRatio;
    private final boolean requireSignature;
    private final Map<String, PublicKey> trustedKeys;

    public PluginUploads(PluginHost host, BriqueConfig config) {
        this.host = host;
        this.uploadDir = config.dataDir().resolve("plugins").resolve("uploads");
        this.maxBytes = config.getLong("plugins.max-upload-bytes", 20L * 1024 * 1024);
        this.maxEntries = config.getInt("plugins.max-entries", 5000);
        this.maxExpanded = config.getLong("plugins.max-expanded-bytes", 100L * 1024 * 1024);
        this.maxRatio = config.getInt("plugins.max-compression-ratio", 100);
        this.requireSignature = config.getBoolean("plugins.require-signature", false);
        this.trustedKeys = parseKeys(config.get("plugins.trusted-keys", ""));
    }

    /** Verifies then installs (or upgrades) the uploaded plugin. {@code signature} may be null. */
    public PluginHost.InstalledPlugin install(byte[] archive, String signatureBase64) {
        Verified v = verify(archive, signatureBase64);
        try {
            return host.install(v.jar());
        } finally {
            try {
                Files.deleteIfExists(v.jar());
            } catch (IOException e) {
                // a leftover upload; harmless
            }
        }
    }

    public Verified verify(byte[] archive, String signatureBase64) {
        if (archive == null || archive.length == 0) {
            throw new PluginException("the upload is empty");
        }
        if (archive.length > maxBytes) {
            throw new PluginException("the upload is " + archive.length + " bytes; the limit is " + maxBytes);
        }
        checkCentralDirectory(archive);
        checkEntries(archive);
        String sha = sha256(archive);
        String signedBy = checkSignature(sha, signatureBase64);
        try {
            Files.createDirectories(uploadDir);
            Path jar = Files.createTempFile(uploadDir, "upload-", ".jar");
            Files.write(jar, archive);
            PluginHost.Descriptor d;
            try {
                d = PluginHost.readDescriptor(jar);
            } catch (PluginException e) {
                Files.deleteIfExists(jar);
                throw e;
            }
            return new Verified(jar, sha, d.id(), d.version(), signedBy);
        } catch (IOException e) {
            throw new PluginException("cannot store the upload: " + e.getMessage(), e);
        }
    }

    /** Streams every entry, counting real (not declared) sizes, so a lying header cannot hide a bomb. */
    private void checkEntries(byte[] archive) {
        int entries = 0;
        long expanded = 0;
        byte[] buffer = new byte[8192];
        try (ZipInputStream zin = new ZipInputStream(new java.io.ByteArrayInputStream(archive))) {
            ZipEntry e;
            while ((e = zin.getNextEntry()) != null) {
                if (++entries > maxEntries) {
                    throw new PluginException("the archive has more than " + maxEntries + " entries");
                }
                checkName(e.getName());
                long size = 0;
                int n;
                while ((n = zin.read(buffer)) > 0) {
                    size += n;
                    expanded += n;
                    if (expanded > maxExpanded) {
                        throw new PluginException("the archive expands to more than " + maxExpanded + " bytes");
                    }
                }
                long compressed = e.getCompressedSize();
                if (size > 1024 * 1024 && compressed > 0 && size / compressed > maxRatio) {
                    throw new PluginException("entry " + e.getName() + " is compressed " + (size / compressed)
                            + " times (limit " + maxRatio + "): refused as a possible zip bomb");
                }
            }
        } catch (IOException ex) {
            throw new PluginException("not a valid jar/zip archive: " + ex.getMessage(), ex);
        }
        if (entries == 0) {
            throw new PluginException("not a valid jar/zip archive: no entries");
        }
    }

    static void checkName(String name) {
        if (name.isEmpty() || name.startsWith("/") || name.contains("\\") || name.indexOf('\0') >= 0
                || name.matches("^[A-Za-z]:.*")) {
            throw new PluginException("refused entry name '" + name + "' (absolute or unsafe path)");
        }
        for (String part : name.split("/")) {
            if (part.equals("..")) {
                throw new PluginException("refused entry name '" + name + "' (path traversal)");
            }
        }
    }

    /**
     * Reads the central directory for what ZipInputStream does not show: Unix symbolic links (mode in
     * the external attributes) and the declared entry count.
     */
    private void checkCentralDirectory(byte[] a) {
        ByteBuffer b = ByteBuffer.wrap(a).order(ByteOrder.LITTLE_ENDIAN);
        int eocd = -1;
        for (int i = a.length - 22; i >= Math.max(0, a.length - 22 - 65535); i--) {
            if (b.getInt(i) == 0x06054b50) {
                eocd = i;
                break;
            }
        }
        if (eocd < 0) {
            throw new PluginException("not a valid jar/zip archive (no central directory)");
        }
        int count = Short.toUnsignedInt(b.getShort(eocd + 10));
        long cdOffset = Integer.toUnsignedLong(b.getInt(eocd + 16));
        if (count > maxEntries) {
            throw new PluginException("the archive declares " + count + " entries; the limit is " + maxEntries);
        }
        int p = (int) cdOffset;
        for (int i = 0; i < count; i++) {
            if (p < 0 || p + 46 > a.length || b.getInt(p) != 0x02014b50) {
                throw new PluginException("not a valid jar/zip archive (broken central directory)");
            }
            int madeBy = Short.toUnsignedInt(b.getShort(p + 4)) >> 8;
            int nameLen = Short.toUnsignedInt(b.getShort(p + 28));
            int extraLen = Short.toUnsignedInt(b.getShort(p + 30));
            int commentLen = Short.toUnsignedInt(b.getShort(p + 32));
            long external = Integer.toUnsignedLong(b.getInt(p + 38));
            if (p + 46 + nameLen > a.length) {
                throw new PluginException("not a valid jar/zip archive (broken central directory)");
            }
            String name = new String(a, p + 46, nameLen, java.nio.charset.StandardCharsets.UTF_8);
            checkName(name);
            int unixMode = (int) (external >> 16);
            if (madeBy == 3 && (unixMode & 0170000) == 0120000) {
                throw new PluginException("refused entry '" + name + "': symbolic links are not allowed");
            }
            p += 46 + nameLen + extraLen + commentLen;
        }
    }

    private String checkSignature(String sha, String signatureBase64) {
        if (signatureBase64 == null || signatureBase64.isBlank()) {
            if (requireSignature) {
                throw new PluginException("this shop only accepts signed plugins; no signature was given");
            }
            return null;
        }
        byte[] sig;
        try {
            sig = Base64.getDecoder().decode(signatureBase64.trim());
        } catch (IllegalArgumentException e) {
            throw new PluginException("the signature is not valid base64");
        }
        for (Map.Entry<String, PublicKey> k : trustedKeys.entrySet()) {
            try {
                Signature s = Signature.getInstance("Ed25519");
                s.initVerify(k.getValue());
                s.update(sha.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                if (s.verify(sig)) {
                    return k.getKey();
                }
            } catch (GeneralSecurityException e) {
                // not this key
            }
        }
        throw new PluginException("the signature matches none of the trusted publisher keys");
    }

    static Map<String, PublicKey> parseKeys(String spec) {
        Map<String, PublicKey> keys = new LinkedHashMap<>();
        for (String item : spec.split(",")) {
            String t = item.trim();
            if (t.isEmpty()) {
                continue;
            }
            int colon = t.indexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException("plugins.trusted-keys entries are name:base64-key, got " + t);
            }
            try {
                keys.put(t.substring(0, colon), KeyFactory.getInstance("Ed25519").generatePublic(
                        new X509EncodedKeySpec(Base64.getDecoder().decode(t.substring(colon + 1)))));
            } catch (GeneralSecurityException | IllegalArgumentException e) {
                throw new IllegalArgumentException("invalid trusted key " + t.substring(0, colon) + ": " + e.getMessage());
            }
        }
        return keys;
    }

    static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
