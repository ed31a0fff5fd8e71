package org.opencpm.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteDatabaseTest {

    private static final List<String> SCHEMA = List.of("CREATE TABLE t (k INTEGER PRIMARY KEY, v TEXT NOT NULL)");

    @TempDir
    Path dir;

    @Test
    void writesCommitInGroupsAndSurviveReopening() throws Exception {
        try (SqliteDatabase db = SqliteDatabase.open(dir, "test", SqliteDatabase.Sync.NORMAL, SCHEMA)) {
            List<CompletableFuture<Integer>> fs = new ArrayList<>();
            for (int i = 0; i < 2000; i++) {
                int k = i;
                fs.add(db.write(c -> {
                    try (PreparedStatement ps = c.prepareStatement("INSERT INTO t VALUES (?, ?)")) {
                        ps.setInt(1, k);
                        ps.setString(2, "v" + k);
                        return ps.executeUpdate();
                    }
                }));
            }
            CompletableFuture.allOf(fs.toArray(CompletableFuture[]::new)).get();
        }
        try (SqliteDatabase db = SqliteDatabase.open(dir, "test", SqliteDatabase.Sync.NORMAL, SCHEMA)) {
            int n = db.read(c -> {
                try (ResultSet rs = c.createStatement().executeQuery("SELECT count(*) FROM t")) {
                    return rs.next() ? rs.getInt(1) : -1;
                }
            }).get();
            assertThat(n).isEqualTo(2000);
        }
    }

    @Test
    void aFailingWriteIsRolledBackAloneAndTheRestOfItsBatchCommits() throws Exception {
        try (SqliteDatabase db = SqliteDatabase.open(dir, "test", SqliteDatabase.Sync.NORMAL, SCHEMA)) {
            CompletableFuture<Integer> good = db.write(c -> c.createStatement().executeUpdate("INSERT INTO t VALUES (1, 'a')"));
            CompletableFuture<Integer> bad = db.write(c -> {
                c.createStatement().executeUpdate("INSERT INTO t VALUES (2, 'b')");
                return c.createStatement().executeUpdate("INSERT INTO t VALUES (1, 'duplicate')");
            });
            assertThat(good.get()).isEqualTo(1);
            assertThatThrownBy(bad::get).isInstanceOf(ExecutionException.class).hasCauseInstanceOf(StoreException.class);
            List<Integer> keys = db.read(c -> {
                List<Integer> out = new ArrayList<>();
                try (ResultSet rs = c.createStatement().executeQuery("SELECT k FROM t ORDER BY k")) {
                    while (rs.next()) {
                        out.add(rs.getInt(1));
                    }
                }
                return out;
            }).get();
            assertThat(keys).containsExactly(1);
        }
    }
}
