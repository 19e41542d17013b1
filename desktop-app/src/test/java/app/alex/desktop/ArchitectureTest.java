package app.alex.desktop;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/** The shape the desktop keeps: view-models without scene-graph types, features that do not reach into each other. */
class ArchitectureTest {
    static final JavaClasses CLASSES = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("app.alex.desktop");

    @Test
    void viewModelsHoldStateAndNeverTouchControlsOrLayouts() {
        noClasses().that().haveSimpleNameEndingWith("ViewModel")
                .should().dependOnClassesThat().resideInAnyPackage("javafx.scene..", "javafx.stage..")
                .check(CLASSES);
    }

    @Test
    void screensDoNotDependOnEachOther() {
        slices().matching("app.alex.desktop.(feed|research|ingest|search|library|financials|settings)..")
                .should().notDependOnEachOther().check(CLASSES);
    }

    @Test
    void theBackendSeamKnowsNothingOfScreensOrControls() {
        noClasses().that().resideInAnyPackage("app.alex.desktop.backend..", "app.alex.desktop.config..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx.scene..", "javafx.stage..", "app.alex.desktop.shell..")
                .check(CLASSES);
    }
}
