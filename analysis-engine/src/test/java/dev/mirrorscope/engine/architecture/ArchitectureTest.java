package dev.mirrorscope.engine.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The engine is the part without windows: it must never depend on JavaFX, and decoding stays below storage. */
class ArchitectureTest {
    private static JavaClasses engine;

    @BeforeAll
    static void load() {
        engine = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.mirrorscope");
    }

    @Test
    void engineHasNoJavaFx() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("javafx..", "org.controlsfx..")
                .because("the analysis engine runs headless and is shared by the CLI and the app")
                .check(engine);
    }

    @Test
    void decodersDoNotKnowStorageOrQueries() {
        noClasses().that().resideInAPackage("dev.mirrorscope.engine.decode..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.mirrorscope.engine.store..",
                        "dev.mirrorscope.engine.query..", "dev.mirrorscope.engine.ingest..", "java.sql..")
                .check(engine);
    }

    @Test
    void captureReadersDoNotKnowStorage() {
        noClasses().that().resideInAPackage("dev.mirrorscope.engine.capture..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.mirrorscope.engine.store..", "java.sql..")
                .check(engine);
    }

    @Test
    void engineDoesNotUseTheCommandLine() {
        noClasses().that().resideInAPackage("dev.mirrorscope.engine..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.mirrorscope.cli..", "picocli..")
                .check(engine);
    }
}
