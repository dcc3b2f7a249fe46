package dev.starling.history;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/** The packages depend downwards only: api/ingest/retention on store, store on nothing of the service above it. */
class HistoryLayeringTest {

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(new ImportOption.DoNotIncludeTests()).importPackages("dev.starling.history");

    @Test
    void storeKnowsNothingOfItsCallers() {
        assertThat(MAIN.size()).isGreaterThan(20);
        noClasses().that().resideInAPackage("dev.starling.history.store..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.starling.history.api..",
                        "dev.starling.history.ingest..", "dev.starling.history.retention..",
                        "dev.starling.history.kafka..", "dev.starling.history.health..")
                .check(MAIN);
    }

    @Test
    void theApiDoesNotReachIntoConsumption() {
        noClasses().that().resideInAPackage("dev.starling.history.api..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.starling.history.ingest..",
                        "dev.starling.history.retention..", "dev.starling.history.kafka..")
                .check(MAIN);
        noClasses().that().resideInAPackage("dev.starling.history.retention..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.starling.history.api..",
                        "dev.starling.history.ingest..")
                .check(MAIN);
    }
}
