package app.alex.terraform;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The source reading the wiring checks rely on. */
class CodebaseTest {

    @Test
    void commentsAreRemovedButStringLiteralsAndTextBlocksStay() {
        String java = """
                class A {
                  // String OLD = "ALEX_OLD_NAME";
                  /* "ALEX_BLOCK" */ String url = "http://x//y"; /** doc "ALEX_DOC" */
                  String env = env.get("ALEX_VECTOR_INDEX");
                  char q = '"';
                  String t = \"""
                      ALEX_IN_TEXT_BLOCK
                      \""";
                }
                """;

        String stripped = Codebase.withoutComments(java);

        assertThat(stripped).contains("\"http://x//y\"", "\"ALEX_VECTOR_INDEX\"", "ALEX_IN_TEXT_BLOCK", "'\"'")
                .doesNotContain("ALEX_OLD_NAME", "ALEX_BLOCK", "ALEX_DOC");
        assertThat(Codebase.stringLiterals(Map.of(Path.of("A.java"), stripped), Pattern.compile("ALEX_[A-Z0-9_]+")))
                .containsExactly("ALEX_VECTOR_INDEX");
    }

    @Test
    void aDeployablePackagesItsModuleAndTheAppModulesItDependsOnButNotTestOnes() {
        Codebase code = Codebase.here();

        var modules = code.packagedModules("lambdas");

        assertThat(modules).contains(code.module("lambdas"), code.module("core"));
        assertThat(modules).doesNotContain(code.module("desktop-app"), code.module("cli"));
    }
}
