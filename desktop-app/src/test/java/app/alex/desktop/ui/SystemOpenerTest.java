package app.alex.desktop.ui;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Real processes stand in for xdg-open: a shell that fails (status 3, "no handler") for some paths. */
class SystemOpenerTest {
    @TempDir
    Path folder;

    private static SystemOpener failingFor(String pattern) {
        return new SystemOpener(List.of("/bin/sh", "-c", "case \"$1\" in " + pattern + ") exit 3;; esac; exit 0", "sh"),
                uri -> { throw new AssertionError("no fallback expected"); });
    }

    @Test
    void aFileThatOpensIsOpened() throws Exception {
        Path file = Files.writeString(folder.resolve("note.txt"), "x");

        assertThat(failingFor("*.weird").open(file.toUri().toString())).isInstanceOf(SystemOpener.Outcome.Opened.class);
    }

    @Test
    void aFileNoProgramOpensHasItsFolderOpenedAndSaysSo() throws Exception {
        Path file = Files.writeString(folder.resolve("data.weird"), "x");

        var outcome = failingFor("*.weird").open(file.toUri().toString());

        assertThat(outcome).isInstanceOfSatisfying(SystemOpener.Outcome.OpenedFolder.class, opened -> {
            assertThat(opened.folder()).isEqualTo(folder);
            assertThat(opened.message()).contains("No application on this computer opens data.weird");
        });
    }

    @Test
    void whenNothingOpensEvenTheFolderTheMessageSaysWhereTheFileIs() throws Exception {
        Path file = Files.writeString(folder.resolve("data.weird"), "x");

        var outcome = failingFor("*").open(file.toUri().toString());

        assertThat(outcome).isInstanceOfSatisfying(SystemOpener.Outcome.Failed.class, failed -> assertThat(failed.message())
                .contains("no program for this kind of file is installed").contains(file.toString()));
    }

    @Test
    void aMovedFileIsReportedWithoutAskingTheSystem() {
        var asked = new ArrayList<String>();
        var opener = new SystemOpener(List.of(), asked::add);

        var outcome = opener.open(folder.resolve("gone.pdf").toUri().toString());

        assertThat(outcome).isInstanceOfSatisfying(SystemOpener.Outcome.Failed.class,
                failed -> assertThat(failed.message()).contains("no longer at"));
        assertThat(asked).isEmpty();
    }

    @Test
    void withoutASystemCommandTheFallbackOpensIt() {
        var asked = new ArrayList<String>();

        var outcome = new SystemOpener(List.of(), asked::add).open("https://www.sec.gov/");

        assertThat(outcome).isInstanceOf(SystemOpener.Outcome.Opened.class);
        assertThat(asked).containsExactly("https://www.sec.gov/");
    }
}
