package dev.robust.augment.rest;

import dev.robust.kafka.embedded.testing.EmbeddedKafkaTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
@QuarkusTestResource(EmbeddedKafkaTestResource.class)
class IngestRequestValidationTest {

    @Test
    void refusesADatasetPathThatLeavesTheDataRoot() {
        given().contentType(ContentType.JSON).body(Map.of("spec", "cifar10:../../etc"))
                .post("/datasets")
                .then().statusCode(400).contentType("application/problem+json")
                .body("field", equalTo("spec"))
                .body("detail", containsString("outside the data root"));
    }

    @Test
    void refusesAnAbsolutePathElsewhere() {
        given().contentType(ContentType.JSON).body(Map.of("spec", "imagefolder:/etc"))
                .post("/datasets")
                .then().statusCode(400).body("field", equalTo("spec"));
    }

    @Test
    void refusesACorruptionDirectoryOutsideTheDataRoot() {
        given().contentType(ContentType.JSON).body(Map.of("directory", "../CIFAR-10-C"))
                .post("/corruptions")
                .then().statusCode(400).contentType("application/problem+json")
                .body("field", equalTo("directory"));
    }

    @Test
    void namesTheFieldOfAnUnknownSpecOrSize() {
        given().contentType(ContentType.JSON).body(Map.of("spec", "mnist:foo"))
                .post("/datasets").then().statusCode(400).body("field", equalTo("spec"));
        given().contentType(ContentType.JSON).body(Map.of("spec", "synthetic:100", "validationSize", -1))
                .post("/datasets").then().statusCode(400).body("field", equalTo("validationSize"));
        given().contentType(ContentType.JSON).body("{\"spec\": \"synthetic:100\", \"validationSize\": \"many\"}")
                .post("/datasets").then().statusCode(400).contentType("application/problem+json")
                .body("field", equalTo("validationSize"));
    }

    @Test
    void namesTheFieldOfAnUnknownCorruptionOrSeverity() {
        given().contentType(ContentType.JSON).body(Map.of("corruptions", List.of("rain")))
                .post("/corruptions").then().statusCode(400).body("field", equalTo("corruptions"));
        given().contentType(ContentType.JSON).body(Map.of("severities", List.of(6)))
                .post("/corruptions").then().statusCode(400).body("field", equalTo("severities"));
    }

    @Test
    void unknownJobIsA404Problem() {
        given().get("/datasets/jobs/nope").then().statusCode(404).contentType("application/problem+json");
    }
}
