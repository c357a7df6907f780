package dev.robust.augment;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

import java.time.Duration;
import java.util.Map;

import static io.restassured.RestAssured.given;

/**
 * The data set every test of this module works on: {@code synthetic:1000} with 100 validation images, ingested
 * through the REST API. Ingesting it again is cheap (the service skips topics that already hold it), so each test
 * class calls {@link #ingest} without caring which ran first.
 */
public final class SyntheticDataset {
    public static final String SPEC = "synthetic:1000";
    public static final int TRAIN_SIZE = 1000;
    public static final int VALIDATION_SIZE = 100;

    private SyntheticDataset() {
    }

    /** Posts the ingest, waits for the job to finish and returns its final status. */
    public static JsonPath ingest() throws InterruptedException {
        String id = given().contentType(ContentType.JSON)
                .body(Map.of("spec", SPEC, "validationSize", VALIDATION_SIZE))
                .post("/datasets").then().statusCode(202).extract().path("id");
        return awaitJob("/datasets/jobs/" + id, Duration.ofMinutes(2));
    }

    public static JsonPath awaitJob(String path, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            JsonPath status = given().get(path).then().statusCode(200).extract().jsonPath();
            String state = status.getString("state");
            if (state.equals("SUCCEEDED")) return status;
            if (state.equals("FAILED")) throw new AssertionError("job failed: " + status.getString("error"));
            Thread.sleep(200);
        }
        throw new AssertionError(path + " did not finish within " + timeout);
    }
}
