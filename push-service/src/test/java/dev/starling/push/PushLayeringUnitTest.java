package dev.starling.push;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/** Layers: resources are the only HTTP layer; services never reach up into the API or across to the gateway. */
class PushLayeringUnitTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(new ImportOption.DoNotIncludeTests()).importPackages("dev.starling.push");

    @Test
    void onlyTheApiPackageServesHttp() {
        noClasses().that().resideOutsideOfPackages("dev.starling.push.api..", "dev.starling.push.error..")
                .should().dependOnClassesThat().resideInAnyPackage("jakarta.ws.rs..")
                .check(CLASSES);
    }

    @Test
    void nothingDependsOnTheApiPackage() {
        noClasses().that().resideOutsideOfPackage("dev.starling.push.api..")
                .should().dependOnClassesThat().resideInAPackage("dev.starling.push.api..")
                .check(CLASSES);
    }

    @Test
    void pushServiceSharesOnlyTheProtocolModule() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("dev.starling.gateway..", "dev.starling.testkit..")
                .check(CLASSES);
    }
}
