package app.alex.core.extract;

import app.alex.core.error.ErrorCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FileHandlingTest {
    private final FileExtractor extractor = new FileExtractor();

    @TempDir
    Path dir;

    @Test
    void anUnknownFileTypeIsUnsupportedWithItsExtensionNamed() throws IOException {
        Path file = Files.writeString(dir.resolve("model.xyz"), "whatever");

        assertThatThrownBy(() -> extractor.extract(file))
                .isInstanceOf(ExtractionException.class)
                .hasMessage("unsupported file type: .xyz")
                .extracting(e -> ((ExtractionException) e).code()).isEqualTo(ErrorCode.UNSUPPORTED_MEDIA_TYPE);
        assertThatThrownBy(() -> extractor.extract(new byte[]{1, 2, 3}, "Old Memo.DOC"))
                .isInstanceOf(ExtractionException.class)
                .hasMessage("unsupported file type: .doc");
    }

    @Test
    void aFileWithoutExtensionIsReadAsTextWhenItIsText() throws IOException {
        Path readme = Files.writeString(dir.resolve("README"), "Plain notes without an extension.");
        Path html = Files.writeString(dir.resolve("page"), "<!doctype html><title>T</title><p>Body</p>");

        assertThat(extractor.extract(readme).text()).isEqualTo("Plain notes without an extension.");
        assertThat(extractor.extract(html).mediaType()).isEqualTo("text/html");
        assertThatThrownBy(() -> extractor.extract(new byte[]{0x50, 0x4B, 0x03, 0x04, 0, 0}, "archive"))
                .isInstanceOf(ExtractionException.class).hasMessageStartingWith("unsupported file type");
    }

    @Test
    void aMissingFileIsNotFound() {
        assertThatThrownBy(() -> extractor.extract(dir.resolve("gone.txt")))
                .isInstanceOf(ExtractionException.class)
                .hasMessage("file not found")
                .extracting(e -> ((ExtractionException) e).code()).isEqualTo(ErrorCode.NOT_FOUND);
    }

    @Test
    void aFolderIsNotAFile() throws IOException {
        Path folder = Files.createDirectory(dir.resolve("reports.txt"));

        assertThatThrownBy(() -> extractor.extract(folder))
                .isInstanceOf(ExtractionException.class)
                .hasMessage("this is a folder, not a file");
    }

    @Test
    void anUnreadableFileIsPermissionDeniedUnlessTheProcessMayReadAnything() throws IOException {
        Path file = Files.writeString(dir.resolve("secret.txt"), "private notes");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("---------"));
        try {
            boolean readableAnyway = canOpen(file);
            if (readableAnyway) {
                // Running as root (as in this sandbox and many CI containers): mode 000 does not stop
                // root from reading, so the honest expectation is that the text is read like any other.
                assertThat(extractor.extract(file).text()).isEqualTo("private notes");
            } else {
                assertThatThrownBy(() -> extractor.extract(file))
                        .isInstanceOf(ExtractionException.class)
                        .hasMessage("permission denied: the file cannot be read")
                        .extracting(e -> ((ExtractionException) e).code()).isEqualTo(ErrorCode.FORBIDDEN);
            }
        } finally {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        }
    }

    private static boolean canOpen(Path file) {
        try (var in = Files.newInputStream(file)) {
            return in.read() >= -1;
        } catch (IOException e) {
            return false;
        }
    }

    @Test
    void inMemoryContentIsSniffedLikeFiles() {
        ExtractedDocument html = extractor.extract(
                "<html><body><p>Hi</p></body></html>".getBytes(StandardCharsets.UTF_8), "upload.htm");
        ExtractedDocument text = extractor.extract("Hi there".getBytes(StandardCharsets.UTF_8), "notes.TXT");

        assertThat(html.mediaType()).isEqualTo("text/html");
        assertThat(html.text()).isEqualTo("Hi");
        assertThat(text.text()).isEqualTo("Hi there");
    }

    @Test
    void aTextExtensionIsNeverOverriddenByAPdfHeaderQuotedInTheText() {
        String note = "# Notes on PDF versions\n\nFiles start with %PDF-1.7 followed by a binary comment line.\n";

        for (String name : new String[]{"pdf-notes.md", "pdf-notes.txt", "pdf-notes.html"}) {
            ExtractedDocument doc = extractor.extract(note.getBytes(StandardCharsets.UTF_8), name);
            assertThat(doc.text()).as(name).contains("%PDF-1.7");
            assertThat(doc.mediaType()).as(name).isNotEqualTo("application/pdf");
        }
    }

    @Test
    void errorMessagesNeverCarryLibraryClassNames() throws IOException {
        Path badPdf = Files.write(dir.resolve("bad.pdf"), "%PDF-1.4\n1 0 obj <<>>\n%%EOF".getBytes(StandardCharsets.US_ASCII));
        Path badDocx = Files.write(dir.resolve("bad.docx"), new byte[]{0x50, 0x4B, 0x03, 0x04, 1, 2, 3, 4, 5});

        for (Path file : new Path[]{badPdf, badDocx}) {
            assertThatThrownBy(() -> extractor.extract(file))
                    .isInstanceOf(ExtractionException.class)
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("Exception", "org.apache", "at "));
        }
    }
}
