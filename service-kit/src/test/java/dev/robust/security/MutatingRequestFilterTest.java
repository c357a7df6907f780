package dev.robust.security;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;

/** The filter inside a real Quarkus application (test profile: token {@code test-token}). */
@QuarkusTest
class MutatingRequestFilterTest {
    @Test
    void getIsOpen() {
        given().get("/things").then().statusCode(200);
    }

    @Test
    void postWithoutTheTokenIsUnauthorizedAndSaysHowToAuthenticate() {
        given().post("/things").then()
                .statusCode(401)
                .header("WWW-Authenticate", containsString("Bearer"))
                .body(containsString("Authorization: Bearer"))
                .body(org.hamcrest.Matchers.not(containsString("test-token")));
    }

    @Test
    void deleteWithTheTokenPasses() {
        given().header("Authorization", "Bearer test-token").delete("/things").then().statusCode(204);
        given().header("Authorization", "Bearer test-token").post("/things").then().statusCode(204);
    }
}
