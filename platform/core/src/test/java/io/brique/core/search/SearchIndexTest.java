package io.brique.core.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SearchIndexTest {

    @Test
    void missingOrOtherSchemaIndexIsRebuiltAndCurrentOneIsKept(@TempDir Path dir) throws Exception {
        Path old = dir.resolve("old");
        Files.createDirectories(old);
        try (IndexWriter w = new IndexWriter(FSDirectory.open(old), new IndexWriterConfig())) {
            Document d = new Document();
            d.add(new StringField("id", "1", Field.Store.YES));
            w.addDocument(d);
            w.setLiveCommitData(Map.of("schema", "0").entrySet());
            w.commit();
        }
        try (SearchIndex i = SearchIndex.open(old, SearchAnalysis.analyzer("en"))) {
            assertTrue(i.rebuildNeeded(), "schema 0 is not the current one");
            assertEquals(1, i.documentCount(), "the old content is served until the rebuild replaces it");
            i.replaceAll(List.of(SearchDocument.titleOnly(7, "en", "Claw hammer")));
        }
        try (SearchIndex i = SearchIndex.open(old, SearchAnalysis.analyzer("en"))) {
            assertFalse(i.rebuildNeeded());
            assertEquals(1, i.documentCount());
        }
        try (SearchIndex i = SearchIndex.open(dir.resolve("missing"), SearchAnalysis.analyzer("en"))) {
            assertTrue(i.rebuildNeeded());
        }
    }
}
