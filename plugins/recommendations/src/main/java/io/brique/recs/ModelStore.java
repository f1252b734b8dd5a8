package io.brique.recs;

import io.brique.recs.model.Model;
import io.brique.recs.model.ModelCodec;
import java.io.ByteArrayOutputStream;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.ZoneOffset;
import java.util.Optional;

/** Trained models in the plugin's tables: a header and 512 KB chunks; the last three are kept. */
final class ModelStore {

    static final int CHUNK = 512 * 1024;
    static final int KEEP = 3;

    /** The header of a stored model (what the admin status page shows). */
    record Header(long id, java.time.Instant trainedAt, int items, int pairs, double coverage, long trainingMs,
            int orders, int sessions, int bytes) {
    }

    private final Db db;

    ModelStore(Db db) {
        this.db = db;
    }

    long save(Model m) throws SQLException {
        byte[] data = ModelCodec.write(m);
        int pairs = m.boughtTogether.size() + m.alsoViewed.size() + m.related.size() + m.similar.size();
        return db.tx(c -> {
            long id;
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + db.t("model")
                    + " (trained_at, items, pairs, coverage, training_ms, orders, sessions, bytes)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
                ps.setTimestamp(1, Timestamp.valueOf(m.trainedAt.atOffset(ZoneOffset.UTC).toLocalDateTime()));
                ps.setInt(2, m.size());
                ps.setInt(3, pairs);
                ps.setDouble(4, m.coverage());
                ps.setLong(5, m.trainingMillis);
                ps.setInt(6, m.orders);
                ps.setInt(7, m.sessions);
                ps.setInt(8, data.length);
                ps.executeUpdate();
                try (ResultSet keys = ps.getGeneratedKeys()) {
                    keys.next();
                    id = keys.getLong(1);
                }
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + db.t("model_chunk")
                    + " (model_id, seq, data) VALUES (?, ?, ?)")) {
                for (int off = 0, seq = 0; off < data.length; off += CHUNK, seq++) {
                    ps.setLong(1, id);
                    ps.setInt(2, seq);
                    ps.setBytes(3, java.util.Arrays.copyOfRange(data, off, Math.min(data.length, off + CHUNK)));
                    ps.executeUpdate();
                }
            }
            try (PreparedStatement old = c.prepareStatement("DELETE FROM " + db.t("model_chunk")
                    + " WHERE model_id <= ?"); PreparedStatement oldH = c.prepareStatement("DELETE FROM "
                    + db.t("model") + " WHERE id <= ?")) {
                old.setLong(1, id - KEEP);
                old.executeUpdate();
                oldH.setLong(1, id - KEEP);
                oldH.executeUpdate();
            }
            return id;
        });
    }

    Optional<Header> latest() throws SQLException {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT id, trained_at, items, pairs, coverage, training_ms,"
                    + " orders, sessions, bytes FROM " + db.t("model") + " ORDER BY id DESC LIMIT 1");
                    ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Header(rs.getLong(1), rs.getTimestamp(2).toLocalDateTime().toInstant(
                        ZoneOffset.UTC), rs.getInt(3), rs.getInt(4), rs.getDouble(5), rs.getLong(6), rs.getInt(7),
                        rs.getInt(8), rs.getInt(9)));
            }
        });
    }

    Model load(long id) throws SQLException {
        byte[] data = db.read(c -> {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (PreparedStatement ps = c.prepareStatement("SELECT data FROM " + db.t("model_chunk")
                    + " WHERE model_id = ? ORDER BY seq")) {
                ps.setLong(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.writeBytes(rs.getBytes(1));
                    }
                }
            }
            return out.toByteArray();
        });
        return ModelCodec.read(data);
    }
}
