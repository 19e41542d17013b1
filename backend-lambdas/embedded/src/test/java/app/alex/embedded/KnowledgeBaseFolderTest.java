package app.alex.embedded;

import app.alex.core.error.AlexException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KnowledgeBaseFolderTest {
    @TempDir
    Path dir;

    @Test
    void aFolderLeftWithOnlyAHalfWrittenMarkerByAKilledFirstStartOpensAsANewKnowledgeBase() throws IOException {
        Path kb = Files.createDirectory(dir.resolve("kb"));
        Files.writeString(kb.resolve("alex.json.tmp"), "{\n  \"format_version\" : 1,\n  \"embed");

        KnowledgeBaseFolder folder = KnowledgeBaseFolder.openOrCreate(kb, "all-MiniLM-L6-v2", 384);

        assertThat(folder.indexDir()).isDirectory();
        assertThat(kb.resolve("alex.json.tmp")).doesNotExist();
        assertThat(Files.readString(kb.resolve("alex.json"))).contains("\"embedding_model\" : \"all-MiniLM-L6-v2\"");
        KnowledgeBaseFolder.openOrCreate(kb, "all-MiniLM-L6-v2", 384); // and it opens again as itself
    }

    @Test
    void aLeftoverMarkerBesideSomeoneElsesFilesIsStillNotAKnowledgeBase() throws IOException {
        Path folder = Files.createDirectory(dir.resolve("documents"));
        Files.writeString(folder.resolve("alex.json.tmp"), "{}");
        Files.writeString(folder.resolve("thesis.md"), "# My thesis");

        assertThatThrownBy(() -> KnowledgeBaseFolder.openOrCreate(folder, "all-MiniLM-L6-v2", 384))
                .isInstanceOf(AlexException.class).hasMessageContaining("is not an Alex knowledge base");
        assertThat(folder.resolve("alex.json")).doesNotExist();
        assertThat(folder.resolve("thesis.md")).hasContent("# My thesis");
    }
}
