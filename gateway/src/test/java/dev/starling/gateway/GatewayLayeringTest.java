package dev.starling.gateway;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/** The gateway's packages depend on each other in one direction, and the WebSocket library stays in {@code ws}. */
class GatewayLayeringTest {

    private static JavaClasses gateway;

    @BeforeAll
    static void importClasses() {
        gateway = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.starling.gateway");
    }

    @Test
    void packagesHaveNoCycles() {
        slices().matching("dev.starling.gateway.(*)..").should().beFreeOfCycles().check(gateway);
    }

    @Test
    void onlyTheWsPackageTouchesTheWebSocketTransport() {
        noClasses().that().resideOutsideOfPackage("dev.starling.gateway.ws..")
                .should().dependOnClassesThat().haveFullyQualifiedName("io.vertx.core.http.ServerWebSocket")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("io.vertx.core.http.WebSocketFrame")
                .check(gateway);
    }

    @Test
    void theClusterKnowsNothingOfWhatIsBuiltOnIt() {
        noClasses().that().resideInAPackage("dev.starling.gateway.cluster..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "dev.starling.gateway.channel..",
                        "dev.starling.gateway.user..",
                        "dev.starling.gateway.ws..",
                        "dev.starling.gateway.api..",
                        "dev.starling.gateway.fanout..")
                .check(gateway);
    }

    @Test
    void theRulesSeeTheGatewayClasses() {
        // Guards against an empty import making every rule pass vacuously.
        org.assertj.core.api.Assertions.assertThat(gateway.contain("dev.starling.gateway.cluster.ClusterState")).isTrue();
        org.assertj.core.api.Assertions.assertThat(gateway.contain("dev.starling.gateway.ws.PusherEndpoint")).isTrue();
    }
}
