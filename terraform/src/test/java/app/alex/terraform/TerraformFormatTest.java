package app.alex.terraform;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every .tf file is as {@code terraform fmt} writes it: checked by {@link HclFormat} everywhere,
 * and by the real {@code terraform fmt -check} as well where a terraform binary is on the PATH.
 */
class TerraformFormatTest {

    static List<Path> tfFiles() {
        return Hcl.tfFiles();
    }

    @ParameterizedTest(name = "{0} is formatted as terraform fmt writes it")
    @MethodSource("tfFiles")
    void everyTerraformFileIsFormattedAsTerraformFmtWritesIt(Path file) throws IOException {
        assertThat(HclFormat.problems(Files.readString(file))).as(file.getFileName().toString()).isEmpty();
    }

    @Test
    void theFormatCheckCatchesMisalignedEqualsSignsAndBadIndentation() {
        String aligned = """
                locals {
                  api_environment = {
                    ALEX_VECTOR_BUCKET       = "b"
                    ALEX_EMBEDDINGS_ENDPOINT = "e"
                  }
                }
                """;
        assertThat(HclFormat.problems(aligned)).isEmpty();
        assertThat(HclFormat.problems(aligned.replace("BUCKET       =", "BUCKET        =")))
                .singleElement().asString().contains("line 3", "fmt aligns it");
        assertThat(HclFormat.problems(aligned.replace("  api_environment", "   api_environment")))
                .singleElement().asString().contains("line 2", "indented 3 spaces");
        assertThat(HclFormat.problems("a = 1\n\n")).containsExactly("end of file: exactly one newline");
    }

    @Test
    void aBlankLineACommentOrAMultiLineValueStartsANewAlignmentRun() {
        assertThat(HclFormat.problems("""
                resource "x" "y" {
                  arn      = "a"
                  role_arn = "b"
                  input = jsonencode({
                    source = "s"
                    # a comment ends the run
                    scheduled_time = "t"
                  })

                  z = 1
                }
                """)).isEmpty();
    }

    @Test
    void whereTerraformIsInstalledItsOwnFmtCheckPassesToo() throws Exception {
        Optional<Path> terraform = onPath("terraform");
        if (terraform.isEmpty()) {
            // Nothing more to run: the rules above are the check on a machine without the binary.
            assertThat(HclFormat.problems(Files.readString(Hcl.terraformDir().resolve("versions.tf")))).isEmpty();
            return;
        }
        Process fmt = new ProcessBuilder(terraform.get().toString(), "fmt", "-check", "-recursive", "-list=true", ".")
                .directory(Hcl.terraformDir().toFile()).redirectErrorStream(true).start();
        String output = new String(fmt.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(fmt.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(fmt.exitValue()).as("terraform fmt -check -recursive lists files it would change:\n" + output).isZero();
    }

    static Optional<Path> onPath(String command) {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .filter(d -> !d.isBlank()).map(d -> Path.of(d, command)).filter(Files::isExecutable).findFirst();
    }
}
