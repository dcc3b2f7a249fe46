package dev.starling.protocol;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;

import dev.starling.protocol.frame.FrameDecoder;

/** The protocol module is plain Java: no framework, runtime or injection dependency. */
class ProtocolLayeringTest {

    private static final String[] FRAMEWORKS = {
            "io.quarkus..", "io.vertx..", "io.smallrye..", "io.netty..", "jakarta..", "javax.enterprise..",
            "javax.inject..", "org.jboss..", "io.micrometer.."};

    private static final JavaClasses MAIN_CLASSES = new ClassFileImporter()
            .withImportOption(new ImportOption.DoNotIncludeTests())
            .importPackages("dev.starling.protocol");

    private static ArchRule noDependencyOn(String... packages) {
        return noClasses().that().resideInAPackage("dev.starling.protocol..")
                .should().dependOnClassesThat().resideInAnyPackage(packages);
    }

    @Test
    void theMainClassesAreImportedAndTheTestsAreNot() {
        assertThat(MAIN_CLASSES.size()).as("imported main classes").isGreaterThan(10);
        assertThat(MAIN_CLASSES.contain(FrameDecoder.class)).isTrue();
        assertThat(MAIN_CLASSES.contain(ProtocolLayeringTest.class)).as("test classes imported").isFalse();
    }

    @Test
    void protocolDependsOnNoFramework() {
        assertThat(MAIN_CLASSES.size()).as("imported main classes").isGreaterThan(10);

        noDependencyOn(FRAMEWORKS)
                .because("protocol is plain Java shared by every service (STYLE.md, Structure 1)")
                .check(MAIN_CLASSES);
    }

    @Test
    void theSameRuleCatchesADependencyThatExists() {
        // Jackson is the one library protocol uses: the rule must see it, or it checks nothing.
        assertThatThrownBy(() -> noDependencyOn("com.fasterxml.jackson..").check(MAIN_CLASSES))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("com.fasterxml.jackson");
    }
}
