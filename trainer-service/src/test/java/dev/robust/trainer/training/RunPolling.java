package dev.robust.trainer.training;

import java.time.Duration;

import static io.restassured.RestAssured.given;

/** Waits on {@code GET /runs/{id}} until a run has ended. */
final class RunPolling {
    static final Duration RUN_TIMEOUT = Duration.ofMinutes(4);

    private RunPolling() {
    }

    /** The run's final status (FINISHED, FAILED, CANCELLED); fails the test when it does not end in time. */
    static String awaitEnd(String runId) throws InterruptedException {
        long deadline = System.nanoTime() + RUN_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            String status = given().get("/runs/" + runId).then().statusCode(200).extract().path("status");
            if (status.equals("FINISHED") || status.equals("FAILED") || status.equals("CANCELLED")) {
                return status;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("run " + runId + " did not end within " + RUN_TIMEOUT + ": "
                + given().get("/runs/" + runId).asString());
    }
}
