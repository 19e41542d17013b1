package app.alex.core;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

/** The core stays the shared heart of every deployment: no cloud, UI, index or model runtime in it. */
class ArchitectureTest {
    private static JavaClasses core;

    @BeforeAll
    static void importCore() {
        core = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
                .importPackages("app.alex.core");
    }

    @Test
    void theImportSeesTheCoreClasses() {
        // Guards the rules below against passing vacuously on an empty import.
        assertThat(core.contain("app.alex.core.ingest.IngestService")).isTrue();
        assertThat(core.size()).isGreaterThan(30);
    }

    @Test
    void coreClassesDependOnNoAwsJavaFxLuceneOrModelRuntime() {
        noClasses().that().resideInAPackage("app.alex.core..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "software.amazon..", "com.amazonaws..", "javafx..", "org.apache.lucene..",
                        "ai.onnxruntime..", "ai.djl..")
                .because("the core is shared by the cloud, the embedded backend and the desktop; adapters hold those")
                .check(core);
    }

    /*
     * Feature packages are not checked for cycles: today index and search depend on each other
     * (IndexQuery/DocumentQuery carry search.SearchFilter and SearchMode; SearchService uses
     * VectorIndex). Checked with slices().matching("app.alex.core.(*)..").should().beFreeOfCycles(),
     * which reports exactly that one cycle.
     */

    @Test
    void extractionAndChunkingDependOnNoOtherCoreFeature() {
        noClasses().that().resideInAnyPackage("app.alex.core.extract..", "app.alex.core.chunk..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "app.alex.core.ingest..", "app.alex.core.search..", "app.alex.core.index..",
                        "app.alex.core.embed..", "app.alex.core.document..", "app.alex.core.library..",
                        "app.alex.core.backend..", "app.alex.core.research..")
                .because("extraction and chunking are leaves every use case builds on")
                .check(core);
    }
}
