package dev.robust.service.problem;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

/** The kit's mappers inside a real Quarkus application, on a stand-in resource. */
@QuarkusTest
class ProblemMappersTest {
    private static final String TOKEN = "Bearer test-token";

    @Test
    void malformedJsonIsABadRequestAboutTheBody() {
        post("{\"item\": ").statusCode(400).body("field", equalTo("body"))
                .body("detail", containsString("request body"));
    }

    @Test
    void aBodyThatIsNotAnObjectIsABadRequestAboutTheBody() {
        post("[1, 2]").statusCode(400).body("field", equalTo("body"));
        post("\"an order\"").statusCode(400).body("field", equalTo("body"));
    }

    @Test
    void aValueOfTheWrongTypeNamesItsField() {
        post("{\"item\": \"tea\", \"quantity\": \"five\"}").statusCode(400).body("field", equalTo("quantity"));
        post("{\"item\": \"tea\", \"quantity\": \"5\"}").statusCode(400).body("field", equalTo("quantity"));
        post("{\"item\": 5}").statusCode(400).body("field", equalTo("item"));
        post("{\"item\": \"tea\", \"sizes\": [1, \"x\"]}").statusCode(400).body("field", equalTo("sizes.1"));
    }

    @Test
    void anUnknownFieldIsRejectedByName() {
        post("{\"item\": \"tea\", \"quantaty\": 5}").statusCode(400).body("field", equalTo("quantaty"))
                .body("detail", containsString("unknown field 'quantaty'"))
                .body("detail", containsString("quantity"));
    }

    @Test
    void anInvalidFieldNamesItAndTheBound() {
        post("{\"item\": \"tea\", \"quantity\": 101}").statusCode(400).body("field", equalTo("quantity"))
                .body("detail", containsString("1..100"));
        post("").statusCode(400).body("field", equalTo("body"));
    }

    @Test
    void aLongInputIsNeverEchoedWhole() {
        String huge = "x".repeat(20_000);
        post("{\"item\": \"tea\", \"" + huge + "\": 1}").statusCode(400)
                .body("detail.length()", lessThan(Problem.MAX_TEXT + 100))
                .body("field.length()", lessThan(Problem.MAX_TEXT + 100));
    }

    @Test
    void aBodyOverTheLimitIsAProblem() {
        post("{\"item\": \"" + "x".repeat(100 * 1024) + "\"}").statusCode(413).body("field", equalTo("body"))
                .body("detail", containsString("max-body-size"));
    }

    @Test
    void aWrongMediaTypeIsAProblemSayingWhatToSend() {
        problem(given().header("Authorization", TOKEN).contentType(ContentType.TEXT).body("tea").post("/orders"))
                .statusCode(415).body("detail", containsString("application/json"));
        problem(given().accept(ContentType.XML).get("/orders/1"))
                .statusCode(406).body("detail", containsString("application/json"));
    }

    @Test
    void aWrongMethodIsAProblemNamingTheAllowedOnes() {
        problem(given().header("Authorization", TOKEN).put("/orders")).statusCode(405)
                .body("detail", containsString("OPTIONS /orders"));
        given().options("/orders").then().header("Allow", containsString("POST"));
    }

    @Test
    void unknownResourcesAreNotFoundProblemsForEveryRepresentation() {
        problem(given().get("/orders/42")).statusCode(404).body("detail", equalTo("no order '42'"));
        problem(given().get("/nothing/here")).statusCode(404).body("detail", containsString("/nothing/here"));
        problem(given().accept(ContentType.HTML).get("/nothing/here")).statusCode(404);
    }

    @Test
    void aBugIsAServerErrorWithoutItsStackTrace() {
        problem(given().get("/orders/broken")).statusCode(500)
                .body("detail", containsString("the order book is unreadable"))
                .body(not(containsString("at dev.robust")));
    }

    private static ValidatableResponse post(String body) {
        return problem(given().header("Authorization", TOKEN).contentType(ContentType.JSON).body(body)
                .post("/orders"));
    }

    private static ValidatableResponse problem(io.restassured.response.Response response) {
        return response.then().log().ifValidationFails().contentType(startsWith(Problem.MEDIA_TYPE)).body("detail", not(equalTo("")))
                .body("status", equalTo(response.statusCode()));
    }
}
