package dev.robust.trainer.rest;

import java.util.Map;

/**
 * The body of {@code POST /runs}: a profile ({@code seed}, {@code quick} or {@code ci}; required),
 * settings to change in it, keyed as in {@code common/src/main/resources/profiles/*.properties}, and the engine
 * that trains the run (one of {@code GET /info}'s {@code engines}; when absent, the profile's {@code engine}
 * setting: torch for quick, dl4j for seed and ci).
 */
public record RunRequestBody(String profile, Map<String, Object> overrides, String engine) {
}
